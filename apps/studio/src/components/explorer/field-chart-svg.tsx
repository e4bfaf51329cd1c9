/**
 * The field charts as plain SVG: a histogram, top values as horizontal bars, a line over time. Drawn
 * from the few dozen numbers the run store computed, at the width a ResizeObserver reports; text is
 * never measured (labels are placed at fixed spots and cut to a character budget), so opening a chart
 * costs one small render, not a charting library's first layout.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { formatCount } from '../../format.ts'
import { fitText, niceTicks, shortNumber, timeLabel } from './chart-scale.ts'
import type { SeriesPoint } from './field-chart-data.ts'

const HEIGHT = 150
const M = { top: 8, right: 12, bottom: 20, left: 48 }
/** Width of one character of the 11px monospace labels (a budget, not a measurement). */
const CHAR = 6.7

/** The width of an element, from a ResizeObserver (0 until the first report). */
function useWidth<T extends Element>() {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0)
      setWidth((prev) => (prev === w ? prev : w))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

/** A figure holding one SVG chart at its measured width; `draw` gets the width (> 0). */
function ChartFigure(props: {
  label: string
  summary: string
  height: number
  draw: (w: number) => ReactNode
}) {
  const [ref, width] = useWidth<HTMLElement>()
  return (
    <figure className="explorer-chart field-svg" aria-label={props.label} ref={ref}>
      <svg role="img" aria-label={props.summary} width="100%" height={props.height}>
        {width > 0 && props.draw(width)}
      </svg>
    </figure>
  )
}

/** Horizontal grid lines with their labels at the left. */
function YGrid(props: { ticks: number[]; y: (v: number) => number; width: number }) {
  return (
    <g>
      {props.ticks.map((t) => (
        <g key={t}>
          <line
            className="chart-grid"
            x1={M.left}
            x2={props.width - M.right}
            y1={props.y(t)}
            y2={props.y(t)}
          />
          <text className="chart-text" x={M.left - 6} y={props.y(t)} dy="0.32em" textAnchor="end">
            {shortNumber(t)}
          </text>
        </g>
      ))}
    </g>
  )
}

/** A label under the plot; the first and last hug the plot's edges instead of centring. */
function XLabel(props: { x: number; text: string; edge: 'start' | 'middle' | 'end' }) {
  return (
    <text className="chart-text" x={props.x} y={HEIGHT - 5} textAnchor={props.edge}>
      {props.text}
    </text>
  )
}

/** Equal-width buckets between `lo` and `hi`, with counts. */
export function HistogramSvg(props: { field: string; lo: number; hi: number; counts: number[] }) {
  const { lo, hi, counts } = props
  const n = counts.length
  const summary = `Histogram of ${props.field}: ${n} bucket${n === 1 ? '' : 's'} from ${shortNumber(lo)} to ${shortNumber(hi)}, at most ${formatCount(Math.max(0, ...counts))} events in one`
  const draw = (width: number) => {
    const plotW = width - M.left - M.right
    const plotH = HEIGHT - M.top - M.bottom
    const ticks = niceTicks(0, Math.max(1, ...counts), 3)
    const top = ticks[ticks.length - 1]
    const y = (v: number) => M.top + plotH - (v / top) * plotH
    const slot = plotW / n
    const bucketW = (hi - lo) / n
    // Labels at bucket edges, as many as fit about 64px apart.
    const every = [1, 2, 5, 10, 20].find((e) => (plotW / n) * e >= 64) ?? n
    const edges = n === 1 ? [] : Array.from({ length: Math.floor(n / every) + 1 }, (_, i) => i * every)
    return (
      <>
        <YGrid ticks={ticks} y={y} width={width} />
        {counts.map((c, k) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: a bucket is its index.
            key={k}
            className="chart-bar"
            x={M.left + k * slot + 0.5}
            width={Math.max(1, slot - 1)}
            y={y(c)}
            height={y(0) - y(c)}
          >
            <title>
              {n === 1
                ? shortNumber(lo)
                : `${shortNumber(lo + k * bucketW)} to ${shortNumber(lo + (k + 1) * bucketW)}`}
              : {formatCount(c)} events
            </title>
          </rect>
        ))}
        {n === 1 && <XLabel x={M.left + plotW / 2} text={shortNumber(lo)} edge="middle" />}
        {edges.map((e) => (
          <XLabel
            key={e}
            x={M.left + e * slot}
            text={shortNumber(lo + e * bucketW)}
            edge={e === 0 ? 'start' : e === n ? 'end' : 'middle'}
          />
        ))}
      </>
    )
  }
  return (
    <ChartFigure label={`Distribution of ${props.field}`} summary={summary} height={HEIGHT} draw={draw} />
  )
}

