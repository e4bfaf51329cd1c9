import type { DefProgram, FieldPlan } from '../expr/compiled.ts'

/**
 * The fields a part evaluates for an occurrence another part emits, when later events read it
 * (ref, lookup, prev, `after:` children): the kept fields and the siblings they read, in
 * evaluation order. Every field draws from its own stream (runtime/streams.ts), so the subset
 * gets the very values a full evaluation would. Null when the whole data is needed: `when:`
 * reads any sibling, and a custom generator or a data hook may read anything.
 */
export function keptFieldOrder(p: DefProgram, fullData: boolean): readonly FieldPlan[] | null {
  if (fullData || p.when) return null
  const byName = new Map(p.fields.map((f) => [f.name, f]))
  const needed = new Set<string>()
  const pending = [...p.keptFields]
  while (pending.length > 0) {
    const name = pending.pop()!
    if (needed.has(name)) continue
    const f = byName.get(name)
    if (!f) continue
    needed.add(name)
    for (const s of f.uses.siblings.keys()) pending.push(s)
  }
  return p.order.filter((f) => needed.has(f.name))
}
