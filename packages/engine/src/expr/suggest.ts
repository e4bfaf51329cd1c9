import { didYouMean as closestName } from '../story/did-you-mean.ts'
import { CHECK_LIMITS } from './limits.ts'

/**
 * The closest candidate to `name` within a distance that still looks like a typo, or undefined
 * (one rule for the whole engine). Bounded: long names get no suggestion, and only candidates
 * of about the same length (which are the only ones close enough) are compared, at most
 * `CHECK_LIMITS.maxSuggestCandidates` of them, so a hostile story cannot make hints quadratic.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length === 0 || name.length > CHECK_LIMITS.maxSuggestLength) return undefined
  const allowed = Math.max(1, Math.floor(name.length / 3))
  const near: string[] = []
  let scanned = 0
  for (const c of candidates) {
    if (++scanned > CHECK_LIMITS.maxSuggestScan) break
    if (Math.abs(c.length - name.length) > allowed) continue
    near.push(c)
    if (near.length >= CHECK_LIMITS.maxSuggestCandidates) break
  }
  return closestName(name, near)
}

/** A "did you mean" hint, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const c = closest(name, candidates)
  return c === undefined ? undefined : `did you mean \`${c}\`?`
}

/** Names for a hint, at most `max` of them then "… and N more": a hint never grows with the story. */
export function listNames(names: Iterable<string>, max = CHECK_LIMITS.maxCycleNames * 2): string {
  const out: string[] = []
  let more = 0
  for (const n of names) {
    if (out.length < max) out.push(n)
    else more++
  }
  return more > 0 ? `${out.join(', ')}, … and ${more} more` : out.join(', ')
}
