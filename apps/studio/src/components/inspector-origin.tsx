/** "Reached from user.signup #3": the way back after following a provenance link. */
import type { OutlineEvent } from '@autosource/engine/worker'
import type { Selection } from '../store.ts'
import { occurrenceName } from './inspector-provenance.ts'

/** The back link, or nothing when the selection was not reached from another event. */
export function InspectorOrigin(props: {
  origin: Selection | null
  selected: Selection
  events: readonly OutlineEvent[] | undefined
  /** Both are in the preview, so the timeline marks both. */
  marked: boolean
  onBack: (origin: Selection) => void
}) {
  const { origin, selected } = props
  if (!origin || (origin.def === selected.def && origin.index === selected.index)) return null
  const name = occurrenceName(props.events, origin)
  return (
    <p className="inspector-origin">
      Reached from{' '}
      <button
        type="button"
        className="link-button"
        aria-label={`Back to ${name}`}
        onClick={() => props.onBack(origin)}
      >
        {name}
      </button>
      {props.marked && <span className="muted"> (both marked on the timeline)</span>}
    </p>
  )
}
