/** The Seed field's text as a run seed: the CLI's `--seed` rule (an integer, written in digits, safe in JS). */

/** What the field's text means: the story's own seed (empty), a seed, or why it is not one. */
export type SeedText =
  | { kind: 'story' }
  | { kind: 'seed'; seed: number }
  | { kind: 'invalid'; message: string }

/** Reads the Seed field (`1.5`, `1e20` and `12abc` are refused with a reason, never ignored). */
export function parseSeedText(text: string): SeedText {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'story' }
  if (!/^[+-]?\d+$/.test(trimmed)) {
    return { kind: 'invalid', message: 'The seed must be a whole number written in digits, e.g. 42.' }
  }
  const seed = Number(trimmed)
  if (!Number.isSafeInteger(seed)) {
    return {
      kind: 'invalid',
      message: `The seed must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}.`,
    }
  }
  // `-0` and `+7` are the seeds 0 and 7.
  return { kind: 'seed', seed: seed === 0 ? 0 : seed }
}
