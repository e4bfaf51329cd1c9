/**
 * The "Inspector" region: the selected event's envelope and data tree, and for each field what the
 * engine recorded while resolving it: the expression as written, the value, the occurrences it read
 * (ref, lookup, prev: links that select them), the sibling fields and context values it used, and the
 * schema violations of its definition. "Show in editor" jumps to the definition or the field.
 */
import {
  type FieldProvenance,
  LineIndex,
  type OutlineEvent,
  type PlainEvent,
  type PositionedDiagnostic,
  type RecordWindow,
} from '@autosource/engine/worker'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatCount } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { MAIN_FILE, type Selection, useStudio } from '../store.ts'
import { emittedNumber } from './emitted-number.ts'
import { runStore } from './explorer/run-store.ts'
import { pickStoreEvent } from './explorer/store-locate.ts'
import { storePickFor, useStorePick } from './explorer/store-pick.ts'
import { useStoreRun } from './explorer/use-store-run.ts'
import { InspectorActor } from './inspector-actor.tsx'
import { InspectorFault } from './inspector-fault.tsx'
import { positionOf } from './inspector-fault-selection.ts'
import { NotInPreview } from './inspector-not-in-preview.tsx'
import { InspectorOrigin } from './inspector-origin.tsx'
import {
  contextValues,
  fieldSpanOf,
  formatValue,
  occurrenceName,
  provenanceLinks,
  valueAtPath,
  violationCount,
  violationsOf,
  violationsOfField,
} from './inspector-provenance.ts'
import { InspectorStored } from './inspector-stored.tsx'
import { storedEvent } from './inspector-stored-model.ts'
import { ValueTree } from './inspector-value-tree.tsx'
import { zoneClock } from './timeline-time.ts'

