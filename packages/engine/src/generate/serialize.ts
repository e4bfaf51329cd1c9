import type { StoryEvent } from './story-run.ts'

/*
 * How a line is written: as a list of pieces (constant envelope and key fragments, the values
 * themselves) that one `join` turns into flat text, one chunk of many lines at a time. Building
 * lines with `+` made a tree of cons strings per line (and per JSON value) that the consumer
 * then had to flatten; the native JSON.stringify, called per event, costs more in set-up than
 * the copying it does for a small map. The bytes are exactly those of
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

/** `text` as the next piece, in the exact text a `+` concatenation would give. */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : '' + v
}

/**
 * Appends the pieces of one NDJSON line (no newline) to `out`; returns the line's length.
 * Joined, the pieces are exactly the line.
 */
function pushLine(out: string[], event: StoryEvent): number {
  const start = out.length
  const id = asText(event.id)
  const mid = middle(event.org_id, event.source, event.event)
  const ts = asText(event.timestamp)
  out.push('{"id":"', id, mid, ts)
  let size = 7 + id.length + mid.length + ts.length
  const data: unknown = event.data
  const fast = pushData(out, data)
  if (fast >= 0) return size + fast
  // Not a plain map of JSON values: the native serializer writes all of data.
  out.length = start + 4
  const json = `","data":${JSON.stringify(data)}}`
  out.push(json)
  size += json.length
  return size
}

/** Pushes `","data":{...}}` for a plain map of primitive and plain JSON values; returns its length, or -1 (nothing useful pushed). */
function pushData(out: string[], data: unknown): number {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return -1
  const proto = Object.getPrototypeOf(data)
  if (proto !== Object.prototype && proto !== null) return -1
  const map = data as Record<string, unknown>
  if (typeof map.toJSON === 'function') return -1
  const keys = Object.keys(map)
  const shape = shapeOf(keys)
  if (shape === null) return -1
  const frag = shape.frag
  let size = 0
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
    else return -1
    const f = frag[4 * i + 2 * a + b]
    out.push(f, text)
    size += f.length + text.length
    a = b
  }
  const close = shape.close[a]
  out.push(close)
  return size + close.length
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
  const parts: string[] = []
  pushLine(parts, event)
  return parts.join('')
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
  let parts: string[] = json ? ['['] : []
  let size = json ? 1 : 0
  let first = true
  for (const e of events) {
    if (json) {
      const sep = first ? '\n' : ',\n'
      parts.push(sep)
      size += sep.length + pushLine(parts, e)
    } else {
      size += pushLine(parts, e) + 1
      parts.push('\n')
    }
    first = false
    if (size >= chunkSize) {
      yield parts.join('')
      parts = []
      size = 0
    }
  }
  if (json) parts.push(first ? ']\n' : '\n]\n')
  if (parts.length > 0) {
    const rest = parts.join('')
    if (rest) yield rest
  }
}
