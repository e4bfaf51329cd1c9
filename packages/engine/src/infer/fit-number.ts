/** A distribution fitted to a field's numbers, with how far the sample is from it (KS distance). */
export type NumberFit =
  | { kind: 'uniform'; min: number; max: number; distance: number }
  | { kind: 'normal'; mean: number; sd: number; distance: number }
  | { kind: 'lognormal'; mu: number; sigma: number; distance: number }

/**
 * Fits uniform, normal and (for positive values) lognormal distributions by their moments and
 * keeps the one whose CDF is closest to the sample's (the Kolmogorov-Smirnov distance).
 * `values` is non-empty.
 */
export function fitNumbers(values: readonly number[]): NumberFit {
  const sorted = [...values].sort((a, b) => a - b)
  const min = sorted[0]
  const max = sorted[sorted.length - 1]
  const { mean, sd } = moments(sorted)
  const fits: NumberFit[] = [
    {
      kind: 'uniform',
      min,
      max,
      distance: ksDistance(sorted, (x) => (max === min ? 1 : clamp01((x - min) / (max - min)))),
    },
  ]
  if (sd > 0)
    fits.push({ kind: 'normal', mean, sd, distance: ksDistance(sorted, (x) => normalCdf((x - mean) / sd)) })
  if (min > 0) {
    const logs = moments(sorted.map(Math.log))
    if (logs.sd > 0) {
      const cdf = (x: number): number => normalCdf((Math.log(x) - logs.mean) / logs.sd)
      fits.push({ kind: 'lognormal', mu: logs.mean, sigma: logs.sd, distance: ksDistance(sorted, cdf) })
    }
  }
  // Uniform wins ties: it is the simplest to read and never leaves the observed range.
  return fits.reduce((best, f) => (f.distance < best.distance - 0.01 ? f : best))
}

function moments(values: readonly number[]): { mean: number; sd: number } {
  let mean = 0
  for (const v of values) mean += v
  mean /= values.length
  let sq = 0
  for (const v of values) sq += (v - mean) ** 2
  return { mean, sd: values.length > 1 ? Math.sqrt(sq / (values.length - 1)) : 0 }
}

/** Largest gap between the sample's step CDF and `cdf`; `sorted` is ascending. */
function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length
  let d = 0
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i])
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f))
  }
  return d
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x))
}

/** The standard normal CDF (Abramowitz-Stegun 7.1.26 for erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}
