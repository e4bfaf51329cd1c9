import type { StoryEvent } from '../runtime/records.ts'

/*
 * How a line is written: from precomputed pieces (the envelope's constant middle per event
 * type, the JSON fragments around each key per data shape) and the values themselves, appended
 * in order. The chunk is one long string of appends that its consumer flattens once, in one
 * pass. Measured against the alternatives: the native JSON.stringify, called per event, costs
 * more in set-up than the copying it does for a small map; collecting pieces in an array and
 * joining per chunk is slower than appending them. The bytes are exactly those of
 * `{"id":"<id>","org_id":<json>,"source":<json>,"event":<json>,"timestamp":"<ts>","data":<JSON.stringify(data)>}`:
 * anything the fast path does not cover goes to JSON.stringify itself.
 */

/** Never equal to anything an event holds: marks an empty cache slot. */
const EMPTY = Symbol('empty')

// The envelope's constant middle (`","org_id":…,"timestamp":"`) for the last few
// (org_id, source, event) triples: one piece instead of three JSON.stringify calls per event.
const MIDDLE_CACHE = 8
const cacheOrg: unknown[] = new Array(MIDDLE_CACHE).fill(EMPTY)
const cacheSource: unknown[] = new Array(MIDDLE_CACHE).fill(EMPTY)
const cacheEvent: unknown[] = new Array(MIDDLE_CACHE).fill(EMPTY)
const cacheMiddle: string[] = new Array(MIDDLE_CACHE).fill('')
let middleNext = 0

function middle(org: unknown, source: unknown, event: unknown): string {
  for (let i = 0; i < MIDDLE_CACHE; i++) {
    if (cacheEvent[i] === event && cacheSource[i] === source && cacheOrg[i] === org) return cacheMiddle[i]
  }
  const m = `","org_id":${JSON.stringify(org)},"source":${JSON.stringify(source)},"event":${JSON.stringify(event)},"timestamp":"`
  // Only strings are cached: their JSON never changes (an object's could).
  if (typeof org === 'string' && typeof source === 'string' && typeof event === 'string') {
    const i = middleNext
    middleNext = (i + 1) % MIDDLE_CACHE
    cacheOrg[i] = org
    cacheSource[i] = source
    cacheEvent[i] = event
    cacheMiddle[i] = m
  }
  return m
}

// A character JSON.stringify escapes: quote, backslash, control characters, surrogates (a
// lone one is escaped, a pair is not: strings with either take JSON.stringify, which knows).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * The JSON fragments around the values of one data shape (its keys, in order). `frag[4 * i +
 * 2 * a + b]` goes before value i: it closes the previous value's quote when `a` (a string
 * came before), writes `,"key":` (or, for i = 0, the envelope's `","data":{"key":`), and opens
 * a quote when `b` (this value is a string). `close[a]` ends the data map and the event.
 */
interface Shape {
  keys: string[]
  frag: string[]
  close: [string, string]
}

const SHAPE_CACHE = 8
const shapes: (Shape | null)[] = new Array(SHAPE_CACHE).fill(null)
let shapeNext = 0

/** The shape of these keys (events of one definition share one), or null when a key needs escaping. */
function shapeOf(keys: string[]): Shape | null {
  const n = keys.length
  search: for (let s = 0; s < SHAPE_CACHE; s++) {
    const shape = shapes[s]
    if (shape === null) break
    const known = shape.keys
    if (known.length !== n) continue
    for (let i = 0; i < n; i++) if (known[i] !== keys[i]) continue search
    return shape
  }
  const frag: string[] = []
  for (let i = 0; i < n; i++) {
    const k = keys[i]
    if (NEEDS_ESCAPE.test(k)) return null
    const head = i === 0 ? `","data":{"${k}":` : `,"${k}":`
    for (const a of ['', '"']) for (const b of ['', '"']) frag.push((i === 0 ? '' : a) + head + b)
  }
  const shape: Shape = { keys, frag, close: ['}}', '"}}'] }
  if (n === 0) shape.close = ['","data":{}}', '","data":{}}']
  shapes[shapeNext] = shape
  shapeNext = (shapeNext + 1) % SHAPE_CACHE
  return shape
}

/** `v` as text, exactly as a `+` concatenation converts it (ids and timestamps are written unescaped). */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : '' + v
}

/** One NDJSON line (no newline). */
function lineOf(event: StoryEvent): string {
  const id = asText(event.id)
  const mid = middle(event.org_id, event.source, event.event)
  const ts = asText(event.timestamp)
  const data: unknown = event.data
  const body = dataPart(data)
  // Not a plain map of JSON values: the native serializer writes all of data.
  return '{"id":"' + id + mid + ts + (body ?? `","data":${JSON.stringify(data)}}`)
}

/** `","data":{...}}` for a plain map of primitive and plain JSON values, or undefined. */
function dataPart(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined
  const proto = Object.getPrototypeOf(data)
  if (proto !== Object.prototype && proto !== null) return undefined
  const map = data as Record<string, unknown>
  if (typeof map.toJSON === 'function') return undefined
  const keys = Object.keys(map)
  const shape = shapeOf(keys)
  if (shape === null) return undefined
  const frag = shape.frag
  let s = ''
  let a = 0
  for (let i = 0; i < keys.length; i++) {
    const v = map[keys[i]]
    let text: string
    let b = 0
    if (typeof v === 'string') {
      if (NEEDS_ESCAPE.test(v)) text = JSON.stringify(v)
      else {
        text = v
        b = 1
      }
    } else if (typeof v === 'number') text = Number.isFinite(v) ? '' + v : 'null'
    else if (typeof v === 'boolean') text = v ? 'true' : 'false'
    else if (v === null) text = 'null'
    else if (typeof v === 'object' && isPlainJson(v)) text = JSON.stringify(v)
    else return undefined
    s += frag[4 * i + 2 * a + b]
    s += text
    a = b
  }
  return s + shape.close[a]
}

/**
 * A list or plain map without its own toJSON: JSON.stringify writes it alone exactly as it does
 * inside its parent (only a toJSON would see a different key).
 */
function isPlainJson(v: object): boolean {
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false
  if (Array.isArray(v)) return true
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * The one serializer of events, used by the CLI, the studio export and the benchmark, so
 * every output path writes the same bytes. Field order is the envelope order of SPEC section 4.
 */
export function serializeNdjson(event: StoryEvent): string {
  return lineOf(event)
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
  const json = format === 'json'
  let buf = json ? '[' : ''
  let first = true
  for (const e of events) {
    if (json) {
      buf += first ? '\n' : ',\n'
      buf += lineOf(e)
    } else {
      buf += lineOf(e)
      buf += '\n'
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
