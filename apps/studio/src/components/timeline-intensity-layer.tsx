/** The faint expected-intensity curve behind a binned rate lane, and the header's legend for it (issue 17). */
import type { IntensityCurve } from '@autosource/engine/worker'
import type { ReactElement } from 'react'
import type { Layout } from './timeline-geometry.ts'
import { expectedBuckets, intensityPath } from './timeline-intensity.ts'
import type { LaneView, TimelineModel } from './timeline-model.ts'
import { chooseBinUnit, type ZoneClock } from './timeline-time.ts'

/** What the lanes need to draw the curves: per definition its curve, the zone, and where the preview ends. */
export interface IntensityContext {
  curves: ReadonlyMap<number, IntensityCurve>
  clock: ZoneClock
  /** The time of the last record the preview holds when the run has more (nothing is drawn past it). */
  until?: number
}

/**
 * The curve of one lane: on a lane of bars, the expectation per bar's bucket scaled like the bars (their
 * largest count is full height), as a faint area behind them and a faint dashed line (over them, so a bar
 * taller than the curve never hides it). On a lane of separate marks there is no count to scale by: the
 * expectation per bucket of the zoom's unit is drawn as a shape, its peak at full height.
 */
function intensityCurvePaths(props: {
  context: IntensityContext
  row: LaneView
  from: number
  to: number
  x: (t: number) => number
  top: number
  band: number
  color: string
}): { area: ReactElement; line: ReactElement } | null {
  const { context, row, top, band } = props
  const curve = context.curves.get(row.def)
  if (!curve) return null
  const width = props.x(props.to) - props.x(props.from)
  const unit = row.bins?.unit ?? chooseBinUnit((props.to - props.from) / Math.max(1, width), 4)
  const buckets = expectedBuckets(curve, props.from, props.to, unit, context.clock, context.until)
  const baseline = top + band - 2
  const height = band - 5
  const scale = row.bins ? Math.max(1, row.bins.max) : buckets.max
  const area = intensityPath(buckets, props.x, baseline, height, scale, true)
  const line = intensityPath(buckets, props.x, baseline, height, scale)
  return {
    area: (
      <path
        key="area"
        className="intensity-area"
        data-def={row.def}
        d={area}
        fill={props.color}
        fillOpacity={0.16}
      />
    ),
    line: (
      <path
        key="line"
        className="intensity-line"
        data-def={row.def}
        data-unit={unit}
        d={line}
        fill="none"
        stroke="var(--text)"
        strokeOpacity={0.5}
        strokeWidth={1.25}
        strokeDasharray="4 3"
      >
        <title>{`Expected per ${unit} (${curve.label})`}</title>
      </path>
    ),
  }
}

/**
 * The curves of every lane that has one, in their own group of the plot: `area` before the lanes' paths
 * (behind them), `line` after (over them). A group apart, so the lanes' own paths stay one per lane.
 */
export function IntensityCurves(props: {
  part: 'area' | 'line'
  context: IntensityContext
  model: TimelineModel
  layout: Layout
  colors: string[]
  x: (t: number) => number
}) {
  const { model, layout, context } = props
  const { from, to } = model.view
  return (
    <g className={props.part === 'area' ? 'intensity-areas' : 'intensity-lines'}>
      {model.rows.map((row, i) => {
        if (!context.curves.has(row.def)) return null
        const top = layout.plotY + i * layout.band
        const paths = intensityCurvePaths({
          context,
          row,
          from,
          to,
          x: props.x,
          top,
          band: layout.band,
          color: props.colors[i],
        })
        return paths ? <g key={row.def}>{paths[props.part]}</g> : null
      })}
    </g>
  )
}

/** The header's key to the curves, shown while any lane has one. */
export function IntensityLegend(props: { labels: string[] }) {
  if (props.labels.length === 0) return null
  return (
    <span className="intensity-legend muted" title={`Expected intensity: ${props.labels.join('; ')}`}>
      <svg width="18" height="8" aria-hidden="true">
        <path
          d="M1 6L6 2L11 5L17 1"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.25"
          strokeDasharray="4 3"
        />
      </svg>{' '}
      expected
    </span>
  )
}
