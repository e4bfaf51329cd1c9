/**
 * A part of a run (`runShard`) as text chunks for a merger (the CLI's `--workers` threads, the
 * studio's export pool): each chunk holds whole events of one block only and is tagged with that
 * block's ordinal, so `BlockOrder` can put the parts back in run order.
 */
import type { StoryEvent } from '../runtime/records.ts'
import type { OutputFormat } from './serialize.ts'
import { serializeNdjson } from './serialize.ts'
import { csvHeader, serializeCsvRow } from './serialize-csv.ts'
import type { ShardRun } from './shard-run.ts'

/** Serialized events of one block (never two): `events` of them, in run order. */
export interface ShardChunk {
  ordinal: number
  text: string
  events: number
}

/**
 * One event's text as a part writes it. JSON: every event comes as ",\n{...}"; the merger drops
 * the comma of the run's first event (`textFrame`), so no part needs to know which event is first.
 */
export function shardLine(format: OutputFormat, columns: readonly string[]): (event: StoryEvent) => string {
  if (format === 'csv') return (e) => serializeCsvRow(e, columns)
  if (format === 'json') return (e) => `,\n${serializeNdjson(e)}`
  return (e) => `${serializeNdjson(e)}\n`
}

/** What the merger writes around the parts' events: the CSV header or the JSON array's brackets. */
export function textFrame(
  format: OutputFormat,
  columns: readonly string[],
): { head: string; dropFirst: number; tail: (anyEvent: boolean) => string } {
  if (format === 'csv') return { head: csvHeader(columns), dropFirst: 0, tail: () => '' }
  if (format === 'json') return { head: '[', dropFirst: 1, tail: (any) => (any ? '\n]\n' : ']\n') }
  return { head: '', dropFirst: 0, tail: () => '' }
}

/** The part's events as chunks of about `chunkChars` characters, cut at every block's end. */
export function* shardChunks(
  run: ShardRun,
  line: (event: StoryEvent) => string,
  chunkChars: number,
): Generator<ShardChunk> {
  let text = ''
  let events = 0
  let ordinal = -1
  for (let r = run.next(); r !== undefined; r = run.next()) {
    const o = run.selector.ordinal
    if (events > 0 && (o !== ordinal || text.length >= chunkChars)) {
      yield { ordinal, text, events }
      text = ''
      events = 0
    }
    ordinal = o
    text += line(r.event)
    events++
  }
  if (events > 0) yield { ordinal, text, events }
}
