/**
 * The inspector's "Fault" section (`faults:`, issue 18): what the story's faults did to the selected
 * event, with the ground truth the faults log has (late by how much and delivered when, which event a
 * duplicate copies, how much of a corrupt line is kept), and a jump between a duplicate and its original.
 */
import { corruptText, type FaultMark } from '@autosource/engine/worker'
import type { Selection } from '../store.ts'
import { FaultBadges } from './event-table-fault-badge.tsx'
import { faultSentence } from './inspector-fault-text.ts'
import './faults.css'

/** The Fault section of the selected record; nothing for a clean event that has no copy. */
export function InspectorFault(props: {
  fault: FaultMark | undefined
  /** The record's definition and occurrence (a copy's are its original's). */
  def: number
  index: number
  /** The record's NDJSON line as generated (before a corrupt cut). */
  line: string
  /** For an original: whether its duplicate copy is in the preview. */
  hasCopy: boolean
  onGo: (target: Selection) => void
}) {
  const { fault, def, index } = props
  if (!fault && !props.hasCopy) return null
  const cut = fault?.corruptKeep !== undefined ? corruptText(props.line, fault.corruptKeep) : undefined
  return (
    <section className="inspector-fault" aria-label="Fault">
      <h3>Fault {fault && <FaultBadges fault={fault} />}</h3>
      <ul>
        {fault?.notes.map((note) => (
          <li key={note.fault + String(note.field ?? '')}>
            {faultSentence(note)}
            {note.fault === 'late' && <span className="muted"> (its timestamp is unchanged)</span>}
            {note.fault === 'corrupt' && cut !== undefined && (
              <code className="fault-cut" title="The line as an export writes it">
                {cut}
              </code>
            )}
          </li>
        ))}
        {fault?.copy && (
          <li>
            <button type="button" className="link-button" onClick={() => props.onGo({ def, index })}>
              Go to the original delivery
            </button>
          </li>
        )}
        {!fault?.copy && props.hasCopy && (
          <li>
            This event is delivered twice.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => props.onGo({ def, index, copy: true })}
            >
              Go to the duplicate
            </button>
          </li>
        )}
      </ul>
    </section>
  )
}