/** Details of the selected event. */
export function Inspector() {
  const selected = useStudio((s) => s.selected)
  const origin = useStudio((s) => s.selectionOrigin)
  const { window, version } = useRunRecords(useStudio((s) => s.feed))
  const stale = useStudio((s) => s.run.stale)
  const runId = useStudio((s) => s.run.runId)
  const outline = useStudio((s) => s.run.outline)
  const runText = useStudio((s) => s.run.text)
  const seed = useStudio((s) => s.run.seed ?? s.run.outline?.seed)
  const diagnostics = useStudio((s) => s.run.diagnostics)
  const provenance = useStudio((s) => s.selectedProvenance)
  const selectRecord = useStudio((s) => s.selectRecord)
  const reveal = useStudio((s) => s.reveal)
  const total = useStudio((s) => s.run.total)
  const storeKey = useStoreRun()?.key ?? null
  useStorePick()
  const pick = storePickFor(selected, storeKey)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the window grows in place; version says when.
  const position = useMemo(
    () => (window && selected ? positionOf(window, selected) : -1),
    [window, selected, version],
  )
  const found = window && position >= 0 ? window.record(position) : undefined
  // A row picked in the store view is the preview's record only when it is the same event (the table
  // maps a store row to a definition and occurrence by its source, type and place in the stream).
  const record = found && (!pick || storedEvent(pick.line)?.id === found.event.id) ? found : undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window grows in place; version says when.
  const number = useMemo(
    () => (window && selected && position >= 0 ? emittedNumber(window, selected.def, selected.index) : 0),
    [window, selected, position, version],
  )
  const def = record ? outline?.events[record.def] : undefined
  // Built on the first "Show in editor" of a run, not in the commit that starts the run (indexing a long
  // story there made that commit 5 ms longer).
  const lines = useRef<{ text: string; index: LineIndex } | null>(null)

  // A new run of the story keeps the selection: fetch the selected record's provenance from that run once
  // the record has arrived (the worker records provenance as it generates). Selecting fetches on its own.
  const latest = useRef({ selected, origin, provenance, selectRecord })
  latest.current = { selected, origin, provenance, selectRecord }
  const present = position >= 0
  useEffect(() => {
    const { selected: sel, origin: from, provenance: prov, selectRecord: select } = latest.current
    if (!sel || !present || stale || runId === null) return
    if (prov && prov.runId === runId) return
    select(sel, from)
  }, [present, stale, runId])

  const fields =
    provenance && provenance.selection === selected && provenance.runId === runId
      ? provenance.fields
      : undefined

  const showInEditor = (file: string, offset: number) => {
    if (file !== MAIN_FILE || runText === null) return
    if (lines.current?.text !== runText) lines.current = { text: runText, index: new LineIndex(runText) }
    const at = lines.current.index.position(offset)
    reveal(at.line, at.column)
  }
  // A link to an occurrence past the preview goes to it in the run store, found by its id.
  const [undelivered, setUndelivered] = useState<Selection | null>(null)
  const go = (target: Selection, eventId?: string) => {
    if (!selected) return
    const store = runStore.snapshot()
    const inPreview = window !== null && positionOf(window, target) >= 0
    if (
      inPreview ||
      eventId === undefined ||
      storeKey === null ||
      store.status !== 'ready' ||
      store.key !== storeKey
    )
      return selectRecord(target, selected)
    const from = selected
    pickStoreEvent((sql, limit) => runStore.query(sql, limit), target, storeKey, eventId).then(
      (found) => {
        if (!found) setUndelivered(target)
        selectRecord(target, from)
      },
      () => selectRecord(target, from),
    )
  }

  return (
    <section className="pane inspector" aria-label="Inspector">
      <div className="pane-header">
        <h2>Inspector</h2>
        {def && (
          <button
            type="button"
            disabled={def.file !== MAIN_FILE}
            title={
              def.file === MAIN_FILE ? 'Show this event definition in the editor' : `Defined in ${def.file}`
            }
            onClick={() => showInEditor(def.file, def.span.start)}
          >
            Show in editor
          </button>
        )}
      </div>
      {!selected ? (
        <p className="empty-note">
          Select an event in the table or the timeline to see its fields and where each value came from.
        </p>
      ) : (!record || !window) && pick ? (
        <InspectorStored
          pick={pick}
          events={outline?.events ?? []}
          seed={seed}
          runText={runText}
          held={window?.length ?? 0}
          total={total}
          onShow={showInEditor}
          onGo={go}
          origin={
            <InspectorOrigin
              origin={origin}
              selected={selected}
              events={outline?.events}
              marked={false}
              onBack={(o) => selectRecord(o, null)}
            />
          }
        />
      ) : !record || !window ? (
        <NotInPreview
          name={occurrenceName(outline?.events, selected)}
          held={window?.length ?? 0}
          undelivered={undelivered === selected}
        />
      ) : (
        <div className="inspector-body">
          <div className="inspector-title">
            <span className="inspector-name">
              {record.event.source} · {record.event.event}
            </span>
            <span
              className="muted"
              title={`Event ${number} of this definition (occurrence #${record.index + 1})`}
            >
              {' '}
              #{number}
            </span>
          </div>
          <InspectorOrigin
            origin={origin}
            selected={selected}
            events={outline?.events}
            marked={true}
            onBack={(o) => selectRecord(o, null)}
          />
          <Envelope record={record} seed={seed} outline={outline?.events} onGo={go} />
          <InspectorFault
            fault={record.fault}
            def={record.def}
            index={record.index}
            line={window.line(position)}
            hasCopy={!record.fault?.copy && window.findCopy(record.def, record.index) >= 0}
            onGo={go}
          />
          <InspectorActor
            window={window}
            position={position}
            version={version}
            outline={outline}
            clock={zoneClock(outline?.timezone ?? 'UTC')}
            onGo={go}
          />
          {def && (
            <Violations
              list={violationsOf(diagnostics, def)}
              eventId={record.event.id}
              onShow={(d) => showInEditor(d.file, d.span.start)}
            />
          )}
          <h3>data</h3>
          <ul className="fields">
            {Object.entries(record.event.data).map(([field, value]) => (
              <FieldRow
                key={field}
                field={field}
                value={value}
                provenance={
                  fields === undefined ? undefined : (fields?.find((f) => f.field === field) ?? null)
                }
                def={def}
                event={record.event}
                index={record.index}
                window={window}
                events={outline?.events}
                violations={def ? violationsOfField(violationsOf(diagnostics, def), def, field) : []}
                onGo={go}
                onShow={showInEditor}
              />
            ))}
          </ul>
          {fields === null && (
            <p className="muted small">
              Provenance is not available for this event (it is recorded for the records of the latest run).
            </p>
          )}
        </div>
      )}
    </section>
  )
}

function Envelope(props: {
  record: ReturnType<RecordWindow['record']>
  seed: number | undefined
  outline: readonly OutlineEvent[] | undefined
  onGo: (s: Selection) => void
}) {
  const { record, outline } = props
  const e = record.event
  return (
    <dl className="envelope">
      <dt>id</dt>
      <dd className="mono">{e.id}</dd>
      <dt>timestamp</dt>
      <dd className="mono">{e.timestamp}</dd>
      <dt>org_id</dt>
      <dd className="mono">{e.org_id}</dd>
      <dt>definition</dt>
      <dd>
        <code>{outline?.[record.def]?.id ?? `#${record.def + 1}`}</code>, occurrence #{record.index + 1}{' '}
        <span className="muted">(index {record.index})</span>
      </dd>
      <dt>seed</dt>
      <dd className="mono">{props.seed ?? 0}</dd>
      {record.parent && (
        <>
          <dt>after</dt>
          <dd>
            <button
              type="button"
              className="link-button"
              aria-label={`Go to parent ${occurrenceName(outline, record.parent)}`}
              onClick={() => props.onGo({ def: record.parent!.def, index: record.parent!.index })}
            >
              {occurrenceName(outline, record.parent)}
            </button>
          </dd>
        </>
      )}
    </dl>
  )
}

