import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializeNdjson, streamStory } from '../engine.ts'
import { type PostgresServer, postgresBinDir, startPostgres } from '../test-servers/postgres-server.ts'
import { feed, type SinkEvents, storyEvents } from '../test-servers/sink-events.ts'
import { createPostgresSink } from './postgres-sink.ts'
import type { NetworkSinkOptions } from './sink.ts'

// CI installs PostgreSQL (.ci/run); only a developer machine without it may skip, and it says so.
const haveBinaries = postgresBinDir() !== undefined
if (!haveBinaries && process.env.CI === 'true')
  throw new Error('CI=true but the PostgreSQL binaries are missing: .ci/run installs them')
if (!haveBinaries)
  console.warn('postgres-sink tests skipped: no /usr/lib/postgresql/N/bin (apt-get install -y postgresql)')

function options(
  extra: Partial<NetworkSinkOptions> = {},
): NetworkSinkOptions & { dead: string[]; reasons: string[] } {
  const dead: string[] = []
  const reasons: string[] = []
  return {
    key: (e) => e.id,
    schemas: [],
    concurrency: 2,
    signal: new AbortController().signal,
    deadLetter: (line, reason) => {
      dead.push(line)
      reasons.push(reason)
    },
    dead,
    reasons,
    ...extra,
  }
}

/** Events of an inline story (hostile names need one). */
function inlineEvents(text: string): SinkEvents {
  const run = streamStory(text)
  const events = [...run]
  if (run.failed) throw new Error(run.diagnostics.map((d) => d.message).join('; '))
  return { events, lines: events.map(serializeNdjson), schemas: run.story?.schemas ?? [] }
}

const HOSTILE = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: '"; drop table x; --'
    repeat: 3
    data:
      __proto__: "'x'"
      n: random(1, 6)
  - source: web
    event: __proto__
    repeat: 2
    data:
      constructor: "'y'"
      id: "'shadow'"
schemas:
  __proto__:
    fields:
      constructor: { type: string }
      id: { type: string }
`

describe.skipIf(!haveBinaries)('postgres sink against a real server', () => {
  let server: PostgresServer
  let db: pg.Client
  let n = 0
  /** A fresh database per test, so tables never carry over. */
  const freshDatabase = async (): Promise<string> => {
    const name = `t${++n}`
    await db.query(`CREATE DATABASE ${name}`)
    return server.url.replace(/\/postgres$/, `/${name}`)
  }
  const query = async (url: string, sql: string) => {
    const c = new pg.Client(url)
    // The server is stopped on purpose in some tests: a lost connection is not a test failure.
    c.on('error', () => undefined)
    await c.connect()
    try {
      return (await c.query(sql)).rows
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    server = await startPostgres()
    db = new pg.Client(server.url)
    db.on('error', () => undefined)
    await db.connect()
  }, 120_000)
  afterAll(async () => {
    await db?.end()
    server?.stop()
  })

  it('loads one table per event type with id, timestamp, source, event, data jsonb', async () => {
    const url = await freshDatabase()
    const input = storyEvents('seed-advanced')
    const opts = options()
    const sink = createPostgresSink(new URL(`${url}?batch=16`), opts)
    await sink.open()
    await feed(sink, input)
    expect(await sink.close()).toMatchObject({ sent: input.events.length, failed: 0, retried: 0 })
    const signups = input.events.filter((e) => e.event === 'user.signup')
    const rows = await query(
      url,
      'SELECT id, timestamp, source, event, data FROM "user.signup" ORDER BY timestamp, id',
    )
    expect(rows).toHaveLength(signups.length)
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const e of signups) {
      const r = byId.get(e.id)
      expect(r.data).toEqual(e.data)
      expect(r.source).toBe(e.source)
      expect((r.timestamp as Date).getTime()).toBe(Date.parse(e.timestamp))
    }
    const tables = await query(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    )
    expect(tables.map((t) => t.table_name).sort()).toEqual(
      [...new Set(input.events.map((e) => e.event))].sort(),
    )
  }, 60_000)

  it('types the columns from the story schemas', async () => {
    const url = await freshDatabase()
    const input = storyEvents('ecommerce')
    const sink = createPostgresSink(new URL(url), options({ schemas: input.schemas }))
    await sink.open()
    await feed(sink, input)
    const summary = await sink.close()
    expect(summary).toMatchObject({ sent: input.events.length, failed: 0 })
    const columns = await query(
      url,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'product_added' ORDER BY ordinal_position",
    )
    expect(columns.map((c) => [c.column_name, c.data_type])).toEqual(
      expect.arrayContaining([
        ['id', 'text'],
        ['timestamp', 'timestamp with time zone'],
        ['quantity', 'bigint'],
        ['unit_price', 'double precision'],
        ['currency', 'text'],
      ]),
    )
    const added = input.events.filter((e) => e.event === 'product_added')
    const rows = await query(url, 'SELECT id, quantity, unit_price FROM product_added')
    expect(rows).toHaveLength(added.length)
    const first = rows.find((r) => r.id === added[0].id)
    expect(Number(first.quantity)).toBe(added[0].data.quantity)
    expect(first.unit_price).toBe(added[0].data.unit_price)
  }, 60_000)

  it('quotes hostile event types and field names as plain names', async () => {
    const url = await freshDatabase()
    const input = inlineEvents(HOSTILE)
    const sink = createPostgresSink(new URL(url), options({ schemas: input.schemas }))
    await sink.open()
    await feed(sink, input)
    expect(await sink.close()).toMatchObject({ sent: 5, failed: 0 })
    expect(await query(url, 'SELECT data FROM """; drop table x; --"')).toHaveLength(3)
    const proto = await query(url, 'SELECT "constructor", data_id, extra FROM "__proto__"')
    expect(JSON.stringify(proto)).toBe(
      JSON.stringify([
        { constructor: "'y'", data_id: "'shadow'", extra: null },
        { constructor: "'y'", data_id: "'shadow'", extra: null },
      ]),
    )
    const [hostile] = await query(url, 'SELECT data FROM """; drop table x; --" LIMIT 1')
    expect(Object.keys(hostile.data)).toContain('__proto__')
  }, 60_000)

  it('dead-letters the rows of a table that exists with other columns, without retrying', async () => {
    const url = await freshDatabase()
    await query(url, 'CREATE TABLE "user.signup" (something_else int)')
    const input = storyEvents('seed-advanced')
    const opts = options()
    const sink = createPostgresSink(new URL(url), opts)
    await sink.open()
    await feed(sink, input)
    const summary = await sink.close()
    const signups = input.events.filter((e) => e.event === 'user.signup').length
    expect(summary).toMatchObject({ sent: input.events.length - signups, failed: signups, retried: 0 })
    expect(opts.reasons[0]).toMatch(/table user\.signup: exists with other columns/)
  }, 60_000)

  it('dead-letters a row whose value does not fit its typed column, alone', async () => {
    const url = await freshDatabase()
    const input = inlineEvents(`org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: reading
    repeat: 6
    data:
      n: "switch(index, {'2': 'not a number', default: index})"
