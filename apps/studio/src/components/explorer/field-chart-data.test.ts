import { beforeAll, describe, expect, it } from 'vitest'
import { runTableWith } from './duck.test-util.ts'
import { BUCKETS, loadFieldStats, seriesStep } from './field-chart-data.ts'
import type { RunTable } from './store-db.ts'

let table: RunTable

// 40 events a minute apart: amount i (0..39) on even i, missing on odd; plan cycles over 3 values
// with "pro" twice as often.
const lines = Array.from({ length: 40 }, (_, i) =>
  JSON.stringify({
    id: `e${i}`,
    source: 'stripe',
    event: 'charge',
    timestamp: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().replace('Z', '+00:00'),
    data: { ...(i % 2 === 0 ? { amount: i } : {}), plan: ['pro', 'free', 'pro', 'team'][i % 4], flag: 7 },
  }),
)

beforeAll(async () => {
  table = await runTableWith(lines)
}, 60_000)

const query = (sql: string, limit: number) => table.query(sql, limit)

describe('field chart data', () => {
  it('counts nulls and buckets a number between its minimum and maximum', async () => {
    const stats = await loadFieldStats(query, 'data.amount', true, 'TRUE')
    expect(stats.total).toBe(40)
    expect(stats.nulls).toBe(20)
    if (stats.distribution.kind !== 'histogram') throw new Error('expected a histogram')
    const { lo, hi, counts } = stats.distribution
    expect([lo, hi]).toEqual([0, 38])
    expect(counts).toHaveLength(BUCKETS)
    // 0, 2, ..., 38 in buckets 1.9 wide: one each, the maximum in the last one (not one past it).
    expect(counts).toEqual(new Array(BUCKETS).fill(1))
  })

  it('keeps empty buckets in place', async () => {
    const stats = await loadFieldStats(query, 'data.amount', true, `"data.amount" IN (0, 1, 38)`)
    if (stats.distribution.kind !== 'histogram') throw new Error('expected a histogram')
    const counts = stats.distribution.counts
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2)
    expect([counts[0], counts[BUCKETS - 1]]).toEqual([1, 1])
  })

  it('gives the average per time bucket', async () => {
    const stats = await loadFieldStats(query, 'data.amount', true, 'TRUE')
    // 39 minutes in about 60 buckets of 39 s from the first event: one event in each.
    expect(stats.series?.step).toBe(seriesStep(0, 39 * 60_000))
    const points = stats.series?.points ?? []
    expect(points).toHaveLength(20)
    expect(points[0]).toEqual({ t: Date.UTC(2025, 0, 1), y: 0 })
    // The last event (minute 38) is in bucket 58 (38 * 60 / 39 = 58.5).
    expect(points[19]).toEqual({ t: Date.UTC(2025, 0, 1) + 58 * 39_000, y: 38 })
  })

  it('gives the top values of a string, most frequent first, and how many distinct there are', async () => {
    const stats = await loadFieldStats(query, 'data.plan', false, 'TRUE')
    expect(stats.series).toBeNull()
    expect(stats.distribution).toEqual({
      kind: 'top',
      values: [
        { value: 'pro', count: 20 },
        { value: 'free', count: 10 },
        { value: 'team', count: 10 },
      ],
      distinct: 3,
    })
  })

  it('draws a constant field as one bucket and follows the filter', async () => {
    const stats = await loadFieldStats(query, 'data.flag', true, `"data.plan" = 'team'`)
    expect(stats.total).toBe(10)
    expect(stats.distribution).toEqual({ kind: 'histogram', lo: 7, hi: 7, counts: [10] })
  })

  it('is empty when no event matches', async () => {
    const stats = await loadFieldStats(query, 'data.amount', true, 'FALSE')
    expect(stats.total).toBe(0)
    expect(stats.distribution).toEqual({ kind: 'histogram', lo: 0, hi: 0, counts: [] })
    expect(stats.series?.points).toEqual([])
  })
})
