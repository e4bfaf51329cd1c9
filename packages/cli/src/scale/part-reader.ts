import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'

/** One record of a part: its text as written (with its line end) and the epoch ms of its timestamp. */
export interface PartRecord {
  text: string
  ms: number
}

/** Why a part cannot be merged, with the part's name and the record's number. */
export class PartError extends Error {}

/**
 * The records of one part file (NDJSON, or CSV with its header first), read as a stream: NDJSON
 * records end at every newline (JSON escapes line breaks), CSV records at a newline outside
 * quotes. `onHeader` receives a CSV part's header line before its first record.
 */
export async function* partRecords(
  path: string,
  csv: boolean,
  onHeader: (header: string) => void = () => {},
): AsyncGenerator<PartRecord> {
  const raw = createReadStream(path)
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  stream.setEncoding('utf8')
  let pending = ''
  let inQuotes = false
  let scanned = 0
  let column = -1
  let n = 0
  for await (const chunk of stream as AsyncIterable<string>) {
    pending += chunk
    let start = 0
    for (let i = scanned; i < pending.length; i++) {
      const c = pending.charCodeAt(i)
      if (csv && c === 34) inQuotes = !inQuotes
      if (c !== 10 || inQuotes) continue
      const text = pending.slice(start, i + 1)
      start = i + 1
      n++
      if (csv && column < 0) {
        column = csvCells(text).indexOf('timestamp')
        if (column < 0) throw new PartError(`${path}: the CSV header has no timestamp column`)
        onHeader(text)
        continue
      }
      yield { text, ms: timestampOf(text, csv, column, path, n) }
    }
    pending = pending.slice(start)
    scanned = pending.length
  }
  if (pending.length > 0) throw new PartError(`${path}: the last record has no line end (a cut-off part?)`)
}

function timestampOf(text: string, csv: boolean, column: number, path: string, n: number): number {
  let value: unknown
  if (csv) value = csvCells(text)[column]
  else {
    try {
      value = (JSON.parse(text) as { timestamp?: unknown })?.timestamp
    } catch {
      throw new PartError(`${path}:${n}: not a JSON line`)
    }
  }
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) throw new PartError(`${path}: record ${n} has no ISO timestamp`)
  return ms
}

/** The cells of one CSV record (RFC 4180: quoted cells, doubled quotes), without its line end. */
export function csvCells(record: string): string[] {
  const line = record.replace(/\r?\n$/, '')
  const cells: string[] = []
  let i = 0
  for (;;) {
    let cell = ''
    if (line[i] === '"') {
      i++
      for (;;) {
        const q = line.indexOf('"', i)
        if (q < 0) {
          cell += line.slice(i)
          i = line.length
          break
        }
        cell += line.slice(i, q)
        if (line[q + 1] === '"') {
          cell += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
    }
    const comma = line.indexOf(',', i)
    cell += line.slice(i, comma < 0 ? line.length : comma)
    cells.push(cell)
    if (comma < 0) return cells
    i = comma + 1
  }
}
