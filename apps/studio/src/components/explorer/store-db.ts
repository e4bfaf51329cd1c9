/**
 * The run store itself, inside its worker: DuckDB-WASM (its own worker, started by the store worker) holding the run as `events_flat` (a column per field path) and the
 * view `events` (envelope columns, `data` as a STRUCT) that SQL in the Query panel reads.
 */
import * as arrow from 'apache-arrow'
import type { LeafKind } from './flatten.ts'
import { quoteIdent } from './sql.ts'
import { type ChunkCursor, chunkColumns, sqlType, storedValue } from './store-chunk.ts'
import type { QueryResult, StoreColumn } from './store-protocol.ts'
import { eventsViewSql } from './store-view.ts'

/** What the store needs of a DuckDB connection (the blocking build's DuckDBConnection). */
export interface DuckConnection {
  query(sql: string): arrow.Table | Promise<arrow.Table>
  insertArrowFromIPCStream(
    buffer: Uint8Array,
    options: { name: string; create?: boolean },
  ): void | Promise<void>
}

const BASE = ['seq', 'occurrence', 'time', 'line']

/** The run held by one DuckDB connection. */
export class RunTable {
  private kinds = new Map<string, LeafKind>()
  private cursor: ChunkCursor = { seq: 0, occurrences: new Map() }

  constructor(private readonly conn: DuckConnection) {}

  /** Events held. */
  get events(): number {
    return this.cursor.seq
  }

  /** Drops the run held, for a new one. */
  async reset(): Promise<void> {
    await this.conn.query('DROP VIEW IF EXISTS events')
    await this.conn.query('DROP TABLE IF EXISTS events_flat')
    await this.conn.query(
      'CREATE TABLE events_flat (seq BIGINT, occurrence BIGINT, "time" TIMESTAMP, line VARCHAR)',
    )
    this.kinds = new Map()
    this.cursor = { seq: 0, occurrences: new Map() }
  }

  /** The field columns, in order of first appearance. */
  columns(): StoreColumn[] {
    return [...this.kinds].map(([name, kind]) => ({ name, kind }))
  }

  /** Adds whole NDJSON lines (at most `room` of them); returns how many were added. */
  async append(text: string, room = Number.POSITIVE_INFINITY): Promise<number> {
    let ndjson = text
    if (Number.isFinite(room))
      ndjson = text
        .split('\n')
        .filter((l) => l !== '')
        .slice(0, room)
        .join('\n')
    const chunk = chunkColumns(ndjson, this.cursor, this.kinds)
    if (chunk.count === 0) return 0
    let schemaChanged = false
    for (const [path, kind] of chunk.kinds) {
      if (BASE.includes(path)) continue
      const before = this.kinds.get(path)
      if (before === undefined)
        await this.conn.query(`ALTER TABLE events_flat ADD COLUMN ${quoteIdent(path)} ${sqlType(kind)}`)
      else if (sqlType(before) !== sqlType(kind))
        await this.conn.query(`ALTER TABLE events_flat ALTER ${quoteIdent(path)} TYPE ${sqlType(kind)}`)
      if (before !== kind) schemaChanged = true
      this.kinds.set(path, kind)
    }
    const vectors: Record<string, arrow.Vector> = {
      seq: arrow.makeVector(chunk.seq),
      occurrence: arrow.makeVector(chunk.occurrence),
      time: arrow.makeVector(chunk.time),
      line: arrow.vectorFromArray(chunk.line, new arrow.Utf8()),
    }
    for (const [path, values] of chunk.fields) {
      if (BASE.includes(path)) continue
      const kind = this.kinds.get(path) ?? 'string'
      const type =
        kind === 'number' ? new arrow.Float64() : kind === 'boolean' ? new arrow.Bool() : new arrow.Utf8()
      vectors[path] = arrow.vectorFromArray(
        values.map((v) => storedValue(v, kind)),
        type as arrow.DataType,
      )
    }
    // Serialized here: DuckDB's own insertArrowTable expects its copy of apache-arrow's classes.
    const ipc = arrow.tableToIPC(new arrow.Table(vectors), 'stream')
    await this.conn.insertArrowFromIPCStream(ipc, { name: 'chunk_in', create: true })
    const fields = [...chunk.fields.keys()].filter((p) => !BASE.includes(p)).map(quoteIdent)
    await this.conn.query(
      `INSERT INTO events_flat (seq, occurrence, "time", line${fields.map((f) => `, ${f}`).join('')}) ` +
        `SELECT seq::BIGINT, occurrence::BIGINT, make_timestamp((time * 1000)::BIGINT), line${fields.map((f) => `, ${f}`).join('')} FROM chunk_in`,
    )
    await this.conn.query('DROP TABLE chunk_in')
    if (schemaChanged || this.cursor.seq === chunk.count) await this.conn.query(eventsViewSql(this.columns()))
    return chunk.count
  }

  /** Runs SQL; at most `limit` rows come back as plain values. */
  async query(sql: string, limit: number): Promise<QueryResult> {
    const table = await this.conn.query(sql)
    const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }))
    const n = Math.min(table.numRows, limit)
    const vectors = table.schema.fields.map((_, i) => table.getChildAt(i))
    const kinds = table.schema.fields.map((f) => f.type)
    const rows: unknown[][] = []
    for (let r = 0; r < n; r++) rows.push(vectors.map((v, c) => plain(v?.get(r), kinds[c])))
    return { columns, rows, truncated: table.numRows > limit }
  }
}

/** An Arrow value as plain data. */
function plain(value: unknown, type: arrow.DataType | undefined): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (type && (arrow.DataType.isTimestamp(type) || arrow.DataType.isDate(type)) && typeof value === 'number')
    return new Date(value).toISOString()
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value
    return JSON.parse(JSON.stringify(json, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
  }
  return value
}
