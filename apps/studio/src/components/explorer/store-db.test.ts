import { beforeAll, describe, expect, it } from 'vitest'
import { duckConnection } from './duck.test-util.ts'
import { type DuckConnection, RunTable } from './store-db.ts'

let conn: DuckConnection

beforeAll(async () => {
  conn = await duckConnection()
}, 60_000)

const ev = (i: number, event: string, data: object) =>
  JSON.stringify({
    id: `e${i}`,
    source: 'stripe',
    event,
    timestamp: `2025-01-0${1 + (i % 3)}T00:00:00.000+00:00`,
    data,
  })

describe('RunTable', () => {
  it('holds chunks as columns and answers SQL over `events` with data as a struct', async () => {
    const table = new RunTable(conn)
    await table.reset()
    await table.append(
      [ev(0, 'charge', { amount: 5, plan: 'pro' }), ev(1, 'charge', { amount: 150, plan: 'free' })].join(
        '\n',
      ),
    )
    await table.append(ev(2, 'refund', { amount: 'all', user: { id: 'u1' } }))
    expect(table.events).toBe(3)
    expect(table.columns().find((c) => c.name === 'data.amount')?.kind).toBe('string')
    const r = await table.query(`SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY event`, 100)
    expect(r.rows).toEqual([
      ['charge', 2],
      ['refund', 1],
    ])
    const nested = await table.query(
      `SELECT data.user.id AS u, "time" FROM events WHERE event = 'refund'`,
      10,
    )
    expect(nested.rows).toEqual([['u1', '2025-01-03T00:00:00.000Z']])
    const flat = await table.query(
      `SELECT seq, occurrence, line FROM events_flat ORDER BY seq DESC LIMIT 1`,
      10,
    )
    expect(flat.rows).toEqual([[2, 0, ev(2, 'refund', { amount: 'all', user: { id: 'u1' } })]])
  })

  it('keeps at most `room` events of a chunk, and starts over on reset', async () => {
    const table = new RunTable(conn)
    await table.reset()
    expect(await table.append([ev(0, 'a', { x: 1 }), ev(1, 'a', { x: 2 })].join('\n'), 1)).toBe(1)
    expect((await table.query('SELECT count(*) FROM events_flat', 1)).rows).toEqual([[1]])
    await table.reset()
    expect(table.events).toBe(0)
    expect((await table.query('SELECT count(*) FROM events_flat', 1)).rows).toEqual([[0]])
  })

  it('reports at most `limit` rows and whether more existed', async () => {
    const table = new RunTable(conn)
    await table.reset()
    await table.append([0, 1, 2, 3].map((i) => ev(i, 'a', { x: i })).join('\n'))
    const r = await table.query('SELECT data.x FROM events ORDER BY seq', 2)
    expect(r.rows).toEqual([[0], [1]])
    expect(r.truncated).toBe(true)
  })
})
