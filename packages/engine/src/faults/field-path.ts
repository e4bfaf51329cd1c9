/**
 * Field paths of faults (`data.email`, `data.address.city`): where a fault reads and writes
 * an event. Writes copy every map on the way, never the event's own objects: the generator
 * keeps the clean data for `prev`, `ref()` and `lookup()`, and faults must change no clean value.
 */

/** The keys under `data` of a path `data.a.b`, or undefined when it does not start with `data.`. */
export function dataPathKeys(path: string): string[] | undefined {
  if (!path.startsWith('data.')) return undefined
  const keys = path.slice(5).split('.')
  return keys.every((k) => k.length > 0) ? keys : undefined
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** True when `data` has a value (null included) at `keys`. */
export function hasPath(data: Record<string, unknown>, keys: readonly string[]): boolean {
  let cur: unknown = data
  for (const k of keys) {
    if (!isMap(cur) || !Object.hasOwn(cur, k)) return false
    cur = cur[k]
  }
  return true
}

/** The value at `keys` (undefined when absent). */
export function getPath(data: Record<string, unknown>, keys: readonly string[]): unknown {
  let cur: unknown = data
  for (const k of keys) {
    if (!isMap(cur) || !Object.hasOwn(cur, k)) return undefined
    cur = cur[k]
  }
  return cur
}

/**
 * A copy of `data` with the map at each key of `keys` (but the last) copied too, so the last
 * map can be written. Returns the copy and the writable parent of the last key, or undefined
 * when the path does not exist.
 */
function copyTo(
  data: Record<string, unknown>,
  keys: readonly string[],
): { root: Record<string, unknown>; parent: Record<string, unknown> } | undefined {
  const root = { ...data }
  let parent = root
  for (let i = 0; i < keys.length - 1; i++) {
    const next = parent[keys[i]]
    if (!isMap(next)) return undefined
    const copy = { ...next }
    parent[keys[i]] = copy
    parent = copy
  }
  return { root, parent }
}

/** `data` without the field at `keys` (a copy), or undefined when there is no such field. */
export function withoutPath(
  data: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> | undefined {
  if (!hasPath(data, keys)) return undefined
  const c = copyTo(data, keys)!
  delete c.parent[keys[keys.length - 1]]
  return c.root
}

/** `data` with `value` at `keys` (a copy), or undefined when the parent map does not exist. */
export function withPath(
  data: Record<string, unknown>,
  keys: readonly string[],
  value: unknown,
): Record<string, unknown> | undefined {
  const c = copyTo(data, keys)
  if (!c) return undefined
  c.parent[keys[keys.length - 1]] = value
  return c.root
}
