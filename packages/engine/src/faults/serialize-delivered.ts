import { serializeNdjson } from '../generate/serialize.ts'
import { csvHeader, serializeCsvRow } from '../generate/serialize-csv.ts'
import { corruptText } from './corrupt-text.ts'
import type { FaultedRun } from './faulted-run.ts'

/**
 * The chunks of a faulted run, like `serializeChunks` / `serializeCsvChunks` (same bytes for
 * clean records) but with corrupt records cut short. `json` is one array: a corrupt element
 * would break the whole document, so with `json` records are never cut (the log still says so).
 * A CSV gets a column for each drift rename target.
 */
export function* serializeDeliveredChunks(
  run: FaultedRun,
  format: 'ndjson' | 'json' | 'csv',
  columns: readonly string[],
  chunkSize = 1 << 16,
): Generator<string> {
  const csv = format === 'csv'
  const json = format === 'json'
  // Drift renames add columns after the story's own (a drifted row fills the new one).
  if (csv) columns = [...columns, ...run.driftColumns.filter((c) => !columns.includes(c))]
  let buf = csv ? csvHeader(columns) : json ? '[' : ''
  let first = true
  for (const e of run) {
    if (json) {
      buf += first ? '\n' : ',\n'
      buf += serializeNdjson(e)
    } else {
      const text = csv ? serializeCsvRow(e, columns) : `${serializeNdjson(e)}\n`
      const keep = run.corruptKeepOf(e)
      buf += keep === undefined ? text : corruptText(text, keep, csv)
    }
    first = false
    if (buf.length >= chunkSize) {
      yield buf
      buf = ''
    }
  }
  if (json) buf += first ? ']\n' : '\n]\n'
  if (buf) yield buf
}

/** One CSV row of a delivered event, cut short when it is corrupt (for per-type CSV files). */
export function deliveredCsvRow(
  run: FaultedRun,
  event: Parameters<FaultedRun['corruptKeepOf']>[0],
  columns: readonly string[],
): string {
  const row = serializeCsvRow(event, columns)
  const keep = run.corruptKeepOf(event)
  return keep === undefined ? row : corruptText(row, keep, true)
}
