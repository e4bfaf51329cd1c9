/**
 * One field's provenance from a trace (an event past the preview, generated again up to it): the
 * expression, the occurrences it read (ref, lookup, prev), the sibling fields and context values it
 * used. The same facts as the preview's field rows, from the same engine record.
 */
import type { FieldProvenance, OutlineEvent, PlainEvent } from '@autosource/engine/worker'
import type { Selection } from '../store.ts'
import { contextValues, formatValue, provenanceLinks } from './inspector-provenance.ts'

/** Provenance lines of one traced field (nothing when the engine recorded none for it). */
export function TracedField(props: {
  provenance: FieldProvenance | null
  event: PlainEvent
  index: number
  events: readonly OutlineEvent[]
  onGo: (target: Selection, eventId?: string) => void
}) {
  const p = props.provenance
  if (!p) return null
  const context = contextValues(p, props.event, props.index)
  return (
    <>
      <div className="prov-line">
        <span className="prov-label">expression</span>
        {p.expression !== undefined ? (
          <code className="expression">{p.expression}</code>
        ) : (
          <span className="muted">a literal value</span>
        )}
      </div>
      {provenanceLinks(p, props.events).map((l) => (
        <div className="prov-line" key={`${l.kind}|${l.label}|${l.field}`}>
          <span className="prov-label">{l.kind}</span>
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
            {l.hasValue && <code className="prov-value"> = {formatValue(l.value, 60)}</code>}
          </span>
        </div>
      ))}
      {p.siblings.length > 0 && (
        <div className="prov-line">
          <span className="prov-label">uses</span>
          <span className="mono small">{p.siblings.join(', ')}</span>
        </div>
      )}
      {context.length > 0 && (
        <div className="prov-line">
          <span className="prov-label">context</span>
          <span className="mono small">{context.map((c) => `${c.name} = ${c.value}`).join(' · ')}</span>
        </div>
      )}
    </>
  )
}
