/**
 * A field's chart (from a column header): null rate, then a histogram (numbers) or the top values
 * (anything else), and for numbers the average over time. Computed in the run store over the whole run.
 */
import { useEffect, useState } from 'react'
import { formatCount } from '../../format.ts'
import { ResultChart } from './result-chart.tsx'
import { runStore } from './run-store.ts'
import { quoteIdent } from './sql.ts'
import type { QueryResult } from './store-protocol.ts'

interface FieldStats {
  total: number
  nulls: number
  distribution: QueryResult
  series: QueryResult | null
}

/** The SQL of a field's chart (exported for tests). */
export function fieldChartSql(field: string, numeric: boolean, where: string, stepMs = 60_000) {
  const col = quoteIdent(field)
  const counts = `SELECT count(*) AS total, count(*) - count(${col}) AS nulls, epoch_ms(min(time)) AS lo, epoch_ms(max(time)) AS hi FROM events_flat WHERE ${where}`
  const distribution = numeric
    ? `WITH v AS (SELECT ${col} AS x FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL),
b AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
SELECT round(lo + (hi - lo) / 20 * least(19, floor((x - lo) / nullif(hi - lo, 0) * 20)), 3)::VARCHAR AS bucket, count(*) AS events
FROM v, b GROUP BY ALL ORDER BY min(x)`
    : `SELECT ${col}::VARCHAR AS value, count(*) AS events FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL GROUP BY ALL ORDER BY events DESC, value LIMIT 15`
  const series = numeric
    ? `SELECT time_bucket(to_milliseconds(${Math.max(1, Math.round(stepMs))}), time) AS time, avg(${col}) AS average
FROM events_flat WHERE (${where}) AND ${col} IS NOT NULL GROUP BY 1 ORDER BY 1`
    : null
  return { counts, distribution, series }
}

/** The chart dialog of one field. */
export function FieldChart(props: { field: string; numeric: boolean; where: string; onClose: () => void }) {
  const { field, numeric, where } = props
  const [stats, setStats] = useState<FieldStats | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const first = fieldChartSql(field, numeric, where)
    runStore
      .query(first.counts, 1)
      .then(async (counts) => {
        const [total, nulls, lo, hi] = counts.rows[0] as number[]
        // About 60 points over the run's time span.
        const sql = fieldChartSql(field, numeric, where, Math.max(1000, ((hi ?? 0) - (lo ?? 0)) / 60))
        const [distribution, series] = await Promise.all([
          runStore.query(sql.distribution, 100),
          sql.series ? runStore.query(sql.series, 1000) : Promise.resolve(null),
        ])
        return { total, nulls, distribution, series }
      })
      .then(
        ({ total, nulls, distribution, series }) => {
          if (!live) return
          setStats({ total, nulls, distribution, series })
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      )
    return () => {
      live = false
    }
  }, [field, numeric, where])

  return (
    <section className="field-chart" aria-label={`Chart of ${field}`}>
      <header className="field-chart-head">
        <h3 className="mono">{field}</h3>
        <button type="button" onClick={props.onClose} aria-label="Close chart">
          ×
        </button>
      </header>
      {error && <p className="error-note">{error}</p>}
      {!stats && !error && <p className="muted">Computing…</p>}
      {stats && (
        <>
          <p className="muted" role="status">
            {formatCount(stats.total - stats.nulls)} of {formatCount(stats.total)} events have it · null rate{' '}
            {stats.total === 0 ? '0' : ((stats.nulls / stats.total) * 100).toFixed(1)}%
          </p>
          <h4>{numeric ? 'Histogram' : 'Top values'}</h4>
          <ResultChart result={stats.distribution} label={`Distribution of ${field}`} />
          {stats.series && (
            <>
              <h4>Average over time</h4>
              <ResultChart result={stats.series} label={`${field} over time`} />
            </>
          )}
        </>
      )}
    </section>
  )
}
