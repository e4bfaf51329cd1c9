/**
 * The Inspector for an event past the preview (a row the Events table paged in from the run store):
 * the event as delivered (envelope, nested data), each field's expression as written, and how many
 * times its id is delivered. Provenance and fault marks are recorded by the engine for the preview's
 * events only; this view says so instead of guessing them.
 */
import type { OutlineEvent } from '@autosource/engine/worker'
import { useEffect, useMemo, useState } from 'react'
import { formatCount } from '../format.ts'
import { MAIN_FILE } from '../store.ts'
import { runStore } from './explorer/run-store.ts'
import type { StorePick } from './explorer/store-pick.ts'
import { fieldSpanOf } from './inspector-provenance.ts'
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
}) {
  const { pick, events } = props
  const event = useMemo(() => storedEvent(pick.line), [pick.line])
  const defs = useMemo(() => (event ? definitionsOf(events, event.source, event.event) : []), [events, event])
  const def = defs.length === 1 ? events[defs[0]] : undefined
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
      <p className="inspector-note" role="note">
        Past the preview (the first {formatCount(props.held)} events): shown as delivered, from the whole run.
        Where each value came from, and what faults did, is recorded for the preview's events only; values
        read from other events (<code>ref</code>, <code>prev</code>, <code>lookup</code>) depend on the run's
        history and are not re-derived here.
      </p>
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
            <code>{def.id}</code>
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
                {written !== undefined && (
                  <div className="prov-line">
                    <span className="prov-label">as written</span>
                    <code className="expression">{written}</code>
                  </div>
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
