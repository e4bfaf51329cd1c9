/**
 * The "Events" region. For now a plain table of the first rows of the preview; issue 8 replaces it
 * with the virtualized, filterable table (@tanstack/react-virtual).
 */
import { useMemo } from 'react'
import { formatCount, summarizeData } from '../format.ts'
import { PREVIEW_CAP, selectRunOutdated, useStudio } from '../store.ts'

// The placeholder renders a few rows only; issue 8's virtualized table shows the whole preview.
const SHOWN = 50

/** The events of the run preview. */
export function EventTable() {
  const run = useStudio((s) => s.run)
  const selected = useStudio((s) => s.selected)
  const selectRecord = useStudio((s) => s.selectRecord)
  const outdated = useStudio(selectRunOutdated)
  const version = useStudio((s) => s.run.version)
  const held = run.window?.length ?? 0
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window is appended in place; version says when.
  const rows = useMemo(() => {
    const win = run.window
    return win ? Array.from({ length: Math.min(SHOWN, win.length) }, (_, i) => win.record(i)) : []
  }, [run.window, version])
  const capped = run.total > held && held >= PREVIEW_CAP
  return (
    <section className={run.stale || outdated ? 'pane events stale' : 'pane events'} aria-label="Events">
      <div className="pane-header">
        <h2>Events</h2>
        <span className="muted">
          {outdated && run.status !== 'running' && 'From an earlier version of the story · '}
          {run.total > 0 && `${formatCount(run.total)} generated`}
          {capped && ` · preview keeps the first ${formatCount(held)}`}
          {held > SHOWN && ` · showing ${SHOWN}`}
        </span>
      </div>
      {run.status === 'error' && run.error && <p className="error-note">{run.error}</p>}
      {rows.length === 0 ? (
        <p className="empty-note">
          {run.status === 'running'
            ? 'Generating…'
            : run.status === 'done'
              ? 'The run produced no events.'
              : 'No events yet. Press Run (Ctrl+Enter).'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="event-table">
            <colgroup>
              <col className="col-time" />
              <col className="col-source" />
              <col className="col-event" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Timestamp</th>
                <th scope="col">Source</th>
                <th scope="col">Event</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const isSelected = selected?.def === r.def && selected.index === r.index
                return (
                  <tr
                    key={r.event.id}
                    aria-selected={isSelected}
                    className={isSelected ? 'selected' : undefined}
                    onClick={() => selectRecord({ def: r.def, index: r.index })}
                  >
                    <td className="mono">{r.event.timestamp}</td>
                    <td>{r.event.source}</td>
                    <td>{r.event.event}</td>
                    <td className="mono data-cell">{summarizeData(r.event.data)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
