/**
 * Events as flat field paths: `{"data":{"user":{"id":1}}}` is `data.user.id = 1`. Objects nest into
 * paths; arrays and anything else are leaves. The run store has one column per path, the table one
 * column per chosen path, and the query bar names fields by path.
 */

/** The kind of a leaf value, as the store types its column. */
export type LeafKind = 'number' | 'string' | 'boolean' | 'json'

/** Calls `visit` for every leaf of `value` under `prefix` (an empty object or array is a leaf). */
export function forEachLeaf(
  value: unknown,
  prefix: string,
  visit: (path: string, leaf: unknown) => void,
): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as object)
    if (entries.length > 0) {
      for (const [key, child] of entries) forEachLeaf(child, prefix ? `${prefix}.${key}` : key, visit)
      return
    }
  }
  visit(prefix, value)
}

/** The kind of one leaf value (null is undefined: it says nothing of the column's type). */
export function leafKind(value: unknown): LeafKind | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return 'number'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return 'json'
}

/** The kind of a column that held both kinds (anything mixed becomes text). */
export function widenKind(a: LeafKind | undefined, b: LeafKind | undefined): LeafKind | undefined {
  if (a === undefined) return b
  if (b === undefined || a === b) return a
  return 'string'
}

/** The value at a path of an event (undefined when absent). */
export function valueAt(event: unknown, path: string): unknown {
  let v: unknown = event
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

/** A leaf as a table cell shows it (strings bare, the rest as JSON). */
export function cellText(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** The data field paths of sample events, in order of first appearance. */
export function dataPaths(events: Iterable<unknown>): string[] {
  const seen = new Set<string>()
  for (const e of events) {
    const data = (e as { data?: unknown } | null)?.data
    if (data === undefined) continue
    forEachLeaf(data, 'data', (path) => seen.add(path))
  }
  seen.delete('data')
  return [...seen]
}
