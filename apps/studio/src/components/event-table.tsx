/**
 * The "Events" region: the run as a virtualized grid (only the rows on screen exist, each event parsed
 * when its row shows). Rows come from the preview window (the first 50,000 events, as the run streams)
 * or, once the explorer needs more (a sort by a field, a field query, a chart, the end of a long run),
 * from the run store: the whole run in DuckDB-WASM, paged. Selecting a row selects the event
 * everywhere; Up/Down, Page Up/Down, Home/End move the selection; Shift+click selects a range to copy.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { formatCount } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { selectRunOutdated, useStudio } from '../store.ts'
import { ColumnsMenu } from './event-table-columns.tsx'
import { EventTableHead, type TableColumn, type TableSort } from './event-table-head.tsx'
import { EventRow, type RowEvent } from './event-table-row.tsx'
import { defsMatching, distinct, RowIndex } from './event-table-rows.ts'
import { useFixedRows } from './event-table-virtual.ts'
import { CopyMenu } from './explorer/copy-menu.tsx'
import { positionOf } from './inspector-fault-selection.ts'
import './explorer/explorer.css'
import { FieldChart } from './explorer/field-chart.tsx'
import { dataPaths } from './explorer/flatten.ts'
import { QueryPanel } from './explorer/query-panel.tsx'
import { runStore, useRunStore } from './explorer/run-store.ts'
import { pickStoreRow } from './explorer/store-pick.ts'
import { type StoreRow, useStoreRows } from './explorer/store-rows.ts'
import { storeCondition, storeOrder, windowText } from './explorer/table-query.ts'
import { useStoreRun } from './explorer/use-store-run.ts'

const ROW_HEIGHT = 24
const HEADER_HEIGHT = 26

/** The events of the run. */
export function EventTable() {
  const { window, version } = useRunRecords(useStudio((s) => s.feed))
  const outline = useStudio((s) => s.run.outline)
  const status = useStudio((s) => s.run.status)
  const total = useStudio((s) => s.run.total)
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
  const [sort, setSort] = useState<TableSort>({ key: 'time', dir: 'asc' })
  const [chosen, setChosen] = useState<string[]>([])
  const [chart, setChart] = useState<string | null>(null)
  const [showQuery, setShowQuery] = useState(false)
  const [whole, setWhole] = useState(false)
  const [active, setActive] = useState(-1)
  const [anchor, setAnchor] = useState(-1)
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

  const storeRun = useStoreRun()
  const store = useRunStore()
  const storeReady = store.status === 'ready' && storeRun !== null && store.key === storeRun.key
  const held = window?.length ?? 0
  const capped = total > held && held > 0
  const simpleText = windowText(query)
  const needStore = sort.key !== 'time' || simpleText === null || chart !== null || whole
  useEffect(() => {
    if (needStore && storeRun) runStore.ensure(storeRun)
  }, [needStore, storeRun])
  const fromStore = storeReady && (needStore || capped)

  const condition = useMemo(
    () => storeCondition(query, store.columns, source, activeType),
    [query, store.columns, source, activeType],
  )
  const orderBy = storeOrder(sort, store.columns)
  const storeRows = useStoreRows(
    fromStore && condition.ok,
    condition.ok ? condition.where : 'FALSE',
    orderBy,
    store.version,
  )

  const rows = useMemo(
    () => (window ? new RowIndex(window, { defs, text: simpleText ?? '' }) : null),
    [window, defs, simpleText],
  )
  // The window grows in place; the row index scans only what is new.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the trigger.
  const windowCount = useMemo(() => {
    rows?.update()
    return rows?.count ?? 0
  }, [rows, version])
  const order = sort.key === 'time' ? sort.dir : 'asc'
  const rowCount = fromStore ? (storeRows.count ?? 0) : windowCount

  const available = useMemo(() => {
    const fromStoreColumns = store.columns.map((c) => c.name).filter((n) => n.startsWith('data.'))
    if (fromStoreColumns.length > 0) return fromStoreColumns
    if (!window) return []
    const sample = []
    for (let i = 0; i < Math.min(window.length, 300); i++) sample.push(window.event(i))
    return dataPaths(sample)
  }, [store.columns, window])
  const columns: TableColumn[] = [
    { key: 'time', label: 'Timestamp', field: false },
    { key: 'source', label: 'Source', field: true },
    { key: 'event', label: 'Event', field: true },
    ...chosen.map((p) => ({ key: p, label: p.replace(/^data\./, ''), field: true })),
    { key: 'data', label: 'Data', field: false },
  ]
  const template = `236px 110px minmax(140px, 210px) ${chosen.map(() => 'minmax(90px, 160px)').join(' ')} 1fr`

  const scrollRef = useRef<HTMLTableElement>(null)
  const virtual = useFixedRows(scrollRef, rowCount, ROW_HEIGHT, HEADER_HEIGHT, 12)

  const defOf = (e: { source: string; event: string }) =>
    Math.max(
      0,
      events.findIndex((d) => d.source === e.source && d.event === e.event),
    )
  /** Row `r` as the row view needs it, or null while its page loads. */
  const rowAt = (r: number): RowEvent | null => {
    if (fromStore) {
      const row = storeRows.row(r)
      if (!row) return null
      const event = JSON.parse(row.line) as RowEvent['event']
      return { event, def: defOf(event), index: row.occurrence }
    }
    if (!window || !rows) return null
    const p = rows.position(r, order)
    const fault = window.fault(p)
    return { event: window.event(p), def: window.def(p), index: window.index(p), ...(fault ? { fault } : {}) }
  }

  const selectedPosition = window && selected ? positionOf(window, selected) : -1
  const windowSelectedRow =
    !fromStore && rows && selectedPosition >= 0 ? rows.rowOf(selectedPosition, order) : -1
  const selectedRow = fromStore ? active : windowSelectedRow

  // A selection made elsewhere (timeline, inspector link) scrolls into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the selection, not every append.
  useEffect(() => {
    if (selectedRow >= 0) virtual.scrollToIndex(selectedRow)
  }, [selectedRow, order])

  // Scrolling to the end of a capped preview brings the whole run.
  const items = virtual.rows
  const lastShown = items.length > 0 ? items[items.length - 1].index : -1
  useEffect(() => {
    if (capped && !fromStore && lastShown >= windowCount - 1 && windowCount > 0) setWhole(true)
  }, [capped, fromStore, lastShown, windowCount])

  const selectAsk = useRef(0)
  const selectRow = (row: number, extend = false) => {
    if (rowCount === 0) return
    const r = Math.max(0, Math.min(rowCount - 1, row))
    setActive(r)
    if (!extend) setAnchor(r)
    const ask = ++selectAsk.current
    if (fromStore) {
      virtual.scrollToIndex(r)
      // A row whose page is still loading is selected once it arrives (End on a 1M-event run).
      const loaded = storeRows.row(r)
      if (loaded) selectStoreRow(loaded)
      else void storeRows.fetchRow(r).then((row) => row && ask === selectAsk.current && selectStoreRow(row))
      return
    }
    const at = rowAt(r)
    if (at) selectRecord({ def: at.def, index: at.index, ...(at.fault?.copy ? { copy: true } : {}) })
  }
  /** Selects a run-store row; the Inspector shows it from its line when the preview does not hold it. */
  const selectStoreRow = (row: StoreRow) => {
    if (!storeRun) return
    const selection = { def: defOf(JSON.parse(row.line) as RowEvent['event']), index: row.occurrence }
    pickStoreRow({ selection, key: storeRun.key, seq: row.seq, occurrence: row.occurrence, line: row.line })
    selectRecord(selection)
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
    selectRow(next, e.shiftKey)
  }

  const range: [number, number] | null =
    selectedRow >= 0
      ? [Math.min(anchor < 0 ? selectedRow : anchor, selectedRow), Math.max(anchor, selectedRow)]
      : null
  const rangeLines = async (): Promise<string[]> => {
    if (!range) return []
    const [from, to] = [range[0], Math.min(range[1], range[0] + 9999)]
    if (fromStore) return storeRows.lines(from, to)
    if (!window || !rows) return []
    const out: string[] = []
    for (let r = from; r <= to; r++) out.push(window.line(rows.position(r, order)))
    return out
  }

  const filtered = fromStore ? condition.ok && condition.where !== 'TRUE' : rows !== null && !rows.unfiltered
  const empty = rowCount === 0
  const chartColumn = store.columns.find((c) => c.name === chart)
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
            className="event-search mono"
            aria-label="Filter events by text"
            aria-invalid={!condition.ok && store.columns.length > 0}
            aria-describedby="event-query-error"
            placeholder="source:stripe data.amount>100 plan:pro"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <ColumnsMenu available={available} chosen={chosen} onChange={setChosen} />
          <CopyMenu
            disabled={range === null}
            count={range ? range[1] - range[0] + 1 : 0}
            lines={rangeLines}
          />
          <button type="button" aria-pressed={showQuery} onClick={() => setShowQuery(!showQuery)}>
            SQL
          </button>
        </div>
        <EventCounts
          shown={rowCount}
          held={fromStore ? store.events : held}
          filtered={filtered}
          outdated={outdated && status !== 'running'}
          whole={fromStore}
          loading={needStore && store.status === 'loading' ? store.events : null}
          onLoadAll={capped && !fromStore && storeRun ? () => setWhole(true) : undefined}
        />
      </div>
      {!condition.ok && store.columns.length > 0 && (
        <p className="error-note query-error" id="event-query-error" role="alert">
          <span className="mono">{text.slice(condition.error.start, condition.error.end)}</span>:{' '}
          {condition.error.message}
        </p>
      )}
      {store.status === 'error' && needStore && <p className="error-note">{store.error}</p>}
      {status === 'error' && error && <p className="error-note">{error}</p>}
      {showQuery && <QueryPanel />}
      {/* A field chart opens beside the grid: the pane is often short, and the rows stay in view. */}
      <div className="events-body">
        <table
          className="event-grid"
          ref={scrollRef}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on table elements (arrow keys move the selection).
          role="grid"
          aria-label="Generated events"
          aria-rowcount={rowCount + 1}
          aria-multiselectable={true}
          // Which run the rows show (tests and the performance script wait on it).
          data-run={stale ? 'stale' : (runId ?? '')}
          data-rows={fromStore ? 'store' : 'preview'}
          tabIndex={0}
          aria-activedescendant={selectedRow >= 0 ? `event-row-${selectedRow}` : undefined}
          onKeyDown={onKeyDown}
        >
          <EventTableHead
            columns={columns}
            sort={sort}
            template={template}
            onSort={setSort}
            onChart={setChart}
          />
          {empty ? (
            <tbody>
              <tr>
                <td className="empty-note" colSpan={columns.length}>
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
            <tbody className="event-rows" style={{ height: virtual.totalHeight }}>
              {items.map((item) => (
                <EventRow
                  key={item.index}
                  row={item.index}
                  at={rowAt(item.index)}
                  columns={columns}
                  template={template}
                  top={item.top}
                  selected={item.index === selectedRow}
                  inRange={range !== null && item.index >= range[0] && item.index <= range[1]}
                  onSelect={(extend) => selectRow(item.index, extend)}
                />
              ))}
            </tbody>
          )}
        </table>
        {chart && chartColumn && storeReady && (
          <FieldChart
            field={chart}
            numeric={chartColumn.kind === 'number'}
            where={condition.ok ? condition.where : 'TRUE'}
            onClose={() => setChart(null)}
          />
        )}
      </div>
    </section>
  )
}

/** "12 of 50,000 shown · 1,000,000 generated · the preview keeps the first 50,000". */
function EventCounts(props: {
  shown: number
  held: number
  filtered: boolean
  outdated: boolean
  whole: boolean
  loading: number | null
  onLoadAll?: () => void
}) {
  const total = useStudio((s) => s.run.total)
  const { shown, held, filtered } = props
  const capped = !props.whole && held > 0 && total > held
  return (
    <span className="muted event-counts" aria-live="off">
      {props.outdated && 'From an earlier version of the story · '}
      {filtered
        ? `${formatCount(shown)} of ${formatCount(held)} shown`
        : held > 0 && `${formatCount(held)} shown`}
      {total > 0 && ` · ${formatCount(total)} generated`}
      {props.loading !== null && ` · loading the whole run: ${formatCount(props.loading)}…`}
      {capped && props.loading === null && (
        <span title="The table, timeline and inspector hold the first events of the run; counts and the summary cover all of it.">
          {` · preview keeps the first ${formatCount(held)} `}
        </span>
      )}
      {capped && props.loading === null && props.onLoadAll && (
        <button type="button" className="link-button" onClick={props.onLoadAll}>
          Load all {formatCount(total)}
        </button>
      )}
    </span>
  )
}
