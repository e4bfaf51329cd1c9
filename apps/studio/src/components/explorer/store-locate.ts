/**
 * Finding an event past the preview by its envelope id: a provenance link (ref, lookup, prev) names
 * the occurrence it read by id, and the run store holds every delivery, so the Inspector can go to
 * that event from its stored line instead of saying it is not in the preview.
 */
import type { Selection } from '../../store.ts'
import { quoteIdent, quoteString } from './sql.ts'
import { pickStoreRow } from './store-pick.ts'
import type { QueryResult } from './store-protocol.ts'

/** SQL for the first delivery of an event id: stream position, occurrence and line. */
export function eventRowSql(id: string): string {
  return `SELECT seq, occurrence, line FROM events_flat WHERE ${quoteIdent('id')} = ${quoteString(id)} ORDER BY seq LIMIT 1`
}

/**
 * Picks the first delivery of `eventId` in the run `key` for `selection` (the Inspector then shows
 * it from the store); false when the run delivers no event with that id (a fault dropped it).
 */
export async function pickStoreEvent(
  query: (sql: string, limit: number) => Promise<QueryResult>,
  selection: Selection,
  key: string,
  eventId: string,
): Promise<boolean> {
  const row = (await query(eventRowSql(eventId), 1)).rows[0]
  if (!row) return false
  pickStoreRow({ selection, key, seq: Number(row[0]), occurrence: Number(row[1]), line: String(row[2]) })
  return true
}
