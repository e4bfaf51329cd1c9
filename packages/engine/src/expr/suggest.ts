import { didYouMean as closestName } from '../story/did-you-mean.ts'

/** The closest candidate to `name` within a distance that still looks like a typo, or undefined (one rule for the whole engine). */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  return closestName(name, candidates)
}

/** A "did you mean" hint, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const c = closest(name, candidates)
  return c === undefined ? undefined : `did you mean \`${c}\`?`
}
