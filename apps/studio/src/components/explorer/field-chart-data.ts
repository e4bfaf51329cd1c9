/**
 * What a field chart shows, computed in the run store (SQL over `events_flat`, in its worker) and
 * handed over as a few dozen numbers: counts and null rate, a histogram (numbers) or the top values
 * (anything else), and for numbers the average per time bucket. The main thread only draws them.
 */
import { quoteIdent } from './sql.ts'
import type { QueryResult } from './store-protocol.ts'

/** Histogram buckets of a numeric field (equal widths between its minimum and maximum). */
export const BUCKETS = 20
/** Top values shown for a non-numeric field. */
export const TOP_VALUES = 15
/** About this many points in a series over time. */
export const SERIES_POINTS = 60

/** A field's distribution: equal-width buckets of a number, or the most frequent values. */
export type Distribution =
  | { kind: 'histogram'; lo: number; hi: number; counts: number[] }
  | { kind: 'top'; values: { value: string; count: number }[]; distinct: number }

/** One point of a series over time: a bucket's start (epoch ms) and the field's average there. */
export interface SeriesPoint {
  t: number
  y: number
}

/** Everything one field chart draws. */
export interface FieldStats {
  total: number
  nulls: number
  distribution: Distribution
  /** Numbers only; the bucket width in ms is `step`. */
  series: { step: number; points: SeriesPoint[] } | null
}

/** The first query: counts, the time span (for the series' step) and, for strings, distinct values. */
export function countsSql(field: string, numeric: boolean, where: string): string {
  const col = quoteIdent(field)
  const distinct = numeric ? '0' : `count(DISTINCT ${col})`
  return `SELECT count(*) AS total, count(*) - count(${col}) AS nulls, epoch_ms(min(time)) AS t0, epoch_ms(max(time)) AS t1, ${distinct} AS n_distinct FROM events_flat WHERE ${where}`
}

/** The distribution query: bucket index `k` with counts and the bounds, or value and count. */
export function distributionSql(field: string, numeric: boolean, where: string): string {
  const col = quoteIdent(field)
  if (!numeric)
    return `SELECT ${col}::VARCHAR AS value, count(*) AS events FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL GROUP BY ALL ORDER BY events DESC, value LIMIT ${TOP_VALUES}`
  // The maximum falls in the last bucket, not one past it; a constant field is one bucket.
  return `WITH v AS (SELECT ${col}::DOUBLE AS x FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL),
b AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
SELECT (CASE WHEN hi > lo THEN least(${BUCKETS - 1}, floor((x - lo) / (hi - lo) * ${BUCKETS})) ELSE 0 END)::INTEGER AS k, count(*) AS events, lo, hi
FROM v, b GROUP BY ALL ORDER BY k`
}

/** The series query: the average per `stepMs` bucket, the buckets starting at `t0` (epoch ms). */
export function seriesSql(field: string, where: string, stepMs: number, t0: number): string {
  const col = quoteIdent(field)
  const origin = `make_timestamp(${Math.round(t0)}::BIGINT * 1000)`
  return `SELECT epoch_ms(time_bucket(to_milliseconds(${Math.max(1, Math.round(stepMs))}), time, ${origin})) AS t, avg(${col}::DOUBLE) AS average
FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL GROUP BY 1 ORDER BY 1`
}

/** A bucket width giving about SERIES_POINTS points over [t0, t1], at least one second. */
export function seriesStep(t0: number, t1: number): number {
  return Math.max(1000, Math.ceil((t1 - t0) / SERIES_POINTS))
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0))

/** The counts query's row as numbers. */
export function readCounts(r: QueryResult): {
  total: number
  nulls: number
  t0: number
  t1: number
  distinct: number
} {
  const [total, nulls, t0, t1, distinct] = (r.rows[0] ?? []).map(num)
  return { total: total ?? 0, nulls: nulls ?? 0, t0: t0 ?? 0, t1: t1 ?? 0, distinct: distinct ?? 0 }
}

/** The distribution query's rows as a Distribution (`distinct` from the counts query). */
export function readDistribution(r: QueryResult, numeric: boolean, distinct: number): Distribution {
  if (!numeric)
    return {
      kind: 'top',
      values: r.rows.map((row) => ({ value: String(row[0]), count: num(row[1]) })),
      distinct,
    }
  const first = r.rows[0]
  if (!first) return { kind: 'histogram', lo: 0, hi: 0, counts: [] }
  const lo = num(first[2])
  const hi = num(first[3])
  const counts = new Array<number>(hi > lo ? BUCKETS : 1).fill(0)
  for (const row of r.rows) counts[num(row[0])] = num(row[1])
  return { kind: 'histogram', lo, hi, counts }
}

/** The series query's rows as points (null averages dropped). */
export function readSeries(r: QueryResult): SeriesPoint[] {
  const out: SeriesPoint[] = []
  for (const row of r.rows) if (row[1] !== null) out.push({ t: num(row[0]), y: num(row[1]) })
  return out
}

/** Runs a field chart's queries with `query` (the run store's, or a RunTable's in tests). */
export async function loadFieldStats(
  query: (sql: string, limit: number) => Promise<QueryResult>,
  field: string,
  numeric: boolean,
  where: string,
): Promise<FieldStats> {
  const counts = readCounts(await query(countsSql(field, numeric, where), 1))
  const step = seriesStep(counts.t0, counts.t1)
  const [distribution, series] = await Promise.all([
    query(distributionSql(field, numeric, where), BUCKETS + TOP_VALUES),
    numeric ? query(seriesSql(field, where, step, counts.t0), SERIES_POINTS * 2) : Promise.resolve(null),
  ])
  return {
    total: counts.total,
    nulls: counts.nulls,
    distribution: readDistribution(distribution, numeric, counts.distinct),
    series: series ? { step, points: readSeries(series) } : null,
  }
}
