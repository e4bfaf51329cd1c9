/**
 * Named shapes of a day for `pattern.hours`: 24 weights each, hour 0 (00:00-01:00 local)
 * first. They are written as relative weights and normalised to mean 1 when used, so only
 * their proportions matter. docs/time.md shows each one (profiles.test.ts keeps it in step).
 */
export const HOUR_PROFILES: Readonly<Record<string, readonly number[]>> = {
  // biome-ignore format: 24 weights per line read as one day
  flat:     [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  // biome-ignore format: 24 weights per line read as one day
  business: [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2, 2, 2, 1.6, 2, 2, 2, 1.8, 1.2, 0.6, 0.4, 0.3, 0.2, 0.1, 0.1],
  // biome-ignore format: 24 weights per line read as one day
  evening:  [0.4, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 1, 1.3, 1.8, 2.4, 2.6, 2.4, 1.6, 0.8],
  // biome-ignore format: 24 weights per line read as one day
  night:    [2.4, 2.2, 2, 1.8, 1.4, 0.8, 0.4, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 2, 2.3],
  // biome-ignore format: 24 weights per line read as one day
  morning:  [0.1, 0.1, 0.1, 0.1, 0.2, 0.6, 1.4, 2.4, 2.8, 2.6, 2, 1.4, 1, 0.8, 0.7, 0.6, 0.6, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1],
  // biome-ignore format: 24 weights per line read as one day
  retail:   [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1, 1.2, 1.4, 1.5, 1.4, 1.3, 1.3, 1.4, 1.5, 1.7, 1.9, 2, 1.7, 1.1, 0.5],
  // biome-ignore format: 24 weights per line read as one day
  commute:  [0.1, 0.1, 0.1, 0.1, 0.2, 0.6, 1.6, 2.6, 2.4, 1.2, 0.8, 0.8, 0.9, 0.8, 0.8, 1, 1.6, 2.4, 2.4, 1.4, 0.8, 0.5, 0.3, 0.2],
}

/** The weights scaled so their mean is 1 (the caller has checked they are not all zero). */
export function normalise(weights: readonly number[]): number[] {
  let sum = 0
  for (const w of weights) sum += w
  const scale = weights.length / sum
  return weights.map((w) => w * scale)
}
