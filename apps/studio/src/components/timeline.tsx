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
  const records = useStudio((s) => s.run.records)
  const stale = useStudio((s) => s.run.stale || selectRunOutdated(s))
  const lanes = useMemo(() => {
    const byDef = new Map<number, { count: number; first?: string; last?: string }>()
    for (const r of records) {
      const lane = byDef.get(r.def) ?? { count: 0 }
      lane.count++
      lane.first ??= r.event.timestamp
      lane.last = r.event.timestamp
      byDef.set(r.def, lane)
    }
    return byDef
  }, [records])
  const defs = outline?.events ?? []
  return (
    <section className={stale ? 'pane timeline stale' : 'pane timeline'} aria-label="Timeline">
      <div className="pane-header">
        <h2>Timeline</h2>
        {outline && <span className="muted">{outline.timezone}</span>}
      </div>
      {records.length === 0 ? (
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
                    {lane.first} → {lane.last}
                  </span>
                </li>
              )
            })}
        </ul>
      )}
    </section>
  )
}
