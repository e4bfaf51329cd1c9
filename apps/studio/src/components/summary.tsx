/**
 * The "Summary" region: totals of the whole run (not only the preview window): events per type, the
 * simulated time range in the story's zone, diagnostics and schema violations, and generation time.
 */
import { useMemo } from 'react'
import { formatCount, formatElapsed } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { selectRunOutdated, useStudio } from '../store.ts'
import { useColorScheme } from '../use-color-scheme.ts'
import { SummaryFaults } from './summary-faults.tsx'
import { SummaryFunnel } from './summary-funnel.tsx'
import { perTypeRows } from './summary-rows.ts'
import { sourceColors } from './timeline-lanes.ts'
import { formatLocal, formatSpan, zoneClock } from './timeline-time.ts'

/** Totals of the latest run. */
export function Summary() {
  const summary = useStudio((s) => s.run.summary)
  const status = useStudio((s) => s.run.status)
  const total = useStudio((s) => s.run.total)
  const lastMs = useStudio((s) => s.run.lastMs)
  const outline = useStudio((s) => s.run.outline)
  const stale = useStudio((s) => s.run.stale || selectRunOutdated(s))
  const diagnostics = useStudio((s) => s.run.diagnostics)
  const faultsOff = useStudio((s) => s.run.faultsOff === true)
  const { window, version } = useRunRecords(useStudio((s) => s.feed))
  const scheme = useColorScheme()
  const timezone = outline?.timezone ?? 'UTC'
  const clock = zoneClock(timezone)

  const colorOfType = useMemo(() => {
    const events = outline?.events ?? []
    const colors = sourceColors(
      events.map((e) => e.source),
      scheme,
    )
    const byType = new Map<string, string>()
    for (const e of events) if (!byType.has(e.event)) byType.set(e.event, colors.get(e.source)!)
    return byType
  }, [outline, scheme])

  const types = summary ? perTypeRows(summary.perType) : []
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const running = status === 'running'
  return (
    <section className={stale ? 'pane summary stale' : 'pane summary'} aria-label="Summary">
      <div className="pane-header">
        <h2>Summary</h2>
      </div>
      {!summary && !running ? (
        <p className="empty-note">
          {status === 'error'
            ? 'The run failed.'
            : status === 'stopped'
              ? `The run was stopped at ${formatCount(total)} events.`
              : 'Totals of the run appear here.'}
        </p>
      ) : (
        <div className="summary-body">
          <p className="summary-line">
            <strong className="summary-total">{formatCount(summary?.total ?? total)}</strong> events
            {running ? (
              <span className="muted"> so far</span>
            ) : (
              summary && <span className="muted"> generated in {formatElapsed(summary.elapsedMs)}</span>
            )}
          </p>
          {summary?.firstMs !== undefined && summary.lastMs !== undefined ? (
            <p className="summary-line" title="Simulated time range of the run">
              <span className="mono">{formatLocal(clock.toLocal(summary.firstMs))}</span> →{' '}
              <span className="mono">{formatLocal(clock.toLocal(summary.lastMs))}</span>{' '}
              <span className="muted">
                ({timezone}, {formatSpan(summary.lastMs - summary.firstMs)})
              </span>
            </p>
          ) : (
            running &&
            lastMs !== undefined && (
              <p className="summary-line">
                reached <span className="mono">{formatLocal(clock.toLocal(lastMs))}</span>
              </p>
            )
          )}
          {summary && (
            <p className="summary-line">
              <span className={errors > 0 ? 'count error' : undefined}>
                {formatCount(summary.diagnostics)} diagnostic{summary.diagnostics === 1 ? '' : 's'}
              </span>
              {' · '}
              <span className={summary.schemaViolations > 0 ? 'count warning' : undefined}>
                {formatCount(summary.schemaViolations)} schema violation
                {summary.schemaViolations === 1 ? '' : 's'}
              </span>
            </p>
          )}
          {types.length > 0 && (
            <table className="summary-types">
              <caption className="sr-only">Events per type</caption>
              <thead>
                <tr>
                  <th scope="col">event type</th>
                  <th scope="col" className="num">
                    count
                  </th>
                </tr>
              </thead>
              <tbody>
                {types.map(([type, count]) => (
                  <tr key={type}>
                    <td>
                      <span className="dot" style={{ background: colorOfType.get(type) ?? 'var(--muted)' }} />
                      {type}
                    </td>
                    <td className="num">{formatCount(count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {summary && (
            <SummaryFaults
              summary={summary}
              faultsOff={faultsOff}
              storyHasFaults={outline?.faults === true}
            />
          )}
          <SummaryFunnel
            window={window}
            version={version}
            outline={outline}
            partial={running || (summary?.total ?? total) > (window?.length ?? 0)}
          />
        </div>
      )}
    </section>
  )
}
