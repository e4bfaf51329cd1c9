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
  const readers: Set<number>[] = story.events.map(() => new Set())
  const indegree = new Array<number>(n).fill(0)
  const idOf = new Map(story.events.map((e) => [e.id, e.index]))
  const addEdge = (target: number, reader: number) => {
    if (target === reader || readers[target].has(reader)) return
    readers[target].add(reader)
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
  // Smallest ready index first, from a binary heap: O(n log n) also for thousands of definitions.
  const ready = new IndexHeap()
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i)
  while (ready.size > 0) {
    const i = ready.pop()!
    ranks[i] = next++
    for (const r of readers[i]) if (--indegree[r] === 0) ready.push(r)
  }
  for (let i = 0; i < n; i++) if (ranks[i] < 0) ranks[i] = next++
  return ranks
}

/** A binary min-heap of definition indices. */
class IndexHeap {
  private readonly a: number[] = []

  get size(): number {
    return this.a.length
  }

  push(x: number): void {
    const a = this.a
    a.push(x)
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1
      if (a[p] <= a[i]) break
      ;[a[p], a[i]] = [a[i], a[p]]
      i = p
    }
  }

  pop(): number | undefined {
    const a = this.a
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l
        if (a[i] <= a[c]) break
        ;[a[i], a[c]] = [a[c], a[i]]
        i = c
      }
    }
    return top
  }
}
