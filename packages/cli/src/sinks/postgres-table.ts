import type { EventSchema, SchemaField, StoryEvent } from '../engine.ts'
import { COPY_NULL, copyText, qualifiedTable, quoteIdent } from './postgres-identifiers.ts'

/** One column: its SQL type and how a value becomes COPY text (undefined: it does not fit). */
interface Column {
  name: string
  sqlType: string
  encode: (value: unknown) => string | undefined
}

/**
 * Where one event type goes: the table, its columns, and how an event becomes one row of
 * COPY text. With a schema: `id, timestamp, source, event`, one typed column per declared
 * field, and `extra jsonb` for undeclared fields (unless the schema is strict); without:
 * `id, timestamp, source, event, data jsonb`.
 */
export interface TableLayout {
  table: string
  /** `"schema"."table"` (or `"table"`), quoted and safe for any name. */
  sql: string
  columns: readonly Column[]
  createSql: string
  copySql: string
  /** Checks the table has the columns this layout writes (an older table may not). */
  probeSql: string
  /**
   * The event as one line of COPY text with its newline, or a reason it does not fit. `line` is
   * the event's NDJSON line: the generic layout's `data` is taken from it, not serialized again.
   */
  row: (event: StoryEvent, line?: string) => { text: string } | { reason: string }
}

const ENVELOPE = ['id', 'timestamp', 'source', 'event']

