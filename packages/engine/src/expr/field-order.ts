import type { Span } from '../diagnostics/span.ts'
import { CHECK_LIMITS } from './limits.ts'

/** What ordering needs of a field: its name and the siblings it reads (with the span of each read). */
export interface OrderField {
  name: string
  uses: { siblings: ReadonlyMap<string, Span> }
}

/**
 * Orders fields so that every field comes after the siblings it reads; reports fields on a
 * cycle and appends them. Iterative (a 15,000-field chain does not touch the stack). A short
 * cycle is reported once per field on it; a cycle longer than `CHECK_LIMITS.maxCycleNames` is
 * reported once, its path cut to a few names and "… and N more".
 */
export function dependencyOrder<F extends OrderField>(
  fields: F[],
  onCycle: (f: F, cycle: string[], span: Span) => void,
): F[] {
  const byName = new Map(fields.map((f) => [f.name, f]))
  // 1: on the current path; 2: ordered.
  const state = new Map<string, 1 | 2>()
  const pathIndex = new Map<string, number>()
  const order: F[] = []
  const reported = new Set<string>()
  let reports = 0

  const reportCycle = (cycle: F[]): void => {
    if (reports >= CHECK_LIMITS.maxCycleReports) return
    reports++
    const names = cycle.map((f) => f.name)
    const max = CHECK_LIMITS.maxCycleNames
    if (names.length > max) {
      const first = cycle[0]
      if (reported.has(first.name)) return
      reported.add(first.name)
      const path = [...names.slice(0, max), `… and ${names.length - max} more`, first.name]
      onCycle(first, path, first.uses.siblings.get(names[1])!)
      return
    }
    names.forEach((name, i) => {
      if (reported.has(name)) return
      reported.add(name)
      const next = names[(i + 1) % names.length]
      const path = [...names.slice(i), ...names.slice(0, i), name]
      onCycle(cycle[i], path, cycle[i].uses.siblings.get(next)!)
    })
  }

  const path: F[] = []
  const pending: Iterator<string>[] = []
  const enter = (f: F): void => {
    state.set(f.name, 1)
    pathIndex.set(f.name, path.length)
    path.push(f)
    pending.push(f.uses.siblings.keys())
  }
  for (const root of fields) {
    if (state.has(root.name)) continue
    enter(root)
    while (path.length > 0) {
      const next = pending[pending.length - 1].next()
      if (next.done) {
        const f = path.pop()!
        pending.pop()
        pathIndex.delete(f.name)
        state.set(f.name, 2)
        order.push(f)
        continue
      }
      const dep = byName.get(next.value)
      if (!dep) continue
      const s = state.get(dep.name)
      if (s === 2) continue
      if (s === 1) reportCycle(path.slice(pathIndex.get(dep.name)))
      else enter(dep)
    }
  }
  return order
}
