import type { EventSchema, SchemaField } from '../engine.ts'

/**
 * The columns of a Parquet file of events, as DuckDB SQL over the NDJSON lines: the envelope
 * (`id, org_id, source, event`, `timestamp` as TIMESTAMPTZ), one typed column per field that
 * the story's schemas declare (the union over all event types; a name declared with two
 * different types keeps its JSON), then `data`, the whole data object as JSON, so nothing is
 * lost (undeclared fields, types without a schema). Nested objects with declared fields are
 * STRUCTs, arrays with declared items are LISTs; a value that does not fit its column is NULL
 * there (and still in `data`).
 */
export interface ParquetColumn {
  name: string
  /** DuckDB type, e.g. `BIGINT` or `STRUCT("a" VARCHAR)`. */
  type: string
  /** The SQL expression that reads it from the JSON column `data`. */
  sql: string
}

/** Envelope column names a data field may not take (it becomes `data_<name>`). */
const RESERVED = new Set(['id', 'org_id', 'source', 'event', 'timestamp', 'data'])

/** The typed data columns for these schemas, in declaration order. */
export function parquetDataColumns(schemas: readonly EventSchema[]): ParquetColumn[] {
  const types = new Map<string, string>()
  for (const schema of schemas) {
    for (const field of schema.fields) {
      const type = duckType(field)
      const seen = types.get(field.name)
      types.set(field.name, seen === undefined || seen === type ? type : 'JSON')
    }
  }
  const taken = new Set(RESERVED)
  const columns: ParquetColumn[] = []
  for (const [field, type] of types) {
    let name = field
    while (taken.has(name)) name = `data_${name}`
    taken.add(name)
    const path = sqlString(jsonPointer(field))
    const sql =
      type === 'VARCHAR'
        ? `json_extract_string(data, ${path})`
        : type === 'JSON'
          ? `json_extract(data, ${path})`
          : type === 'TIMESTAMPTZ'
            ? `TRY_CAST(json_extract_string(data, ${path}) AS TIMESTAMPTZ)`
            : `TRY_CAST(json_extract(data, ${path}) AS ${type})`
    columns.push({ name, type, sql: `${sql} AS ${quoteIdent(name)}` })
  }
  return columns
}

/** The DuckDB type of one schema field. */
export function duckType(f: SchemaField): string {
  switch (f.type) {
    case 'integer':
      return 'BIGINT'
    case 'number':
      return 'DOUBLE'
    case 'boolean':
      return 'BOOLEAN'
    case 'string':
      return f.format === 'date-time' ? 'TIMESTAMPTZ' : 'VARCHAR'
    case 'object':
      return f.fields && f.fields.length > 0
        ? `STRUCT(${f.fields.map((c) => `${quoteIdent(c.name)} ${duckType(c)}`).join(', ')})`
        : 'JSON'
    case 'array':
      return f.items ? `${duckType(f.items)}[]` : 'JSON'
    default:
      return f.enum?.every((v) => typeof v === 'string') ? 'VARCHAR' : 'JSON'
  }
}

/** A JSON Pointer to one top-level key (works for any key: `~` and `/` are escaped). */
function jsonPointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/** A SQL identifier in double quotes (inner quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
