import type { StoryEvent } from '../runtime/records.ts'
import type { DataNode, EventDef, Story } from '../story/types.ts'

/** The envelope columns every CSV starts with, in SPEC section 4 order. */
export const CSV_ENVELOPE_COLUMNS: readonly string[] = ['id', 'org_id', 'source', 'event', 'timestamp']

/** Line ending of CSV output: CRLF, as RFC 4180 specifies (spreadsheets, pandas and csv modules all read it). */
export const CSV_EOL = '\r\n'

/**
 * The `data.` columns of one definition: maps flatten to dot paths; a list, an empty map or any
 * other value (a literal or an expression, which may produce an object at run time) is one column.
 */
export function csvDataColumns(def: EventDef): string[] {
  const out: string[] = []
  walk(def.data, 'data', out)
  return out
}

function walk(node: DataNode, prefix: string, out: string[]): void {
  if (node.kind === 'map' && node.entries.length > 0) {
    for (const e of node.entries) walk(e.value, `${prefix}.${e.key}`, out)
    return
  }
  out.push(prefix)
}

/**
 * The columns of a CSV for a whole story, known before the first event so output can stream:
 * the envelope, then the union of every definition's data columns in definition order.
 */
export function csvColumns(story: Story): string[] {
  return unionColumns(story.events)
}

/** Columns per event type (for one file per type): each from the definitions of that type only. */
export function csvColumnsByEvent(story: Story): Map<string, string[]> {
  const byType = new Map<string, EventDef[]>()
  for (const def of story.events) {
    const list = byType.get(def.event)
    if (list) list.push(def)
    else byType.set(def.event, [def])
  }
  const out = new Map<string, string[]>()
  for (const [type, defs] of byType) out.set(type, unionColumns(defs))
  return out
}

function unionColumns(defs: readonly EventDef[]): string[] {
  const seen = new Set<string>(CSV_ENVELOPE_COLUMNS)
  const columns = [...CSV_ENVELOPE_COLUMNS]
  for (const def of defs) {
    for (const c of csvDataColumns(def)) {
      if (seen.has(c)) continue
      seen.add(c)
      columns.push(c)
    }
  }
  return columns
}

/** Quotes one CSV cell per RFC 4180: only when it holds a comma, a quote or a line break; quotes double. */
export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
}

const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g

/** The header line of a CSV (with its CRLF). */
export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvCell).join(',') + CSV_EOL
}

/** Reads one column of an event; compiled once per column list. */
type Getter = (event: StoryEvent) => unknown

const compiled = new WeakMap<readonly string[], Getter[]>()

function gettersFor(columns: readonly string[]): Getter[] {
  let getters = compiled.get(columns)
  if (!getters) {
    getters = columns.map(getterFor)
    compiled.set(columns, getters)
  }
  return getters
}

function getterFor(column: string): Getter {
  switch (column) {
    case 'id':
      return (e) => e.id
    case 'org_id':
      return (e) => e.org_id
    case 'source':
      return (e) => e.source
    case 'event':
      return (e) => e.event
    case 'timestamp':
      return (e) => e.timestamp
  }
  if (!column.startsWith('data.')) return () => undefined
  const parts = column.slice(5).split('.')
  if (parts.length === 1) {
    const key = parts[0]
    return (e) => (Object.hasOwn(e.data, key) ? e.data[key] : undefined)
  }
  return (e) => readPath(e.data, parts, 0)
}

/**
 * Follows dot-path parts into nested maps. A data key may itself contain dots (`a.b: 1`), so when
 * a part is missing the next parts are joined on: `data.a.b` finds `{a: {b}}` first, then `{'a.b'}`.
 */
function readPath(obj: unknown, parts: readonly string[], from: number): unknown {
  if (from === parts.length) return obj
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined
  let key = parts[from]
  for (let i = from; i < parts.length; i++) {
    if (i > from) key += `.${parts[i]}`
    if (Object.hasOwn(obj, key)) {
      const found = readPath((obj as Record<string, unknown>)[key], parts, i + 1)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Text of one cell: null and missing are empty, strings as is, objects and lists as JSON. */
function cellText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v
    case 'number':
      return Number.isFinite(v) ? String(v) : ''
    case 'boolean':
      return v ? 'true' : 'false'
    case 'undefined':
      return ''
    case 'bigint':
      return String(v)
    case 'object': {
      if (v === null) return ''
      // Values with a JSON form (times, durations) print as that form, like in NDJSON, unquoted.
      const j =
        typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v
      if (j !== v) return cellText(j)
      return JSON.stringify(v)
    }
    default:
      return ''
  }
}

/** One CSV row (with its CRLF) of an event for the given columns (from `csvColumns`). */
export function serializeCsvRow(event: StoryEvent, columns: readonly string[]): string {
  const getters = gettersFor(columns)
  let line = ''
  for (let i = 0; i < getters.length; i++) {
    if (i > 0) line += ','
    line += csvCell(cellText(getters[i](event)))
  }
  return line + CSV_EOL
}

/**
 * Writes a CSV (header, then one row per event) as text chunks of about `chunkSize` characters,
 * the CSV twin of `serializeChunks`, so the CLI and the studio export write the same bytes.
 */
export function* serializeCsvChunks(
  events: Iterable<StoryEvent>,
  columns: readonly string[],
  chunkSize = 1 << 16,
): Generator<string> {
  let buf = csvHeader(columns)
  for (const e of events) {
    buf += serializeCsvRow(e, columns)
    if (buf.length >= chunkSize) {
      yield buf
      buf = ''
    }
  }
  if (buf) yield buf
}

// Device names Windows reserves in any folder, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i

/**
 * A safe file name for the CSV of one event type (one file per type): only letters, digits,
 * `.`, `_` and `-` (anything else becomes `_`), no leading dot (so never `..` or a hidden
 * file), no Windows device name, at most 200 characters before `.csv`, and unique in `used`
 * ignoring case (`-2`, `-3` ... on a clash). An event type like `../../x` or `__proto__`
 * stays inside the output folder and collides with nothing.
 */
export function csvFileName(eventType: string, used: Set<string>): string {
  let base = eventType.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'
  if (base.length > 200) base = base.slice(0, 200)
  if (RESERVED.test(base)) base = `_${base}`
  let name = `${base}.csv`
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}.csv`
  used.add(name.toLowerCase())
  return name
}
