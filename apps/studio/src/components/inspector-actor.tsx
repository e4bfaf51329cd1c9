/** The Inspector's "Actor" section (issue 16): the actor of the selected event, its attributes and its path of states. */
import type { RecordWindow, StoryOutline } from '@autosource/engine/worker'
import { useMemo } from 'react'
import type { Selection } from '../store.ts'
import { actorPath } from './inspector-actor-path.ts'
import { formatValue } from './inspector-provenance.ts'
import { formatLocal, type ZoneClock } from './timeline-time.ts'

/** The actor section of the record at `position`; nothing for an event without an actor. */
export function InspectorActor(props: {
  window: RecordWindow
  position: number
  version: number
  outline: StoryOutline | null
  clock: ZoneClock
  onGo: (s: Selection) => void
}) {
  const { window, position, version, outline, clock } = props
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window grows in place; version says when.
  const path = useMemo(() => actorPath(window, position, outline), [window, position, outline, version])
  if (!path) return null
  const attributes = Object.entries(path.attributes)
  return (
    <section className="inspector-actor" aria-label={`Actor ${path.name}`}>
      <h3>
        actor <span className="actor-name">{path.name}</span>
      </h3>
      {attributes.length > 0 && (
        <dl className="envelope actor-attributes">
          {attributes.map(([k, v]) => (
            <div key={k} className="actor-attribute">
              <dt>{k}</dt>
              <dd className="mono">{formatValue(v, 80)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h4 className="actor-path-title">path so far</h4>
      {path.steps.length === 0 ? (
        <p className="muted small">No state entry of this actor is in the preview.</p>
      ) : (
        <ol className="actor-path">
          {path.steps.map((s) => (
            <li key={s.step} className={s.current ? 'actor-step current' : 'actor-step'}>
              <button
                type="button"
                className="link-button"
                aria-current={s.current ? 'step' : undefined}
                aria-label={`Go to the ${s.state} entry of ${path.name} (step ${s.step + 1})`}
                onClick={() => props.onGo({ def: s.def, index: s.index })}
              >
                {s.state}
              </button>
              <span className="mono small muted"> {formatLocal(clock.toLocal(s.timeMs))}</span>
              {s.current && <span className="small"> · this event</span>}
            </li>
          ))}
        </ol>
      )}
      {path.more && <p className="muted small">The actor goes on after this event.</p>}
    </section>
  )
}
