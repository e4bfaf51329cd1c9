/**
 * The "Timeline" region. For now one row per event definition with its count and time range in the
 * preview; issue 8 replaces the body with the recharts lanes (binning, zoom, funnels).
 */
import { useMemo } from 'react'
import { formatCount } from '../format.ts'
import { selectRunOutdated, useStudio } from '../store.ts'

/** Per-definition lanes of the run preview. */
export function Timeline() {
  const outline = useStudio((s) => s.run.outline)
  const window = useStudio((s) => s.run.window)
  const version = useStudio((s) => s.run.version)
  const stale = useStudio((s) => s.run.stale || selectRunOutdated(s))
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window is appended in place; version says when.
  const lanes = useMemo(() => {
    // Positions of each lane's first and last record; their timestamps are read (parsed) only for display.
    const byDef = new Map<number, { count: number; first: number; last: number }>()
    if (!window) return byDef
    const defs = window.defsView()
    for (let i = 0; i < defs.length; i++) {
      const lane = byDef.get(defs[i])
      if (lane) {
        lane.count++
        lane.last = i
      } else byDef.set(defs[i], { count: 1, first: i, last: i })
    }
    return byDef
  }, [window, version])
  const defs = outline?.events ?? []
  return (
    <section className={stale ? 'pane timeline stale' : 'pane timeline'} aria-label="Timeline">
      <div className="pane-header">
        <h2>Timeline</h2>
        {outline && <span className="muted">{outline.timezone}</span>}
      </div>
      {!window || window.length === 0 ? (
        <p className="empty-note">Run the story to see when each event happens.</p>
      ) : (
        <ul className="lanes">
          {[...lanes.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([def, lane]) => {
              const d = defs[def]
              return (
                <li key={def} className="lane">
                  <span className="lane-name">
                    {d ? `${d.source} · ${d.event}` : `definition ${def + 1}`}
                  </span>
                  <span className="lane-count">{formatCount(lane.count)}</span>
                  <span className="lane-range muted">
                    {window.event(lane.first).timestamp} → {window.event(lane.last).timestamp}
                  </span>
                </li>
              )
            })}
        </ul>
      )}
    </section>
  )
}
