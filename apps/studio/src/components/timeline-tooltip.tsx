/** The timeline's tooltip and header status. */
import type { RecordWindow } from '@autosource/engine/worker'
import { formatCount } from '../format.ts'
import { useStudio } from '../store.ts'
import { faultSentence } from './inspector-fault-text.ts'
import type { Layout } from './timeline-geometry.ts'
import type { Hover } from './timeline-hover.ts'
import type { LaneIndex } from './timeline-lanes.ts'
import type { TimelineModel } from './timeline-model.ts'
import { formatBin, formatLocal, type ZoneClock } from './timeline-time.ts'

/** What the header says about the view: records, how they are drawn, the zone. */
export function TimelineStatus(props: { model: TimelineModel | null; held: number; timezone: string }) {
  const total = useStudio((s) => s.run.total)
  const { model, held } = props
  const parts: string[] = []
  if (model) parts.push(`${formatCount(model.inView)} in view`)
  if (model?.unit) parts.push(`dense lanes binned per ${model.unit}`)
  if (held > 0 && total > held) parts.push(`the first ${formatCount(held)} of ${formatCount(total)}`)
  parts.push(props.timezone)
  return <span className="muted timeline-status">{parts.join(' · ')}</span>
}

/** The tooltip: one occurrence (time, funnel size) or one bin (exact count). */
export function TimelineTooltip(props: {
  hover: Hover
  model: TimelineModel
  labels: string[]
  layout: Layout
  clock: ZoneClock
  window: RecordWindow
  laneIndex: LaneIndex
  /** One more line for a bin (the expected count of a rate lane). */
  extra?: string
}) {
  const { hover, model, labels, layout, clock, window, laneIndex } = props
  const row = model.rows[hover.row]
  let title = labels[hover.row]
  const lines: string[] = []
  if (hover.kind === 'mark') {
    const p = hover.position
    title = `${labels[hover.row]} #${window.index(p) + 1}`
    lines.push(`${formatLocal(clock.toLocal(window.timeMs(p)))} (${clock.timezone})`)
    const children = laneIndex.childrenOf(window.def(p), window.index(p)).length
    if (children > 0) lines.push(`${children} direct follow-up${children === 1 ? '' : 's'} (highlighted)`)
    if (window.parent(p)) lines.push('follows an earlier event (highlighted)')
    for (const note of window.fault(p)?.notes ?? []) lines.push(faultSentence(note))
    lines.push('Click to select')
  } else if (row.bins) {
    const b = hover.bin
    lines.push(`${formatCount(row.bins.counts[b])} event${row.bins.counts[b] === 1 ? '' : 's'}`)
    lines.push(`${formatBin(row.bins.localStarts[b], row.bins.unit)} (${clock.timezone})`)
    if (props.extra) lines.push(props.extra)
    lines.push('Click to select the first · scroll to zoom in')
  }
  const left = hover.x + 14 + 240 > layout.width ? Math.max(4, hover.x - 250) : hover.x + 14
  return (
    <div className="timeline-tooltip" role="tooltip" style={{ left, top: Math.max(2, hover.y - 10) }}>
      <strong>{title}</strong>
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </div>
  )
}
