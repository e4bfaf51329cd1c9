import type { Story } from '../story/types.ts'

/**
 * The exact number of events a story makes, when it can be known before running it: no
 * `end_date` cut, no `probability` or `when` filter. `after` funnels multiply by the parent's
 * count. Undefined otherwise. (The studio sizes exports and decides whether a shared story may
 * run by itself with it; the CLI's progress line has the same rule in packages/cli.)
 */
export function expectedTotal(story: Story): number | undefined {
  if (story.end !== undefined) return undefined
  const byId = new Map(story.events.map((e) => [e.id, e]))
  const memo = new Map<string, number | undefined>()
  const countable = (id: string): boolean => {
    const def = byId.get(id)
    if (!def) return false
    return (
      def.probability >= 1 &&
      (def.when === undefined || (def.when.kind === 'literal' && def.when.value === true))
    )
  }
  // Iterative over the `after` chain (a funnel can be thousands of steps deep): walk up to a
  // known count or the root, then multiply back down. A cycle or a missing parent is unknown.
  const countOf = (id: string): number | undefined => {
    const chain: string[] = []
    const onChain = new Set<string>()
    let cur: string | undefined = id
    let base: number | undefined = 1
    while (cur !== undefined) {
      if (memo.has(cur)) {
        base = memo.get(cur)
        break
      }
      if (!countable(cur) || onChain.has(cur)) {
        base = undefined
        if (byId.has(cur) && !onChain.has(cur)) {
          memo.set(cur, undefined)
        }
        break
      }
      chain.push(cur)
      onChain.add(cur)
      cur = byId.get(cur)!.after
      if (cur === undefined) base = 1
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base = base === undefined ? undefined : base * byId.get(chain[i])!.repeat
      memo.set(chain[i], base)
    }
    return memo.has(id) ? memo.get(id) : base
  }
  let total = 0
  for (const e of story.events) {
    const n = countOf(e.id)
    if (n === undefined) return undefined
    total += n
  }
  return total
}
