import { corruptText } from '../faults/corrupt-text.ts'
import type { StoryEvent } from '../runtime/records.ts'
import { type FaultedRun, isFaultedRun } from './faulted-run.ts'
import { serializeNdjson } from './serialize.ts'
import { csvHeader, serializeCsvRow } from './serialize-csv.ts'
import type { StoryRun } from './stream-story.ts'

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

/**
 * A serialized record (NDJSON line or CSV row) as it is delivered: cut short when the faulted run
 * made it corrupt, unchanged otherwise (and for any run without faults).
 */
export function damageDelivered(run: StoryRun, event: StoryEvent, text: string, csv: boolean): string {
  if (!isFaultedRun(run)) return text
  const keep = run.corruptKeepOf(event)
  return keep === undefined ? text : corruptText(text, keep, csv)
}
