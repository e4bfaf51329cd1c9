/** The Summary's faults (issue 18): injected faults per kind over the whole run, or that faults are off. */
import type { PlainSummary } from '@autosource/engine/worker'
import { formatCount } from '../format.ts'
import { faultRows } from './summary-rows.ts'

/** Counts per fault kind; "Faults off" when the run ignored the story's `faults:`. */
export function SummaryFaults(props: { summary: PlainSummary; faultsOff: boolean; storyHasFaults: boolean }) {
  const { summary } = props
  if (props.faultsOff && props.storyHasFaults)
    return (
      <p className="summary-line summary-faults-off">
        Faults off: the clean stream, without the story's <code>faults:</code>
      </p>
    )
  if (!summary.faults) return null
  const rows = faultRows(summary.faults)
  const copies = summary.faults.duplicate
  return (
    <table className="summary-types summary-faults">
      <caption className="summary-caption">
        Faults injected{' '}
        <span className="muted">
          ({formatCount(summary.total + copies)} deliveries
          {copies > 0 ? `, ${formatCount(copies)} of them copies` : ''})
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">fault</th>
          <th scope="col" className="num">
            count
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              none in this run
            </td>
          </tr>
        ) : (
          rows.map(([label, kind, count]) => (
            <tr key={kind} data-fault={kind}>
              <td>{label}</td>
              <td className="num">{formatCount(count)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}
