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
  // Fixed tick intervals: with recharts' default ('preserveEnd') every tick label is measured in the
  // DOM first (getBoundingClientRect per label), a long main-thread task for a 60-point series.
  const every = (n: number) => Math.max(0, Math.ceil(data.length / n) - 1)
  return (
    <figure className="explorer-chart" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={180}>
        {shape === 'bar' ? (
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" name={x} tick={{ fontSize: 11 }} interval={every(12)} />
            <YAxis tick={{ fontSize: 11 }} width={48} interval={0} />
            <Tooltip />
            <Bar dataKey="y" name={y} fill="var(--accent, #4a7dff)" isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="x"
              name={x}
              tick={{ fontSize: 11 }}
              tickFormatter={(v: string) => v.slice(0, 16)}
              interval={every(5)}
            />
            <YAxis tick={{ fontSize: 11 }} width={48} interval={0} />
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
