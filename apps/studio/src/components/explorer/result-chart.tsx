/**
 * A quick chart of a query result: bars when the first column is a category and the second a number
 * (a group-by), a line when the first is a time. Nothing when the result has no such shape.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { fitText, shortNumber } from './chart-scale.ts'
import type { QueryResult } from './store-protocol.ts'

/** How a result can be drawn, or null. */
export function chartShape(result: QueryResult): 'bar' | 'line' | null {
  if (result.columns.length < 2 || result.rows.length < 1) return null
  if (!result.rows.every((r) => typeof r[1] === 'number' || r[1] === null)) return null
  const type = result.columns[0].type
  if (/^Timestamp|^Date/.test(type)) return 'line'
  return result.rows.length <= 200 ? 'bar' : null
}

/** The chart of a result (empty when `chartShape` is null). */
export function ResultChart(props: { result: QueryResult; label: string }) {
  const shape = chartShape(props.result)
  if (!shape) return null
  const [x, y] = props.result.columns.map((c) => c.name)
  const data = props.result.rows.map((r) => ({ x: r[0] === null ? 'null' : String(r[0]), y: r[1] }))
  // Fixed tick intervals and plain <text> ticks: recharts' own tick labels are measured in the DOM
  // (a hidden span and getBoundingClientRect per label, to thin and wrap them), a long main-thread task.
  const every = (n: number) => Math.max(0, Math.ceil(data.length / n) - 1)
  return (
    <figure className="explorer-chart" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={180}>
        {shape === 'bar' ? (
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" name={x} tick={xTick} interval={every(12)} />
            <YAxis tick={yTick} width={48} interval={0} />
            <Tooltip />
            <Bar dataKey="y" name={y} fill="var(--accent, #4a7dff)" isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" name={x} tick={timeTick} interval={every(5)} />
            <YAxis tick={yTick} width={48} interval={0} />
            <Tooltip />
            <Line
              dataKey="y"
              name={y}
              stroke="var(--accent, #4a7dff)"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  )
}

/** What recharts passes a custom tick. */
interface TickProps {
  x?: number | string
  y?: number | string
  payload?: { value?: unknown }
}

/** A tick label as plain SVG text (never measured). */
function tickText(p: TickProps, axis: 'x' | 'y', text: string) {
  return (
    <text
      className="chart-text"
      x={p.x}
      y={p.y}
      dy={axis === 'x' ? '0.9em' : '0.32em'}
      dx={axis === 'y' ? -4 : 0}
      textAnchor={axis === 'x' ? 'middle' : 'end'}
    >
      {text}
    </text>
  )
}

const label = (v: unknown) => (typeof v === 'number' ? shortNumber(v) : String(v ?? ''))
const xTick = (p: TickProps) => tickText(p, 'x', fitText(label(p.payload?.value), 18))
const yTick = (p: TickProps) => tickText(p, 'y', label(p.payload?.value))
/** ISO times cut to the minute, the date and time apart (`2025-01-01 00:00`). */
const timeTick = (p: TickProps) =>
  tickText(
    p,
    'x',
    String(p.payload?.value ?? '')
      .slice(0, 16)
      .replace('T', ' '),
  )
