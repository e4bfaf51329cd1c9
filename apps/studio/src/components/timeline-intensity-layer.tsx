/** The faint expected-intensity curve behind a binned rate lane, and the header's legend for it (issue 17). */
import type { IntensityCurve } from '@autosource/engine/worker'
import { expectedBuckets, intensityPath } from './timeline-intensity.ts'
import type { LaneView } from './timeline-model.ts'
import type { ZoneClock } from './timeline-time.ts'

/** What the lanes need to draw the curves: per definition its curve, the zone, and where the preview ends. */
export interface IntensityContext {
  curves: ReadonlyMap<number, IntensityCurve>
  clock: ZoneClock
  /** The time of the last record the preview holds when the run has more (nothing is drawn past it). */
  until?: number
}

/**
 * The curve of one lane, drawn only where the lane shows bars (a lane of separate marks has no count to
 * compare with): the expectation per bar's bucket, scaled like the bars (their largest count is full
 * height), as a faint area and a dashed line behind them.
 */
export function IntensityCurvePath(props: {
  context: IntensityContext
  row: LaneView
  from: number
  to: number
  x: (t: number) => number
  top: number
  band: number
  color: string
}) {
  const { context, row, top, band } = props
  const curve = context.curves.get(row.def)
  if (!curve || !row.bins) return null
  const buckets = expectedBuckets(curve, props.from, props.to, row.bins.unit, context.clock, context.until)
  const baseline = top + band - 2
  const height = band - 5
  const scale = Math.max(1, row.bins.max)
  return (
    <g className="intensity-curve" data-def={row.def}>
      <title>{`Expected per ${row.bins.unit} (${curve.label}); bars are what was drawn`}</title>
      <path
        className="intensity-area"
        d={intensityPath(buckets, props.x, baseline, height, scale, true)}
        fill={props.color}
        fillOpacity={0.16}
      />
      <path
        className="intensity-line"
        d={intensityPath(buckets, props.x, baseline, height, scale)}
        fill="none"
        stroke="var(--text)"
        strokeOpacity={0.55}
        strokeWidth={1.25}
        strokeDasharray="4 3"
      />
    </g>
  )
}

/** The header's key to the curves, shown while any lane has one. */
export function IntensityLegend(props: { labels: string[] }) {
  if (props.labels.length === 0) return null
  return (
    <span className="intensity-legend muted" title={`Expected intensity: ${props.labels.join('; ')}`}>
      <svg width="18" height="8" aria-hidden="true">
        <path d="M1 6L6 2L11 5L17 1" fill="none" stroke="currentColor" strokeWidth="1.25" strokeDasharray="4 3" />
      </svg>{' '}
      expected
    </span>
  )
}
