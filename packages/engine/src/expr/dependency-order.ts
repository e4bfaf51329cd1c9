import type { Span } from '../diagnostics/span.ts'
import type { FieldPlan } from './compiled.ts'

/**
 * Orders fields so that every field comes after the siblings it reads; reports each field
 * on a cycle (with the span where it reads the next field of the cycle) and appends them.
 * Iterative (an explicit stack), so a 15,000-field chain cannot overflow the call stack.
 */
export function dependencyOrder(
  fields: readonly FieldPlan[],
  onCycle: (f: FieldPlan, cycle: string[], span: Span) => void,
): FieldPlan[] {
  const byName = new Map(fields.map((f) => [f.name, f]))
  const state = new Map<string, 0 | 1 | 2>()
  const order: FieldPlan[] = []
  const onCycleFields = new Set<string>()
  // The path being walked (names), its position by name, and per frame the deps still to visit.
  const stack: string[] = []
  const onStack = new Map<string, number>()
  const pending: string[][] = []
  const enter = (f: FieldPlan): void => {
    state.set(f.name, 1)
    onStack.set(f.name, stack.length)
    stack.push(f.name)
    pending.push([...f.uses.siblings.keys()].reverse())
  }
  const reportCycle = (name: string): void => {
    const cycle = stack.slice(onStack.get(name))
    cycle.forEach((n, i) => {
      if (onCycleFields.has(n)) return
      onCycleFields.add(n)
      const from = byName.get(n)!
      const next = cycle[(i + 1) % cycle.length]
      const path = [...cycle.slice(i), ...cycle.slice(0, i), n]
      onCycle(from, path, from.uses.siblings.get(next)!)
    })
  }
  for (const root of fields) {
    if (state.get(root.name) !== undefined) continue
    enter(root)
    while (stack.length > 0) {
      const deps = pending[pending.length - 1]
      const dep = deps.pop()
      if (dep === undefined) {
        const name = stack.pop()!
        pending.pop()
        onStack.delete(name)
        state.set(name, 2)
        order.push(byName.get(name)!)
        continue
      }
      const d = byName.get(dep)
      if (!d) continue
      const s = state.get(dep)
      if (s === 2) continue
      if (s === 1) reportCycle(dep)
      else enter(d)
    }
  }
  return order
}
