/**
 * Faulty events on the timeline (`faults:`, issue 18): a diamond over each faulty event's mark, coloured
 * by kind, and for a late event a thin line to when it was delivered. One path per kind, redrawn only
 * when the window or the view changes (never on hover).
 */
import type { FaultMark, RecordWindow } from '@autosource/engine/worker'
import { memo } from 'react'
import type { Layout } from './timeline-geometry.ts'
import './faults.css'

/** The colour group of a faulty event: the first of its kinds in this order. */
const GROUPS = ['corrupt', 'duplicate', 'late', 'field'] as const
type Group = (typeof GROUPS)[number]

/** The legend's words for each group. */
export const FAULT_GROUP_LABEL: Readonly<Record<Group, string>> = {
  corrupt: 'corrupt',
  duplicate: 'duplicate',
  late: 'late',
  field: 'dropped / null field',
}

/** The group a faulty event is drawn in. */
export function faultGroup(mark: FaultMark): Group {
  const kinds = new Set(mark.notes.map((n) => n.fault))
  if (kinds.has('corrupt')) return 'corrupt'
  if (kinds.has('duplicate')) return 'duplicate'
  if (kinds.has('late')) return 'late'
  return 'field'
}

/** The fault layer over the lanes (pointer events pass through to the chart). */
export const FaultMarks = memo(function FaultMarks(props: {
  layout: Layout
  view: { from: number; to: number }
  rowOfDef: Map<number, number>
  window: RecordWindow
  /** Bumped when the window grows. */
  version: number
}) {
  const { layout, view, rowOfDef, window } = props
  const faulty = window.faulty()
  if (faulty.size === 0) return null
  const x = (t: number) => layout.plotX + ((t - view.from) / (view.to - view.from)) * layout.plotWidth
  const paths = new Map<Group, string[]>(GROUPS.map((g) => [g, []]))
  const delays: string[] = []
  const r = Math.max(3, Math.min(5, layout.band * 0.28))
  let drawn = 0
  for (const [p, mark] of faulty) {
    // Drift changes every event from its date on: a diamond on each would bury the lane (the table's
    // badge and the inspector still say so).
    if (mark.notes.every((n) => n.fault === 'drift')) continue
    const row = rowOfDef.get(window.def(p))
    if (row === undefined) continue
    const t = window.timeMs(p)
    const late = mark.notes.some((n) => n.fault === 'late')
    const end = late ? mark.deliveryMs : t
    if (end < view.from || t > view.to) continue
    const cx = x(t)
    const cy = layout.plotY + (row + 0.5) * layout.band
    // A copy sits on its original's mark: drawn a little higher so both can be seen.
    const y = mark.copy ? cy - r : cy
    drawn++
    paths
      .get(faultGroup(mark))!
      .push(`M${cx.toFixed(1)} ${(y - r).toFixed(1)}l${r} ${r}l${-r} ${r}l${-r} ${-r}z`)
    if (late) delays.push(`M${cx.toFixed(1)} ${cy.toFixed(1)}H${x(end).toFixed(1)}`)
  }
  return (
    <svg
      className="timeline-overlay fault-marks"
      width={layout.width}
      height={layout.height}
      aria-hidden="true"
    >
      <g clipPath="url(#timeline-plot)">
        {delays.length > 0 && <path className="fault-delay" d={delays.join('')} />}
        {GROUPS.map((g) => {
          const d = paths.get(g)!
          // Marks closer than their size lose their outline: a dense stretch stays colour, not a black bar.
          const dense = drawn > layout.plotWidth / (2 * r) ? ' dense' : ''
          return d.length > 0 ? (
            <path key={g} className={`fault-mark fault-mark-${g}${dense}`} d={d.join('')} />
          ) : null
        })}
      </g>
    </svg>
  )
})

/** The legend of the fault marks, shown in the timeline's header when the run has faulty events. */
export function FaultLegend(props: { window: RecordWindow | null; version: number }) {
  const count = props.window?.faulty().size ?? 0
  if (count === 0) return null
  return (
    <span className="fault-legend" title={`${count.toLocaleString('en-US')} faulty events in the preview`}>
      {GROUPS.map((g) => (
        <span key={g} className="fault-legend-item">
          <svg width="10" height="10" aria-hidden="true">
            <path className={`fault-mark fault-mark-${g}`} d="M5 0.5l4.5 4.5l-4.5 4.5l-4.5 -4.5z" />
          </svg>
          {FAULT_GROUP_LABEL[g]}
        </span>
      ))}
    </span>
  )
}