const ROW = 18

/** The most frequent values as horizontal bars, with counts and shares of `present` events. */
export function TopValuesSvg(props: {
  field: string
  values: { value: string; count: number }[]
  present: number
}) {
  const { values, present } = props
  const most = Math.max(1, ...values.map((v) => v.count))
  const summary = `Top values of ${props.field}: ${values.map((v) => `${v.value} ${formatCount(v.count)}`).join(', ')}`
  const draw = (width: number) => {
    const labelW = Math.round(Math.min(220, Math.max(80, width * 0.3)))
    const chars = Math.floor((labelW - 8) / CHAR)
    const countW = width > 420 ? 118 : 64
    const barMax = Math.max(10, width - labelW - countW - 8)
    return values.map((v, i) => {
      const y = 2 + i * ROW
      const w = Math.max(1, (v.count / most) * barMax)
      const share = present > 0 ? ` (${((v.count / present) * 100).toFixed(1)}%)` : ''
      return (
        <g key={v.value} className="chart-row">
          <title>
            {v.value}: {formatCount(v.count)} events{share}
          </title>
          <text
            className="chart-text chart-label"
            x={labelW - 8}
            y={y + ROW / 2}
            dy="0.32em"
            textAnchor="end"
          >
            {fitText(v.value, chars)}
          </text>
          <rect className="chart-bar" x={labelW} y={y + 2} width={w} height={ROW - 4} />
          <text className="chart-text" x={labelW + w + 6} y={y + ROW / 2} dy="0.32em">
            {formatCount(v.count)}
            {countW > 64 ? share : ''}
          </text>
        </g>
      )
    })
  }
  return (
    <ChartFigure
      label={`Distribution of ${props.field}`}
      summary={summary}
      height={values.length * ROW + 4}
      draw={draw}
    />
  )
}

/** A number's average per time bucket (`step` ms wide) as a line. */
export function SeriesSvg(props: { field: string; points: SeriesPoint[]; step: number }) {
  const { points, step } = props
  const ys = points.map((p) => p.y)
  const summary = `Average of ${props.field} over time: ${points.length} points from ${shortNumber(Math.min(...ys))} to ${shortNumber(Math.max(...ys))}`
  const draw = (width: number) => {
    const plotW = width - M.left - M.right
    const plotH = HEIGHT - M.top - M.bottom
    const ticks = niceTicks(Math.min(...ys), Math.max(...ys), 3)
    const [y0, y1] = [ticks[0], ticks[ticks.length - 1]]
    const y = (v: number) => M.top + plotH - (y1 === y0 ? 0.5 : (v - y0) / (y1 - y0)) * plotH
    const t0 = points[0].t
    const t1 = points[points.length - 1].t
    const x = (t: number) => M.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW)
    const path = points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join('')
    const span = t1 - t0 + step
    const labels = t1 === t0 ? 1 : plotW >= 520 ? 5 : 3
    const slot = plotW / Math.max(1, points.length)
    return (
      <>
        <YGrid ticks={ticks} y={y} width={width} />
        <path className="chart-line" d={path} />
        {points.map((p) => (
          <rect key={p.t} className="chart-hit" x={x(p.t) - slot / 2} y={M.top} width={slot} height={plotH}>
            <title>
              {new Date(p.t).toISOString().slice(0, 19).replace('T', ' ')} UTC: average {shortNumber(p.y)}
            </title>
          </rect>
        ))}
        {Array.from({ length: labels }, (_, i) => {
          const t = labels === 1 ? t0 : t0 + ((t1 - t0) * i) / (labels - 1)
          const edge = labels === 1 ? 'middle' : i === 0 ? 'start' : i === labels - 1 ? 'end' : 'middle'
          return <XLabel key={t} x={x(t)} text={timeLabel(t, span)} edge={edge} />
        })}
      </>
    )
  }
  return <ChartFigure label={`${props.field} over time`} summary={summary} height={HEIGHT} draw={draw} />
}
