/**
 * Rows copied out of the Events table: one event as pretty JSON, several as a JSON array, NDJSON
 * (the exact lines the engine wrote), or CSV with a column per field path (RFC 4180 quoting).
 */
import { cellText, forEachLeaf } from './flatten.ts'

/** What Copy can write. */
export type CopyFormat = 'json' | 'ndjson' | 'csv'

/** The text of `lines` (NDJSON lines of events) in `format`. */
export function formatRows(lines: readonly string[], format: CopyFormat): string {
  if (format === 'ndjson') return lines.join('\n')
  const events = lines.map((l) => JSON.parse(l) as unknown)
  if (format === 'json') return JSON.stringify(events.length === 1 ? events[0] : events, null, 2)
  return toCsv(events)
}

function toCsv(events: readonly unknown[]): string {
  const header: string[] = []
  const known = new Set<string>()
  const rows = events.map((e) => {
    const row = new Map<string, unknown>()
    forEachLeaf(e, '', (path, leaf) => {
      if (!known.has(path)) {
        known.add(path)
        header.push(path)
      }
      row.set(path, leaf)
    })
    return row
  })
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(header.map((h) => csvField(cellText(row.get(h)))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