schemas:
  reading:
    fields:
      n: { type: integer }
`)
    const opts = options({ schemas: input.schemas })
    const sink = createPostgresSink(new URL(url), opts)
    await sink.open()
    await feed(sink, input)
    expect(await sink.close()).toMatchObject({ sent: 5, failed: 1 })
    expect(opts.reasons).toEqual([
      expect.stringMatching(/table reading: n: "not a number" does not fit bigint/),
    ])
    expect(await query(url, 'SELECT n FROM reading')).toHaveLength(5)
  }, 60_000)

  it('flushes what was accepted when stopped', async () => {
    const url = await freshDatabase()
    const input = storyEvents('seed-advanced')
    const stop = new AbortController()
    const sink = createPostgresSink(new URL(url), options({ signal: stop.signal }))
    await sink.open()
    await feed(sink, input, 0, 20)
    stop.abort()
    await feed(sink, input, 20)
    expect(await sink.close()).toMatchObject({ sent: 20, failed: 0 })
    const [{ count }] = await query(url, 'SELECT count(*)::int AS count FROM "user.signup"')
    const [{ count: subs }] = await query(url, 'SELECT count(*)::int AS count FROM "subscription.created"')
    expect(count + subs).toBe(20)
  }, 60_000)

  it('retries when the server goes away, then dead-letters what it could not load', async () => {
    const url = await freshDatabase()
    const input = storyEvents('seed-advanced', 300)
    const opts = options({ concurrency: 1 })
    const sink = createPostgresSink(new URL(`${url}?batch=100&retries=2`), opts)
    await sink.open()
    await feed(sink, input, 0, 300)
    // Let the first rounds land, then stop the server with work still to do.
    await new Promise((r) => setTimeout(r, 500))
    await db.end()
    server.kill()
    await feed(sink, input, 300)
    const summary = await sink.close()
    server.restart()
    db = new pg.Client(server.url)
    db.on('error', () => undefined)
    await db.connect()
    expect(summary.sent + summary.failed).toBe(input.events.length)
    expect(summary.failed).toBeGreaterThan(0)
    expect(summary.retried).toBeGreaterThan(0)
    expect(opts.dead).toHaveLength(summary.failed)
    // What was reported as sent is exactly what the database holds.
    const [{ a }] = await query(url, 'SELECT count(*)::int AS a FROM "user.signup"')
    const [{ b }] = await query(url, 'SELECT count(*)::int AS b FROM "subscription.created"')
    expect(a + b).toBe(summary.sent)
  }, 120_000)
})
