/**
 * One chunk of exported NDJSON as columns for the run store: a column per field path (see flatten.ts)
 * plus `seq` (stream order), `occurrence` (n-th event of its source and type), `time` (epoch ms) and
 * `line` (the exact NDJSON line). Column kinds follow what the store already holds: a path that held
 * numbers and now holds text becomes text, in the store and in the chunk.
 */
import { forEachLeaf, type LeafKind, leafKind, widenKind } from './flatten.ts'

/** The columns of one chunk. */
export interface ChunkColumns {
  count: number
  seq: Float64Array
  occurrence: Float64Array
  time: Float64Array
  line: string[]
  /** Values by path; one entry per event (null when absent). */
  fields: Map<string, unknown[]>
  /** Kind of each path after this chunk (store kinds widened by what the chunk holds). */
  kinds: Map<string, LeafKind>
}

/** Counters that carry from chunk to chunk (stream position, occurrences per source and type). */
export interface ChunkCursor {
  seq: number
  occurrences: Map<string, number>
}

/** Columns of the NDJSON `text` (whole lines), numbered from `cursor` (which moves on). */
export function chunkColumns(
  text: string,
  cursor: ChunkCursor,
  storeKinds: ReadonlyMap<string, LeafKind>,
): ChunkColumns {
  const lines = text.split('\n').filter((l) => l !== '')
  const count = lines.length
  const seq = new Float64Array(count)
  const occurrence = new Float64Array(count)
  const time = new Float64Array(count)
  const fields = new Map<string, unknown[]>()
  const kinds = new Map<string, LeafKind>(storeKinds)
  const seen = new Map<string, LeafKind | undefined>()
  lines.forEach((line, i) => {
    const event = JSON.parse(line) as Record<string, unknown>
    seq[i] = cursor.seq++
    const key = `${String(event.source)}\u0000${String(event.event)}`
    const n = cursor.occurrences.get(key) ?? 0
    cursor.occurrences.set(key, n + 1)
    occurrence[i] = n
    time[i] = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : Number.NaN
    forEachLeaf(event, '', (path, leaf) => {
      let values = fields.get(path)
      if (!values) {
        values = new Array(count).fill(null)
        fields.set(path, values)
      }
      values[i] = leaf === undefined ? null : leaf
      seen.set(path, widenKind(seen.get(path), leafKind(leaf)))
    })
  })
  for (const [path, kind] of seen) {
    const k = widenKind(kinds.get(path), kind ?? 'string')
    if (k) kinds.set(path, k)
  }
  return { count, seq, occurrence, time, line: lines, fields, kinds }
}

/** A value as its column's kind stores it (text columns get JSON for anything not a string). */
export function storedValue(value: unknown, kind: LeafKind): unknown {
  if (value === null || value === undefined) return null
  if (kind === 'string' || kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value)
  return value
}

/** The SQL type of a column kind. */
export function sqlType(kind: LeafKind): string {
  return kind === 'number' ? 'DOUBLE' : kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR'
}
