import { expectedCount, resolveRate } from '../schedule/rate/intensity.ts'
import type { Story } from '../story/types.ts'

/**
 * The exact number of events a story makes, when it can be known before running it: no
 * `end_date` cut, no `probability` or `when` filter. `after` funnels multiply by the parent's
 * count. A `rate` definition counts its expected number (the integral of its intensity), rounded
 * in the total. Undefined otherwise. (The studio sizes exports and decides whether a shared story may
 * run by itself with it; the CLI's progress line has the same rule in packages/cli.)
 */
export function expectedTotal(story: Story): number | undefined {
  const byId = new Map(story.events.map((e) => [e.id, e]))
  const memo = new Map<string, number | undefined>()
  const visiting = new Set<string>()
  const countOf = (id: string): number | undefined => {
    if (memo.has(id)) return memo.get(id)
    const def = byId.get(id)
    // an actor's state entries are random (issue 16): not known before the run
    if (!def || visiting.has(id) || def.on) return undefined
    if (
      def.probability < 1 ||
      (def.when !== undefined && !(def.when.kind === 'literal' && def.when.value === true))
    ) {
      memo.set(id, undefined)
      return undefined
    }
    if (def.rate) {
      // a rate's count is random: its expectation, the integral of the intensity
      const n = expectedCount(resolveRate(def.rate, story.start, story.end, story.timezone))
      memo.set(id, n)
      return n
    }
    // an end_date can cut a repeat list short
    if (story.end !== undefined) {
      memo.set(id, undefined)
      return undefined
    }
    visiting.add(id)
    const parents = def.after === undefined ? 1 : countOf(def.after)
    visiting.delete(id)
    const n = parents === undefined ? undefined : parents * def.repeat
    memo.set(id, n)
    return n
  }
  let total = 0
  for (const e of story.events) {
    const n = countOf(e.id)
    if (n === undefined) return undefined
    total += n
  }
  return Math.round(total)
}
