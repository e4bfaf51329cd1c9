import type { StoryProgram } from '../expr/compiled.ts'
import type { Story } from '../story/types.ts'

/**
 * Rank of each definition for events at the same instant: a definition that is referenced
 * (by ref(), lookup() or after) comes before the ones that read it, then definition order.
 * A stable topological order (Kahn's algorithm, smallest definition index first); defs in a
 * reference cycle keep definition order after the rest.
 */
export function tieRanks(story: Story, compiled: StoryProgram): number[] {
  const n = story.events.length
  const readers: number[][] = story.events.map(() => [])
  const indegree = new Array<number>(n).fill(0)
  const idOf = new Map(story.events.map((e) => [e.id, e.index]))
  const addEdge = (target: number, reader: number) => {
    if (target === reader || readers[target].includes(reader)) return
    readers[target].push(reader)
    indegree[reader]++
  }
  compiled.defs.forEach((d, i) => {
    for (const t of d.refTargets) addEdge(t, i)
    for (const t of d.lookupTargets) addEdge(t, i)
    const after = story.events[i].after
    if (after !== undefined && idOf.has(after)) addEdge(idOf.get(after)!, i)
  })
  const ranks = new Array<number>(n).fill(-1)
  let next = 0
  const ready: number[] = []
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i)
  while (ready.length) {
    ready.sort((a, b) => a - b)
    const i = ready.shift()!
    ranks[i] = next++
    for (const r of readers[i]) if (--indegree[r] === 0) ready.push(r)
  }
  for (let i = 0; i < n; i++) if (ranks[i] < 0) ranks[i] = next++
  return ranks
}
