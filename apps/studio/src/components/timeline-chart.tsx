/** The drawn part of the timeline: lane bands, names and marks (one SVG path per lane) on a recharts surface, and the time axis. */
import { memo } from 'react'
import { ComposedChart, XAxis } from 'recharts'
import { AXIS_HEIGHT, fitText, type Layout, MARGIN, textWidth } from './timeline-geometry.ts'
import { type IntensityContext, IntensityCurves } from './timeline-intensity-layer.tsx'
import type { LaneLabel as LaneLabelData } from './timeline-labels.ts'
import { binsPath, type LaneIndex, marksPath } from './timeline-lanes.ts'
import type { TimelineModel } from './timeline-model.ts'
import type { Tick } from './timeline-time.ts'

/** The recharts part: axes, grid, lane bands and one path per lane (memoized: hover never redraws it). */
export const LaneChart = memo(function LaneChart(props: {
  model: TimelineModel
  ticks: Tick[]
  lanes: LaneLabelData[]
  colors: string[]
  layout: Layout
  laneIndex: LaneIndex
  intensity?: IntensityContext
}) {
  const { layout } = props
  // The lanes are a custom layer on a recharts surface; the time axis below is recharts' XAxis. Lane names
  // and grid lines are drawn here too: a recharts YAxis recomputed "nice" ticks on every update of a run.
  return (
    <ComposedChart
      width={layout.width}
      height={layout.height}
      margin={MARGIN}
      className="timeline-chart"
      accessibilityLayer={false}
    >
      <LanesLayer {...props} />
    </ComposedChart>
  )
})

/** The time axis under the lanes: its own small chart, so it stays in view while the lanes scroll. */
export const TimeAxis = memo(function TimeAxis(props: {
  model: TimelineModel
  ticks: Tick[]
  layout: Layout
}) {
  const { model, ticks, layout } = props
  const labels = new Map(ticks.map((t) => [t.ms, t.label]))
  return (
    <ComposedChart
      width={layout.width}
      height={AXIS_HEIGHT}
      margin={{ top: 0, right: MARGIN.right, bottom: 0, left: layout.plotX }}
      className="timeline-axis"
      accessibilityLayer={false}
    >
      <XAxis
        type="number"
        dataKey="t"
        domain={[model.view.from, model.view.to]}
        allowDataOverflow
        ticks={ticks.map((t) => t.ms)}
        interval={0}
        tickFormatter={(v: number) => labels.get(v) ?? ''}
        height={AXIS_HEIGHT}
        tickSize={4}
      />
    </ComposedChart>
  )
})

/** A lane's name (cut to fit) and its count, right-aligned at the plot's edge; the full description on hover. */
function LaneLabel(props: { x: number; y: number; lane: LaneLabelData; color: string; width: number }) {
  const count = props.lane.count.toLocaleString('en-US')
  const countWidth = textWidth(count) + 8
  const text = fitText(props.lane.name, props.width - 22 - countWidth)
  return (
    <g className="lane-label">
      <title>{props.lane.title}</title>
      <circle cx={props.x - props.width + 10} cy={props.y} r={4} fill={props.color} />
      <text className="lane-name" x={props.x - props.width + 19} y={props.y} dy="0.35em" textAnchor="start">
        {text}
      </text>
      <text className="lane-count" x={props.x - 6} y={props.y} dy="0.35em" textAnchor="end">
        {count}
      </text>
    </g>
  )
}

/** Lane bands and marks (or bins): one <path> per lane whatever the number of records. */
function LanesLayer(props: {
  model: TimelineModel
  ticks: Tick[]
  lanes: LaneLabelData[]
  colors: string[]
  layout: Layout
  laneIndex: LaneIndex
  intensity?: IntensityContext
}) {
  const { model, colors, layout, laneIndex, ticks, lanes, intensity } = props
  const { from, to } = model.view
  const x = (t: number) => layout.plotX + ((t - from) / (to - from)) * layout.plotWidth
  return (
    <g className="lanes-layer">
      <defs>
        <clipPath id="timeline-plot">
          <rect x={layout.plotX} y={layout.plotY} width={layout.plotWidth} height={layout.plotHeight} />
        </clipPath>
      </defs>
      {model.rows.map((row, i) => {
        const top = layout.plotY + i * layout.band
        return (
          <rect
            key={`band-${row.def}`}
            className={i % 2 ? 'lane-band odd' : 'lane-band'}
            x={layout.plotX}
            y={top}
            width={layout.plotWidth}
            height={layout.band}
          />
        )
      })}
      <path
        className="lane-grid"
        d={ticks
          .map((t) => `M${x(t.ms).toFixed(1)} ${layout.plotY}V${layout.plotY + layout.plotHeight}`)
          .join('')}
      />
      {model.rows.map((row, i) => (
        <LaneLabel
          key={`label-${row.def}`}
          x={MARGIN.left + layout.labelWidth}
          y={layout.plotY + (i + 0.5) * layout.band}
          lane={lanes[i]}
          color={colors[i]}
          width={layout.labelWidth}
        />
      ))}
      <g clipPath="url(#timeline-plot)">
        {intensity && (
          <IntensityCurves
            part="area"
            context={intensity}
            model={model}
            layout={layout}
            colors={colors}
            x={x}
          />
        )}
        {model.rows.map((row, i) => {
          const lane = laneIndex.lanes[row.def]
          if (!lane || row.hi <= row.lo) return null
          const top = layout.plotY + i * layout.band
          if (row.bins) {
            return (
              <path
                key={row.def}
                d={binsPath(row.bins, x, top + layout.band - 2, layout.band - 5)}
                fill={colors[i]}
                fillOpacity={0.85}
              />
            )
          }
          const inset = layout.band * 0.22
          return (
            <path
              key={row.def}
              d={marksPath(lane, row.lo, row.hi, x, top + inset, top + layout.band - inset)}
              stroke={colors[i]}
              strokeWidth={2}
              fill="none"
            />
          )
        })}
        {intensity && (
          <IntensityCurves
            part="line"
            context={intensity}
            model={model}
            layout={layout}
            colors={colors}
            x={x}
          />
        )}
      </g>
    </g>
  )
}