function Violations(props: {
  list: PositionedDiagnostic[]
  eventId: string
  onShow: (d: PositionedDiagnostic) => void
}) {
  if (props.list.length === 0) return null
  const n = violationCount(props.list)
  return (
    <div className="violations" role="note">
      <strong>
        This definition has {formatCount(n)} schema violation{n === 1 ? '' : 's'} in the run
      </strong>
      <span className="muted"> (the run reports them per definition and field, not per event)</span>
      <ul>
        {props.list.map((d) => (
          <li key={`${d.span.start}|${d.message}`}>
            <button
              type="button"
              className="link-button"
              onClick={() => props.onShow(d)}
              title="Show in editor"
            >
              Ln {d.start.line}
            </button>{' '}
            {d.message}
            {d.message.includes(props.eventId) && <strong> (this event is the first one)</strong>}
          </li>
        ))}
      </ul>
    </div>
  )
}

function FieldRow(props: {
  field: string
  value: unknown
  /** undefined while loading, null when the engine has none for this field. */
  provenance: FieldProvenance | null | undefined
  def: OutlineEvent | undefined
  event: PlainEvent
  index: number
  window: RecordWindow
  events: readonly OutlineEvent[] | undefined
  violations: PositionedDiagnostic[]
  onGo: (s: Selection, eventId?: string) => void
  onShow: (file: string, offset: number) => void
}) {
  const { field, value, provenance: p, def } = props
  const span = p?.span ?? (def ? fieldSpanOf(def, field) : undefined)
  const file = p?.file ?? def?.file ?? ''
  const links = p ? provenanceLinks(p, props.events) : []
  const context = p ? contextValues(p, props.event, props.index) : []
  return (
    <li className="field" id={`field-${field}`}>
      <div className="field-head">
        <span className="field-name">{field}</span>
        {span && (
          <button
            type="button"
            className="icon-text field-jump"
            disabled={file !== MAIN_FILE}
            aria-label={`Show ${field} in editor`}
            title={file === MAIN_FILE ? 'Show in editor' : `Defined in ${file}`}
            onClick={() => props.onShow(file, span.start)}
          >
            ↗
          </button>
        )}
      </div>
      <div className="field-body">
        <ValueTree value={value} />
        {p === undefined ? (
          <span className="muted small">Loading provenance…</span>
        ) : p === null ? null : (
          <>
            <div className="prov-line">
              <span className="prov-label">expression</span>
              {p.expression !== undefined ? (
                <code className="expression">{p.expression}</code>
              ) : (
                <span className="muted">a literal value</span>
              )}
            </div>
            {links.map((l) => {
              const at = props.window.find(l.target.def, l.target.index)
              const read = l.hasValue
                ? l.value
                : at >= 0
                  ? valueAtPath(props.window.event(at).data, l.field)
                  : undefined
              const known = l.hasValue || at >= 0
              return (
                <div className="prov-line" key={`${l.kind}|${l.label}|${l.field}`}>
                  <span className="prov-label">{l.kind === 'prev' ? 'prev' : l.kind}</span>
                  <span>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={l.label}
                      onClick={() => props.onGo(l.target, l.eventId)}
                    >
                      {l.text}
                    </button>
                    <span className="muted">.{l.field}</span>
                    {known && <code className="prov-value"> = {formatValue(read, 60)}</code>}
                  </span>
                </div>
              )
            })}
            {p.siblings.length > 0 && (
              <div className="prov-line">
                <span className="prov-label">uses</span>
                <span>
                  {p.siblings.map((s) => (
                    <button
                      key={s}
                      type="button"
                      className="chip"
                      title={`Show the field ${s}`}
                      onClick={() =>
                        document.getElementById(`field-${s}`)?.scrollIntoView({ block: 'nearest' })
                      }
                    >
                      {s}
                    </button>
                  ))}
                </span>
              </div>
            )}
            {context.length > 0 && (
              <div className="prov-line">
                <span className="prov-label">context</span>
                <span className="mono small">{context.map((c) => `${c.name} = ${c.value}`).join(' · ')}</span>
              </div>
            )}
          </>
        )}
        {props.violations.map((d) => (
          <div className="field-violation" key={`${d.span.start}|${d.message}`}>
            ▲ {d.message}
          </div>
        ))}
      </div>
    </li>
  )
}
