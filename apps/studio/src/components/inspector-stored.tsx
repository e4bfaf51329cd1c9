/**
 * The Inspector for an event past the preview (a row the Events table paged in from the run store):
 * the event as delivered (envelope, nested data), each field's expression as written, and how many
 * times its id is delivered. Provenance and fault marks are recorded by the engine for the preview's
 * events only; this view says so instead of guessing them.
 */
import type { OutlineEvent } from '@autosource/engine/worker'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { formatCount } from '../format.ts'
import { MAIN_FILE, type Selection } from '../store.ts'
import { runStore } from './explorer/run-store.ts'
import type { StorePick } from './explorer/store-pick.ts'
import type { StoreTrace } from './explorer/store-trace.ts'
import { InspectorFault } from './inspector-fault.tsx'
import { fieldSpanOf } from './inspector-provenance.ts'
import { TracedField } from './inspector-stored-field.tsx'
import {
  definitionsOf,
  deliveriesSql,
  deliveryOf,
  expressionAsWritten,
  storedEvent,
} from './inspector-stored-model.ts'
import { ValueTree } from './inspector-value-tree.tsx'
import './inspector-stored.css'

/** The selected store row, shown from its NDJSON line. */
export function InspectorStored(props: {
  pick: StorePick
  events: readonly OutlineEvent[]
  seed: number | undefined
  runText: string | null
  /** Events the preview holds (and the engine recorded provenance for). */
  held: number
  total: number
  onShow: (file: string, offset: number) => void
  onGo: (target: Selection, eventId?: string) => void
  /** The way back to the event this one was reached from, if any. */
  origin?: ReactNode
}) {
  const { pick, events } = props
  const event = useMemo(() => storedEvent(pick.line), [pick.line])
  const defs = useMemo(() => (event ? definitionsOf(events, event.source, event.event) : []), [events, event])
  const trace = useTrace(pick)
  const traced = trace.status === 'done' && trace.result?.eventId === event?.id ? trace.result : null
  // The trace knows the definition for certain; the line alone only when one definition emits its type.
  const defIndex = traced ? traced.def : defs.length === 1 ? defs[0] : -1
  const def = defIndex >= 0 ? events[defIndex] : undefined
  const deliveries = useDeliveries(event?.id, pick.key)
  const delivery = deliveries ? deliveryOf(deliveries, pick.seq) : null

  if (!event)
    return (
      <div className="inspector-body">
        <p className="empty-note">This delivery is not a JSON event (a corrupt line). As delivered:</p>
        <code className="inspector-stored-line">{pick.line}</code>
      </div>
    )
  return (
    <div className="inspector-body" data-inspector="store">
      <div className="inspector-title">
        <span className="inspector-name">
          {event.source} · {event.event}
        </span>
        <span className="muted" title="Position in the delivered stream">
          {' '}
          event {formatCount(pick.seq + 1)} of {formatCount(props.total)}
        </span>
      </div>
      {props.origin}
      <p className="inspector-note" role="note">
        Past the preview (the first {formatCount(props.held)} events): shown as delivered, from the whole run.
        The engine records where each value came from, and what faults did, while it generates the preview;
        for this event it has to generate the run again up to it.
      </p>
      <TraceControl
        state={trace}
        mismatch={trace.status === 'done' && trace.result !== null && traced === null}
        seq={pick.seq}
      />
      <dl className="envelope">
        <dt>id</dt>
        <dd className="mono">{event.id}</dd>
        <dt>timestamp</dt>
        <dd className="mono">{event.timestamp}</dd>
        <dt>org_id</dt>
        <dd className="mono">{event.org_id}</dd>
        <dt>definition</dt>
        <dd>
          {def ? (
            <>
              <code>{def.id}</code>
              {traced && (
                <>
                  , occurrence #{formatCount(traced.index + 1)}{' '}
                  <span className="muted">(index {traced.index})</span>
                </>
              )}
            </>
          ) : defs.length > 1 ? (
            <span>one of {defs.map((d) => events[d].id).join(', ')} (same source and type)</span>
          ) : (
            <span className="muted">not in this version of the story</span>
          )}
        </dd>
        <dt>delivery</dt>
        <dd>
          #{formatCount(pick.occurrence + 1)} of {event.source} · {event.event} in the stream
          {delivery && (
            <strong>
              {' '}
              · this id is delivered {delivery.count} times (this is delivery {delivery.nth})
            </strong>
          )}
        </dd>
        <dt>seed</dt>
        <dd className="mono">{props.seed ?? 0}</dd>
      </dl>
      {traced?.fault && (
        <InspectorFault
          fault={traced.fault}
          def={traced.def}
          index={traced.index}
          line={pick.line}
          hasCopy={false}
          onGo={props.onGo}
        />
      )}
      <h3>data</h3>
      <ul className="fields">
        {Object.entries(event.data).map(([field, value]) => {
          const span = def ? fieldSpanOf(def, field) : undefined
          const written = def ? expressionAsWritten(props.runText, def, field, MAIN_FILE) : undefined
          return (
            <li className="field" key={field} id={`field-${field}`}>
              <div className="field-head">
                <span className="field-name">{field}</span>
                {def && span && (
                  <button
                    type="button"
                    className="icon-text field-jump"
                    disabled={def.file !== MAIN_FILE}
                    aria-label={`Show ${field} in editor`}
                    title={def.file === MAIN_FILE ? 'Show in editor' : `Defined in ${def.file}`}
                    onClick={() => props.onShow(def.file, span.start)}
                  >
                    ↗
                  </button>
                )}
              </div>
              <div className="field-body">
                <ValueTree value={value} />
                {traced ? (
                  <TracedField
                    provenance={traced.provenance?.find((p) => p.field === field) ?? null}
                    event={event}
                    index={traced.index}
                    events={events}
                    onGo={props.onGo}
                  />
                ) : (
                  written !== undefined && (
                    <div className="prov-line">
                      <span className="prov-label">as written</span>
                      <code className="expression">{written}</code>
                    </div>
                  )
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** Stream positions of every delivery of `id` in the run held (null while asked or unknown). */
function useDeliveries(id: string | undefined, key: string): number[] | null {
  const [answer, setAnswer] = useState<{ id: string; key: string; seqs: number[] } | null>(null)
  useEffect(() => {
    if (id === undefined) return
    let live = true
    runStore.query(deliveriesSql(id), 20).then(
      (r) => live && setAnswer({ id, key, seqs: r.rows.map((row) => Number(row[0])) }),
      () => {},
    )
    return () => {
      live = false
    }
  }, [id, key])
  return answer && answer.id === id && answer.key === key ? answer.seqs : null
}

type TraceState =
  | { status: 'idle' | 'running' }
  | { status: 'done'; result: StoreTrace | null }
  | { status: 'failed'; message: string }

/** The trace of the picked row: started by the user, dropped when another row is picked. */
function useTrace(pick: StorePick): TraceState & { start: () => void } {
  const [state, setState] = useState<{ pick: StorePick; state: TraceState } | null>(null)
  const current: TraceState = state && state.pick === pick ? state.state : { status: 'idle' }
  const start = () => {
    setState({ pick, state: { status: 'running' } })
    runStore.trace(pick.seq).then(
      (result) => setState((s) => (s?.pick === pick ? { pick, state: { status: 'done', result } } : s)),
      (err: Error) =>
        setState((s) => (s?.pick === pick ? { pick, state: { status: 'failed', message: err.message } } : s)),
    )
  }
  return { ...current, start }
}

/** The trace button, its progress and its outcome. */
function TraceControl(props: { state: ReturnType<typeof useTrace>; mismatch: boolean; seq: number }) {
  const { state } = props
  if (state.status === 'idle')
    return (
      <p className="inspector-trace">
        <button type="button" onClick={state.start}>
          Trace where each value came from
        </button>{' '}
        <span className="muted small">
          generates the first {formatCount(props.seq + 1)} events again, in the background
        </span>
      </p>
    )
  if (state.status === 'running')
    return (
      <p className="inspector-trace muted" role="status">
        Generating the run again up to event {formatCount(props.seq + 1)}…
      </p>
    )
  if (state.status === 'failed')
    return (
      <p className="inspector-trace error-note" role="alert">
        The trace failed: {state.message}
      </p>
    )
  if (state.status !== 'done' || state.result === null || props.mismatch)
    return (
      <p className="inspector-trace error-note" role="alert">
        The run generated again has no such event here (the story or the run changed): no provenance is shown.
      </p>
    )
  return (
    <p className="inspector-trace muted small" role="status">
      Traced: the engine's own record of this event (the run generated again up to it).
    </p>
  )
}
