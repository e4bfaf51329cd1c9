/** The badges of a faulty row of the Events table (`faults:`, issue 18): one per fault kind, the ground truth in the tooltip. */
import type { FaultMark } from '@autosource/engine/worker'
import { faultBadge, faultTooltip } from './inspector-fault-text.ts'
import './faults.css'

/** Small badges such as `dup` or `late +4m`; the tooltip (and accessible name) says exactly what was done. */
export function FaultBadges(props: { fault: FaultMark }) {
  const tip = faultTooltip(props.fault)
  const kinds = [...new Set(props.fault.notes.map((n) => n.fault))]
  return (
    <span className="fault-badges" title={tip} role="img" aria-label={`Fault: ${tip}`}>
      {kinds.map((kind) => (
        <span key={kind} className={`fault-badge fault-${kind}`} aria-hidden="true">
          {faultBadge(props.fault.notes.find((n) => n.fault === kind)!)}
        </span>
      ))}
    </span>
  )
}
