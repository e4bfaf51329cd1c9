import type { StoryEvent } from './story-run.ts'

/**
 * The one serializer of events, used by the CLI, the studio export and the benchmark, so
 * every output path writes the same bytes. Field order is the envelope order of SPEC section 4.
 */
export function serializeNdjson(event: StoryEvent): string {
  return (
    '{"id":"' +
    event.id +
    '","org_id":' +
    JSON.stringify(event.org_id) +
    ',"source":' +
    JSON.stringify(event.source) +
    ',"event":' +
    JSON.stringify(event.event) +
    ',"timestamp":"' +
    event.timestamp +
    '","data":' +
    JSON.stringify(event.data) +
    '}'
  )
}

/** Output formats of `autosource generate` and the studio export. */
export type OutputFormat = 'ndjson' | 'json' | 'csv'

/**
 * Writes events as text chunks of about `chunkSize` characters (large writes are fast and keep
 * memory flat; no single giant string). `json` is one array, written incrementally.
 */
export function* serializeChunks(
  events: Iterable<StoryEvent>,
  format: 'ndjson' | 'json',
  chunkSize = 1 << 16,
): Generator<string> {
  let buf = format === 'json' ? '[' : ''
  let first = true
  for (const e of events) {
    if (format === 'json') {
      buf += (first ? '\n' : ',\n') + serializeNdjson(e)
    } else {
      buf += serializeNdjson(e) + '\n'
    }
    first = false
    if (buf.length >= chunkSize) {
      yield buf
      buf = ''
    }
  }
  if (format === 'json') buf += first ? ']\n' : '\n]\n'
  if (buf) yield buf
}
