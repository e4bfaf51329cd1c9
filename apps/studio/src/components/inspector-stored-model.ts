/**
 * What the Inspector can say, truthfully, about an event it knows only from the run store (past the
 * preview): the event as delivered (its NDJSON line), which definitions it can come from, each field's
 * expression as written in the story, and how often its id is delivered. Nothing here re-derives
 * provenance: the engine records that only for the preview's events.
 */
import type { OutlineEvent, PlainEvent } from '@autosource/engine/worker'
import { quoteIdent, quoteString } from './explorer/sql.ts'
import { fieldSpanOf } from './inspector-provenance.ts'

/** The event of an NDJSON line, or null when the line is not an event object (a corrupt delivery). */
export function storedEvent(line: string): PlainEvent | null {
  try {
    const v = JSON.parse(line) as unknown
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null
    const e = v as Record<string, unknown>
    if (typeof e.source !== 'string' || typeof e.event !== 'string') return null
    const data = e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data : {}
    return { ...(e as unknown as PlainEvent), data: data as PlainEvent['data'] }
  } catch {
    return null
  }
}

/** Indexes of the definitions that emit this source and type (more than one: the line cannot say which). */
export function definitionsOf(events: readonly OutlineEvent[], source: string, event: string): number[] {
  const out: number[] = []
  events.forEach((d, i) => {
    if (d.source === source && d.event === event) out.push(i)
  })
  return out
}

/** A field's value expression as the story writes it (main file only: its text is the run's text). */
export function expressionAsWritten(
  runText: string | null,
  def: OutlineEvent,
  field: string,
  mainFile: string,
): string | undefined {
  const span = fieldSpanOf(def, field)
  if (!span || runText === null || def.file !== mainFile) return undefined
  const text = runText.slice(span.start, span.end).trim()
  return text === '' ? undefined : text
}

/** SQL for the stream positions of every delivery of an event id (a duplicate fault delivers it twice). */
export function deliveriesSql(id: string, limit = 20): string {
  return `SELECT seq FROM events_flat WHERE ${quoteIdent('id')} = ${quoteString(id)} ORDER BY seq LIMIT ${limit}`
}

/** "delivery 2 of 2" for the delivery at `seq` among all deliveries of its id; null for a single one. */
export function deliveryOf(seqs: readonly number[], seq: number): { nth: number; count: number } | null {
  if (seqs.length < 2) return null
  const at = seqs.indexOf(seq)
  return at < 0 ? null : { nth: at + 1, count: seqs.length }
}
