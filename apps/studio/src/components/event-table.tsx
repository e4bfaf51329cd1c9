/**
 * The "Events" region: the run preview as a virtualized grid (only the rows on screen exist, each event
 * parsed when its row shows), filtered by source, event type and free text, sorted by time either way.
 * Selecting a row selects the event everywhere; Up/Down, Page Up/Down, Home/End move the selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { formatCount, summarizeData } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { PREVIEW_CAP, selectRunOutdated, useStudio } from '../store.ts'
import { defsMatching, distinct, RowIndex, type SortOrder } from './event-table-rows.ts'

const ROW_HEIGHT = 24
const HEADER_HEIGHT = 26

/** The events of the run preview. */
export function EventTable() {
  const { window, version } = useRunRecords(useStudio((s) => s.feed))
  const outline = useStudio((s) => s.run.outline)
  const status = useStudio((s) => s.run.status)
  // Errors in the open story keep it from running: say so instead of inviting a Run.
  const blocked = useStudio(
    (s) => s.check.draftId === s.activeId && s.check.diagnostics.some((d) => d.severity === 'error'),
  )
  const error = useStudio((s) => s.run.error)
  const stale = useStudio((s) => s.run.stale)
  const runId = useStudio((s) => s.run.runId)
  const outdated = useStudio(selectRunOutdated)
  const selected = useStudio((s) => s.selected)
  const selectRecord = useStudio((s) => s.selectRecord)

  const [source, setSource] = useState('')
  const [eventType, setEventType] = useState('')
  const [text, setText] = useState('')
  const [order, setOrder] = useState<SortOrder>('asc')
  // Typing stays responsive on a 50,000-row window: the filter follows a deferred copy of the text.
  const query = useDeferredValue(text)

  const events = outline?.events ?? []
  const sources = useMemo(() => distinct(events, 'source'), [events])
  const eventTypes = useMemo(
    () => distinct(source ? events.filter((e) => e.source === source) : events, 'event'),
    [events, source],
  )
  // A type from another source, or from an earlier version of the story, no longer filters anything.
  const activeType = eventTypes.includes(eventType) ? eventType : ''
  const defs = useMemo(() => defsMatching(events, source, activeType), [events, source, activeType])
  const rows = useMemo(
    () => (window ? new RowIndex(window, { defs, text: query }) : null),
    [window, defs, query],
  )
  // The window grows in place; the row index scans only what is new.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the trigger.
  const rowCount = useMemo(() => {
    rows?.update()
    return rows?.count ?? 0
  }, [rows, version])

  const scrollRef = useRef<HTMLTableElement>(null)
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The rows start below the sticky header, which must not hide the row scrolled to.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  })

  const selectedPosition = window && selected ? window.find(selected.def, selected.index) : -1
  const selectedRow = rows && selectedPosition >= 0 ? rows.rowOf(selectedPosition, order) : -1

  // A selection made elsewhere (timeline, inspector link) scrolls into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the selection, not every append.
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' })
  }, [selectedRow, order])

  const selectRow = (row: number) => {
    if (!rows || !window || rowCount === 0) return
    const r = Math.max(0, Math.min(rowCount - 1, row))
    const p = rows.position(r, order)
    selectRecord({ def: window.def(p), index: window.index(p) })
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1)
    const at = selectedRow
    let next: number
    if (e.key === 'ArrowDown') next = at < 0 ? 0 : at + 1
    else if (e.key === 'ArrowUp') next = at < 0 ? 0 : at - 1
    else if (e.key === 'PageDown') next = at + page
    else if (e.key === 'PageUp') next = at - page
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = rowCount - 1
    else return
    e.preventDefault()
    selectRow(next)
  }

  const held = window?.length ?? 0
  const filtered = rows !== null && !rows.unfiltered
  const empty = rowCount === 0
  return (
    <section className={stale || outdated ? 'pane events stale' : 'pane events'} aria-label="Events">
      <div className="pane-header events-header">
        <h2>Events</h2>
        <div className="event-filters">
          <select aria-label="Filter by source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <select
            aria-label="Filter by event type"
            value={activeType}
            onChange={(e) => setEventType(e.target.value)}
          >
            <option value="">All event types</option>
            {eventTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <input
            type="search"
            className="event-search"
            aria-label="Filter events by text"
            placeholder="Filter by text…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <EventCounts
          shown={rowCount}
          held={held}
          filtered={filtered}
          outdated={outdated && status !== 'running'}
        />
      </div>
      {status === 'error' && error && <p className="error-note">{error}</p>}
      <table
        className="event-grid"
        ref={scrollRef}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on table elements (arrow keys move the selection).
        role="grid"
        aria-label="Generated events"
        aria-rowcount={rowCount + 1}
        // Which run the rows show (tests and the performance script wait on it).
        data-run={stale ? 'stale' : (runId ?? '')}
        tabIndex={0}
        aria-activedescendant={selectedRow >= 0 ? `event-row-${selectedRow}` : undefined}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr className="event-row event-head" aria-rowindex={1}>
            <th scope="col" aria-sort={order === 'asc' ? 'ascending' : 'descending'}>
              <button
                type="button"
                className="sort-button"
                onClick={() => setOrder(order === 'asc' ? 'desc' : 'asc')}
                title={
                  order === 'asc'
                    ? 'Oldest first: click for newest first'
                    : 'Newest first: click for oldest first'
                }
              >
                Timestamp <span aria-hidden="true">{order === 'asc' ? '▲' : '▼'}</span>
              </button>
            </th>
            <th scope="col">Source</th>
            <th scope="col">Event</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        {empty ? (
          <tbody>
            <tr>
              <td className="empty-note" colSpan={4}>
                {filtered && held > 0
                  ? 'No event matches the filter.'
                  : status === 'running'
                    ? 'Generating…'
                    : status === 'done'
                      ? 'The run produced no events.'
                      : blocked
                        ? 'The story has errors: fix them (see Problems) to run it.'
                        : 'No events yet. Press Run (Ctrl+Enter).'}
              </td>
            </tr>
          </tbody>
        ) : (
          <tbody className="event-rows" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
            {window &&
              rows &&
              virtualizer.getVirtualItems().map((item) => {
                const p = rows.position(item.index, order)
                const e = window.event(p)
                const isSelected = item.index === selectedRow
                return (
                  <tr
                    key={item.key}
                    id={`event-row-${item.index}`}
                    aria-rowindex={item.index + 2}
                    aria-selected={isSelected}
                    className={isSelected ? 'event-row selected' : 'event-row'}
                    style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                    // Rows are chosen with the pointer here and with the arrow keys on the grid.
                    onClick={() => selectRecord({ def: window.def(p), index: window.index(p) })}
                  >
                    <td className="mono">{e.timestamp}</td>
                    <td>{e.source}</td>
                    <td>{e.event}</td>
                    <td className="mono">{summarizeData(e.data)}</td>
                  </tr>
                )
              })}
          </tbody>
        )}
      </table>
    </section>
  )
}

/** "12 of 50,000 · 1,000,000 generated · the preview keeps the first 50,000". */
function EventCounts(props: { shown: number; held: number; filtered: boolean; outdated: boolean }) {
  const total = useStudio((s) => s.run.total)
  const { shown, held, filtered } = props
  const capped = held >= PREVIEW_CAP && total > held
  return (
    <span className="muted event-counts" aria-live="off">
      {props.outdated && 'From an earlier version of the story · '}
      {filtered
        ? `${formatCount(shown)} of ${formatCount(held)} shown`
        : held > 0 && `${formatCount(held)} shown`}
      {total > 0 && ` · ${formatCount(total)} generated`}
      {capped && (
        <span title="The table, timeline and inspector hold the first events of the run; counts and the summary cover all of it.">
          {` · preview keeps the first ${formatCount(held)}`}
        </span>
      )}
    </span>
  )
}
