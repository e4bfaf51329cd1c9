/** Snapshots the built-in prototypes and tells which gained, lost or changed a property since. */

const WATCHED: Record<string, object> = {
  Object: Object.prototype,
  Array: Array.prototype,
  String: String.prototype,
  Number: Number.prototype,
  Boolean: Boolean.prototype,
  Function: Function.prototype,
  RegExp: RegExp.prototype,
  Date: Date.prototype,
  Map: Map.prototype,
  Set: Set.prototype,
  Promise: Promise.prototype,
  Error: Error.prototype,
  JSON: JSON,
  Math: Math,
}

type Snapshot = Map<string, unknown>

/** Every own property (value or accessor) of every watched prototype. */
export function snapshotPrototypes(): Snapshot {
  const out: Snapshot = new Map()
  for (const [name, proto] of Object.entries(WATCHED)) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!
      out.set(`${name}.${String(key)}`, 'value' in d ? d.value : [d.get, d.set])
    }
  }
  return out
}

/** Names of properties that differ between two snapshots (accessor pairs compare by identity). */
export function prototypeChanges(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = []
  for (const [k, v] of after) {
    const was = before.get(k)
    const same =
      Array.isArray(v) && Array.isArray(was) ? v[0] === was[0] && v[1] === was[1] : Object.is(v, was)
    if (!before.has(k) || !same) changed.push(k)
  }
  for (const k of before.keys()) if (!after.has(k)) changed.push(`${k} (deleted)`)
  return changed
}
