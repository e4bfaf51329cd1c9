import { measure } from '../expr/values.ts'

/** Overhead counted per kept value (a pointer, a box). */
const VALUE_BYTES = 16
/** Overhead counted per stored occurrence (the record itself, its id). */
export const OCCURRENCE_BYTES = 96

/**
 * A cheap estimate of the memory a kept value holds: strings by length, containers by the
 * weight the expression limits already measure (memoised per container), the rest a word.
 * It bounds the history in bytes; it is not an exact heap size.
 */
export function valueBytes(v: unknown): number {
  if (typeof v === 'string') return VALUE_BYTES + 2 * v.length
  if (v === null || typeof v !== 'object') return VALUE_BYTES
  return VALUE_BYTES + 8 * measure(v).weight
}
