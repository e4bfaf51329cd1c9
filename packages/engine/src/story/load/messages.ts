/**
 * Messages written in more than one place of the loader, one builder per code, so the same
 * problem reads the same wherever it is found. User text is quoted through `quoteUser` (capped).
 */
import { MAX_DIAGNOSTICS } from '../../diagnostics/cap-diagnostics.ts'
import type { Diagnostic } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import { didYouMean } from '../did-you-mean.ts'

/** A message and its hint. */
export interface Message {
  message: string
  hint?: string
}

/** `story/empty-events`. */
export function emptyEvents(): Message {
  return { message: '`events` is empty: a story needs at least one event', hint: 'Add `- source: ...`' }
}

/** The hint of every `story/invalid-date`. */
export const DATE_HINT = 'Write 2025-01-01 or 2025-01-01T09:00'

/** `story/missing-key`: `where` is a described path (or empty for the story), `extra` says more. */
export function missingKey(key: string, where: string, extra = ''): Message {
  return {
    message: `Missing required key ${quoteUser(key)}${where ? ` in ${where}` : ''}${extra}`,
    hint: `Add \`${key}: ...\``,
  }
}

/** `story/invalid-repeat`: `got` describes the value. */
export function invalidRepeat(got: string): Message {
  return { message: `\`repeat\` must be a positive integer, not ${got}`, hint: 'e.g. `repeat: 30`' }
}

/** `story/invalid-probability`. */
export function invalidProbability(got: number): Message {
  return { message: `\`probability\` must be between 0 and 1, not ${got}`, hint: 'e.g. `probability: 0.4`' }
}

/**
 * A "did you mean" hint for a name among candidates, else `fallback`. Once `out` holds
 * MAX_DIAGNOSTICS problems no more guesses are made: later diagnostics are mostly left out by the
 * cap anyway, and thousands of guesses over thousands of names would be slow.
 */
export function suggestion(
  out: readonly Diagnostic[],
  name: string,
  candidates: Iterable<string>,
  fallback?: string,
): string | undefined {
  if (out.length >= MAX_DIAGNOSTICS) return fallback
  const guess = didYouMean(name, candidates)
  return guess ? `did you mean ${quoteUser(guess)}?` : fallback
}
