import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { serializeNdjson, streamStory } from '../engine.ts'
import { tempDir } from '../test-fixtures.ts'
import { feed, type SinkEvents, storyEvents } from '../test-servers/sink-events.ts'
import { createParquetSink } from './parquet-sink.ts'

/** Reads a Parquet file back with DuckDB: rows as plain JSON values, and the column types. */
async function readBack(
  path: string,
  sql = 'SELECT * FROM t',
): Promise<{ rows: Record<string, unknown>[]; types: Record<string, string> }> {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  try {
    await c.run(`CREATE VIEW t AS SELECT * FROM read_parquet('${path.replace(/'/g, "''")}')`)
    const described = (await c.runAndReadAll('DESCRIBE t')).getRowObjectsJS()
    const types = Object.fromEntries(described.map((d) => [String(d.column_name), String(d.column_type)]))
    const reader = await c.runAndReadAll(sql)
    const names = reader.columnNames()
    // fromEntries: a column named __proto__ becomes an own key, not the prototype.
    const rows = reader.getRowsJson().map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])))
    return { rows, types }
  } finally {
    c.closeSync()
    db.closeSync()
  }
}

const signal = () => new AbortController().signal

describe('parquet sink', () => {
  it('writes every event with the envelope typed and data as JSON', async () => {
    const input = storyEvents('seed-advanced')
    const path = join(tempDir(), 'events.parquet')
    const sink = createParquetSink(path, { schemas: [], signal: signal() })
    await sink.open()
    await feed(sink, input)
    expect(await sink.close()).toEqual({ sent: input.events.length, retried: 0, failed: 0 })
    const { rows, types } = await readBack(path)
    expect(types).toEqual({
      id: 'VARCHAR',
      org_id: 'VARCHAR',
      source: 'VARCHAR',
      event: 'VARCHAR',
      timestamp: 'TIMESTAMP WITH TIME ZONE',
      data: 'JSON',
    })
    expect(rows.map((r) => r.id)).toEqual(input.events.map((e) => e.id))
    expect(rows.map((r) => JSON.parse(String(r.data)))).toEqual(input.events.map((e) => e.data))
    // Only the renamed file is left: no temp file beside it.
    expect(readdirSync(join(path, '..'))).toEqual(['events.parquet'])
  }, 60_000)

  it('writes the same rows through a temp file where there is no pipe', async () => {
    const input = storyEvents('seed-advanced')
    const [piped, filed] = [join(tempDir(), 'piped.parquet'), join(tempDir(), 'filed.parquet')]
    for (const [path, pipe] of [
      [piped, true],
      [filed, false],
    ] as const) {
      const sink = createParquetSink(path, { schemas: [], signal: signal(), pipe })
      await sink.open()
      await feed(sink, input)
      expect((await sink.close()).sent).toBe(input.events.length)
    }
    expect((await readBack(filed)).rows).toEqual((await readBack(piped)).rows)
  }, 60_000)

  it('types the columns from the story schemas (a name with two shapes keeps its JSON)', async () => {
    const input = storyEvents('ecommerce')
    const path = join(tempDir(), 'shop.parquet')
    const sink = createParquetSink(path, { schemas: input.schemas, signal: signal() })
    await sink.open()
    await feed(sink, input)
    expect((await sink.close()).sent).toBe(input.events.length)
    const { rows, types } = await readBack(
      path,
      "SELECT id, quantity, unit_price, session_id FROM t WHERE event = 'product_added'",
    )
    expect(types.quantity).toBe('BIGINT')
    expect(types.unit_price).toBe('DOUBLE')
    expect(types.published_at).toBe('TIMESTAMP WITH TIME ZONE')
    // `product` is a struct in one schema and a bare object in another: it keeps its JSON.
    expect(types.product).toBe('JSON')
    const added = input.events.filter((e) => e.event === 'product_added')
    expect(rows).toHaveLength(added.length)
    expect(rows[0]).toEqual({
      id: added[0].id,
      quantity: String(added[0].data.quantity),
      unit_price: added[0].data.unit_price,
      session_id: added[0].data.session_id,
    })
  }, 60_000)

  it('keeps hostile field names as plain column names; nested objects are structs', async () => {
    const run = streamStory(`org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: __proto__
    repeat: 3
    data:
      __proto__: "'p'"
      "x'); drop table t; --": random(1, 6)
      id: "'shadow'"
      geo:
        lat: 1.5
schemas:
  __proto__:
    fields:
      __proto__: { type: string }
      "x'); drop table t; --": { type: integer }
      id: { type: string }
      geo:
        type: object
        fields:
          lat: { type: number }
          'we"ird': { type: string }
`)
    const events = [...run]
    expect(run.failed).toBe(false)
    const input: SinkEvents = { events, lines: events.map(serializeNdjson), schemas: run.story!.schemas }
    const path = join(tempDir(), "it's.parquet")
    const sink = createParquetSink(path, { schemas: input.schemas, signal: signal() })
    await sink.open()
    await feed(sink, input)
    expect((await sink.close()).sent).toBe(3)
    const { rows, types } = await readBack(path)
    expect(types["x'); drop table t; --"]).toBe('BIGINT')
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toBe("'p'")
    expect(rows[0].data_id).toBe("'shadow'")
    expect(rows[0].id).toBe(events[0].id)
    expect(types.geo).toBe('STRUCT(lat DOUBLE, "we""ird" VARCHAR)')
    expect(rows[0].geo).toEqual({ lat: 1.5, 'we"ird': null })
  }, 60_000)

  it('on a stop, writes what was accepted and nothing after', async () => {
    const input = storyEvents('seed-advanced')
    const path = join(tempDir(), 'stopped.parquet')
    const stop = new AbortController()
    const sink = createParquetSink(path, { schemas: [], signal: stop.signal })
    await sink.open()
    await feed(sink, input, 0, 10)
    stop.abort()
    await feed(sink, input, 10)
    expect((await sink.close()).sent).toBe(10)
    expect((await readBack(path)).rows).toHaveLength(10)
  }, 60_000)

  it('reports a file it cannot write as a SinkError and leaves nothing behind', async () => {
    const dir = tempDir()
    const path = join(dir, 'missing-dir', 'x.parquet')
    const sink = createParquetSink(path, { schemas: [], signal: signal() })
    await sink.open()
    await feed(sink, storyEvents('seed-advanced'))
    await expect(sink.close()).rejects.toThrow(/cannot write Parquet file/)
    expect(existsSync(path)).toBe(false)
  }, 60_000)
})
