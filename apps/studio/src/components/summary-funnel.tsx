/** The Summary's funnel chart (issue 16): per actor type, how many actors reached each state, as bars with their numbers. */
import type { RecordWindow, StoryOutline } from '@autosource/engine/worker'
import { useMemo } from 'react'
import { formatCount } from '../format.ts'
import { funnelRows } from './summary-funnel-rows.ts'

/** Funnels of the preview's actors; nothing for a story without actors. */
export function SummaryFunnel(props: {
  window: RecordWindow | null
  version: number
  outline: StoryOutline | null
  /** True when the preview holds only the first events of the run. */
  partial: boolean
}) {
  const { window, outline, version } = props
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window grows in place; version says when.
  const funnels = useMemo(() => funnelRows(window, outline), [window, outline, version])
  if (funnels.length === 0) return null
  return (
    <div className="summary-funnels">
      {funnels.map((f) => (
        <table key={f.actor} className="summary-funnel" aria-label={`Funnel of ${f.actor}`}>
          <caption>
            {f.actor}: actors per state
            {props.partial && <span className="muted"> (in the preview)</span>}
          </caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">state</th>
              <th scope="col">actors who reached it (and entries, when some came back)</th>
            </tr>
          </thead>
          <tbody>
            {f.rows.map((r) => (
              <tr key={r.state} data-state={r.state}>
                <th scope="row" className="funnel-state">
                  {r.state}
                </th>
                <td className="funnel-bar-cell">
                  {r.actors === null ? (
                    <span
                      className="muted small"
                      title="No event is `on:` this state, so the output does not show it"
                    >
                      not in the output
                    </span>
                  ) : (
                    <span className="funnel-bar-wrap">
                      <span
                        className="funnel-bar"
                        // 55% at most: the numbers stay beside the longest bar
                        style={{ width: `${f.max > 0 ? (r.actors / f.max) * 55 : 0}%` }}
                      />
                      <span className="funnel-count num" data-actors={r.actors}>
                        {formatCount(r.actors)}
                        {f.max > 0 && r.actors < f.max && (
                          <span className="muted"> · {Math.round((r.actors / f.max) * 100)}%</span>
                        )}
                        {r.entries !== null && r.entries !== r.actors && (
                          <span
                            className="muted funnel-entries"
                            title="Entries (an actor may enter a state again)"
                          >
                            {' '}
                            · {formatCount(r.entries)} entries
                          </span>
                        )}
                      </span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  )
}
