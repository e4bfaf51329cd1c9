import type { StoryEvent } from './story-run.ts'

// The envelope's constant middle (`","org_id":…,"timestamp":"`) for the last few
// (org_id, source, event) triples: one string instead of three JSON.stringify calls per event.
const MIDDLE_CACHE = 8
const cacheOrg: unknown[] = new Array(MIDDLE_CACHE).fill(undefined)
const cacheSource: unknown[] = new Array(MIDDLE_CACHE).fill(undefined)
const cacheEvent: unknown[] = new Array(MIDDLE_CACHE).fill(undefined)
const cacheMiddle: string[] = new Array(MIDDLE_CACHE).fill('')
let cacheNext = 0

function middle(org: unknown, source: unknown, event: unknown): string {
  for (let i = 0; i < MIDDLE_CACHE; i++) {
    if (cacheEvent[i] === event && cacheSource[i] === source && cacheOrg[i] === org) return cacheMiddle[i]
  }
  const m = `","org_id":${JSON.stringify(org)},"source":${JSON.stringify(source)},"event":${JSON.stringify(event)},"timestamp":"`
  // Only strings are cached: their JSON never changes (an object's could).
  if (typeof org === 'string' && typeof source === 'string' && typeof event === 'string') {
    const i = cacheNext
    cacheNext = (i + 1) % MIDDLE_CACHE
    cacheOrg[i] = org
    cacheSource[i] = source
    cacheEvent[i] = event
    cacheMiddle[i] = m
  }
  return m
}

/**
 * The one serializer of events, used by the CLI, the studio export and the benchmark, so
 * every output path writes the same bytes. Field order is the envelope order of SPEC section 4.
 */
export function serializeNdjson(event: StoryEvent): string {
  return (
    '{"id":"' +
    event.id +
    middle(event.org_id, event.source, event.event) +
    event.timestamp +
    '","data":' +
    dataJson(event.data) +
    '}'
  )
}

// A character JSON.stringify would escape: quote, backslash, control characters, surrogates
// (a lone one is escaped; a pair passes, but such strings are rare enough to take the slow path).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * `JSON.stringify(data)` for the common case, a plain map of strings, finite numbers, booleans
 * and nulls, written without the native serializer's per-call set-up (about a fifth faster per
 * event); anything else (nesting, escapes, a prototype, toJSON) goes to JSON.stringify itself,
 * so the bytes are always exactly JSON.stringify's.
 */
function dataJson(d: unknown): string {
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return JSON.stringify(d)
  const proto = Object.getPrototypeOf(d)
  if (proto !== Object.prototype && proto !== null) return JSON.stringify(d)
  const map = d as Record<string, unknown>
  if (typeof map.toJSON === 'function') return JSON.stringify(d)
  const keys = Object.keys(map)
  let s = '{'
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const v = map[k]
    let text: string
    if (typeof v === 'string') {
      if (NEEDS_ESCAPE.test(v)) return JSON.stringify(d)
      text = '"' + v + '"'
    } else if (typeof v === 'number') text = Number.isFinite(v) ? '' + v : 'null'
    else if (typeof v === 'boolean') text = v ? 'true' : 'false'
    else if (v === null) text = 'null'
    else return JSON.stringify(d)
    if (NEEDS_ESCAPE.test(k)) return JSON.stringify(d)
    s += (i === 0 ? '"' : ',"') + k + '":' + text
  }
  return s + '}'
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