/** The layout of a table named `table` for events of `schema` (or the generic one without). */
export function tableLayout(table: string, schema: EventSchema | undefined, pgSchema?: string): TableLayout {
  const sql = qualifiedTable(pgSchema, table)
  const envelope: Column[] = [
    { name: 'id', sqlType: 'text', encode: text },
    { name: 'timestamp', sqlType: 'timestamptz', encode: envelopeTime },
    { name: 'source', sqlType: 'text', encode: text },
    { name: 'event', sqlType: 'text', encode: text },
  ]
  const fields = schema?.fields ?? []
  const taken = new Set(ENVELOPE)
  const fieldColumns = fields.map((f) => {
    let name = f.name
    // A field called `id` (or `extra`) must not shadow the envelope's column.
    while (taken.has(name) || name === 'extra' || name === 'data') name = `data_${name}`
    taken.add(name)
    return { field: f.name, column: { name, ...columnType(f) } }
  })
  const declared = new Set(fields.map((f) => f.name))
  const keepExtra = schema !== undefined && !schema.strict
  const columns = [
    ...envelope,
    ...fieldColumns.map((c) => c.column),
    ...(schema === undefined
      ? [{ name: 'data', sqlType: 'jsonb', encode: json }]
      : keepExtra
        ? [{ name: 'extra', sqlType: 'jsonb', encode: json }]
        : []),
  ]
  const list = columns.map((c) => quoteIdent(c.name)).join(', ')
  // One reader per column, built once: the per-row loop allocates nothing but the row text.
  type Read = (event: StoryEvent, data: Record<string, unknown>, line?: string) => unknown
  const reads: [Column, Read][] = [
    [envelope[0], (e) => e.id],
    [envelope[1], (e) => e.timestamp],
    [envelope[2], (e) => e.source],
    [envelope[3], (e) => e.event],
    ...fieldColumns.map((c): [Column, Read] => [
      c.column,
      (_e, d) => (Object.hasOwn(d, c.field) ? d[c.field] : undefined),
    ]),
  ]
  if (schema === undefined)
    reads.push([
      { ...columns[columns.length - 1], encode: (v) => (v instanceof RawJson ? jsonText(v.text) : json(v)) },
      (e, d, line) => dataOfLine(e, line) ?? d,
    ])
  else if (keepExtra) reads.push([columns[columns.length - 1], (_e, d) => undeclared(d, declared)])
  const row = (event: StoryEvent, line?: string): { text: string } | { reason: string } => {
    const data = event.data
    let text = ''
    for (let i = 0; i < reads.length; i++) {
      const [column, read] = reads[i]
      const value = read(event, data, line)
      let cell = COPY_NULL
      if (value !== undefined && value !== null) {
        const encoded = column.encode(value)
        if (encoded === undefined)
          return { reason: `${column.name}: ${preview(value)} does not fit ${column.sqlType}` }
        cell = encoded
      }
      text += i === 0 ? cell : `\t${cell}`
    }
    return { text: `${text}\n` }
  }
  return {
    table,
    sql,
    columns,
    createSql: `CREATE TABLE IF NOT EXISTS ${sql} (${columns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`).join(', ')})`,
    copySql: `COPY ${sql} (${list}) FROM STDIN`,
    probeSql: `SELECT ${list} FROM ${sql} LIMIT 0`,
    row,
  }
}

/** The schema for an event: declared as `source/event`, else as `event`. */
export function schemaFor(schemas: readonly EventSchema[], event: StoryEvent): EventSchema | undefined {
  const full = `${event.source}/${event.event}`
  return schemas.find((s) => s.key === full) ?? schemas.find((s) => s.key === event.event)
}

function columnType(f: SchemaField): Omit<Column, 'name'> {
  if (f.type === 'integer') return { sqlType: 'bigint', encode: integer }
  if (f.type === 'number') return { sqlType: 'double precision', encode: number }
  if (f.type === 'boolean') return { sqlType: 'boolean', encode: boolean }
  if (f.type === 'object' || f.type === 'array') return { sqlType: 'jsonb', encode: json }
  if (f.type === 'string' && f.format === 'date-time') return { sqlType: 'timestamptz', encode: dateTime }
  if (f.type === 'string') return { sqlType: 'text', encode: text }
  // No type: an enum of strings is text; anything else keeps its JSON.
  if (f.enum?.every((v) => typeof v === 'string')) return { sqlType: 'text', encode: text }
  return { sqlType: 'jsonb', encode: json }
}

function text(v: unknown): string | undefined {
  // PostgreSQL text cannot hold NUL.
  return typeof v === 'string' && !v.includes('\0') ? copyText(v) : undefined
}

function integer(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined
}

function number(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined
}

function boolean(v: unknown): string | undefined {
  return typeof v === 'boolean' ? (v ? 't' : 'f') : undefined
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

function dateTime(v: unknown): string | undefined {
  return typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined
}

/** The envelope's timestamp is the engine's own ISO text: the pattern is checked, not re-parsed. */
function envelopeTime(v: unknown): string | undefined {
  return typeof v === 'string' && ISO_DATE_TIME.test(v) ? v : undefined
}

function json(v: unknown): string | undefined {
  const t = JSON.stringify(v)
  return t === undefined ? undefined : jsonText(t)
}

function jsonText(t: string): string | undefined {
  // jsonb rejects the \u0000 escape.
  return t.includes('\\u0000') ? undefined : copyText(t)
}

/** JSON text that is already serialized (a slice of the event's NDJSON line). */
class RawJson {
  constructor(readonly text: string) {}
}

/**
 * The `data` of an NDJSON line, which the engine always writes last, after the envelope's
 * string fields: `{"id":"…",…,"timestamp":"…","data":{…}}`. Only when no envelope string holds
 * a quote, a backslash or a control character (the engine may write ids as they are), so the
 * first `","data":` is the real key; otherwise undefined (data is serialized again).
 */
function dataOfLine(event: StoryEvent, line: string | undefined): RawJson | undefined {
  if (line === undefined || !line.endsWith('}')) return undefined
  // Field by field, without an array per row.
  if (!plain(event.id) || !plain(event.org_id) || !plain(event.source) || !plain(event.event))
    return undefined
  if (!plain(event.timestamp)) return undefined
  const at = line.indexOf(DATA_KEY)
  return at < 0 ? undefined : new RawJson(line.slice(at + DATA_KEY.length, -1))
}

const DATA_KEY = '","data":'
const NOT_PLAIN = /["\\\u0000-\u001f]/

function plain(v: unknown): boolean {
  return typeof v === 'string' && !NOT_PLAIN.test(v)
}

function undeclared(
  data: Record<string, unknown>,
  declared: Set<string>,
): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined
  for (const key of Object.keys(data)) {
    if (declared.has(key)) continue
    // defineProperty: a key named __proto__ stays ordinary data.
    extra ??= {}
    Object.defineProperty(extra, key, {
      value: data[key],
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return extra
}

function preview(v: unknown): string {
  const t = v instanceof RawJson ? v.text : (JSON.stringify(v) ?? String(v))
  return t.length > 40 ? `${t.slice(0, 40)}…` : t
}
