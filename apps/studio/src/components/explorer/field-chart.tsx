/**
 * A field's chart (from a column header): null rate, then a histogram (numbers) or the top values
 * (anything else), and for numbers the average over time. Computed in the run store over the whole
 * run and the current filter; drawn as plain SVG (field-chart-svg.tsx).
 */
import { useEffect, useState } from 'react'
import { formatCount } from '../../format.ts'
import { type FieldStats, loadFieldStats } from './field-chart-data.ts'
import { HistogramSvg, SeriesSvg, TopValuesSvg } from './field-chart-svg.tsx'
import { runStore } from './run-store.ts'

/** The chart panel of one field. */
export function FieldChart(props: { field: string; numeric: boolean; where: string; onClose: () => void }) {
  const { field, numeric, where } = props
  const [stats, setStats] = useState<FieldStats | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    setStats(null)
    setError(null)
    loadFieldStats((sql, limit) => runStore.query(sql, limit), field, numeric, where).then(
      (s) => live && setStats(s),
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
      {stats && <FieldChartBody field={field} stats={stats} />}
    </section>
  )
}

function FieldChartBody(props: { field: string; stats: FieldStats }) {
  const { field, stats } = props
  const { distribution: d, series } = stats
  const present = stats.total - stats.nulls
  return (
    <>
      <p className="muted" role="status">
        {formatCount(present)} of {formatCount(stats.total)} events have it · null rate{' '}
        {stats.total === 0 ? '0' : ((stats.nulls / stats.total) * 100).toFixed(1)}%
      </p>
      {present === 0 ? (
        <p className="muted">No values to chart.</p>
      ) : d.kind === 'histogram' ? (
        <>
          <h4>Histogram</h4>
          <HistogramSvg field={field} lo={d.lo} hi={d.hi} counts={d.counts} />
        </>
      ) : (
        <>
          <h4>
            Top values
            {d.distinct > d.values.length && (
              <span className="muted">
                {' '}
                · {d.values.length} of {formatCount(d.distinct)} distinct
              </span>
            )}
          </h4>
          <TopValuesSvg field={field} values={d.values} present={present} />
        </>
      )}
      {present > 0 && series && series.points.length > 0 && (
        <>
          <h4>Average over time</h4>
          <SeriesSvg field={field} points={series.points} step={series.step} />
        </>
      )}
    </>
  )
}
