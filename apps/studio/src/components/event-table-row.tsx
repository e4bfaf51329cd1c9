/**
 * One row of the Events table: a cell per column (long values cut with an ellipsis, whole in the
 * tooltip). Kept separate so per-row extras (badges, markers) have one place to go.
 */
import type { FaultMark, PlainEvent } from '@autosource/engine/worker'
import { summarizeData } from '../format.ts'
import { FaultBadges } from './event-table-fault-badge.tsx'
import type { TableColumn } from './event-table-head.tsx'
import { cellText, valueAt } from './explorer/flatten.ts'

/** What a row shows and selects. */
export interface RowEvent {
  event: PlainEvent
  def: number
  index: number
  /** What the story's `faults:` did to it (a badge in the Event cell). */
  fault?: FaultMark
}

/** The text of one cell. */
export function cellOf(e: PlainEvent, key: string): string {
  if (key === 'time') return e.timestamp
  if (key === 'data') return summarizeData(e.data)
  return cellText(valueAt(e, key))
}

/** A row (a placeholder while its page loads from the run store). */
export function EventRow(props: {
  row: number
  at: RowEvent | null
  columns: readonly TableColumn[]
  template: string
  top: number
  selected: boolean
  inRange: boolean
  onSelect: (extend: boolean) => void
}) {
  const { at, selected } = props
  const className = `event-row${selected ? ' selected' : ''}${props.inRange && !selected ? ' in-range' : ''}`
  return (
    <tr
      id={`event-row-${props.row}`}
      aria-rowindex={props.row + 2}
      aria-selected={selected || props.inRange}
      className={className}
      style={{ transform: `translateY(${props.top}px)`, gridTemplateColumns: props.template }}
      // Rows are chosen with the pointer here and with the arrow keys on the grid.
      onClick={(e) => props.onSelect(e.shiftKey)}
    >
      {props.columns.map((c) => {
        if (!at)
          return (
            <td key={c.key} className="muted">
              {c.key === 'time' ? 'Loading…' : ''}
            </td>
          )
        const text = cellOf(at.event, c.key)
        const full = c.key === 'data' ? JSON.stringify(at.event.data) : text
        const mono = c.key === 'time' || c.key === 'data' || c.key.startsWith('data.')
        return (
          <td key={c.key} className={mono ? 'mono' : undefined} title={full.length > 24 ? full : undefined}>
            {c.key === 'event' && at.fault && <FaultBadges fault={at.fault} />}
            {text}
          </td>
        )
      })}
    </tr>
  )
}
