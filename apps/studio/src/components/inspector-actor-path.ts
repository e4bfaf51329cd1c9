/**
 * What the Inspector's "Actor" section shows (issue 16): which actor an event belongs to, its attributes and
 * the path of states it took so far, one step per state entry, each linked to the first event the preview
 * holds for that entry. Built from the record window's actor columns, without parsing events.
 */
import type { RecordWindow, StoryOutline } from '@autosource/engine/worker'

/** One state entry on an actor's path. */
export interface ActorStep {
  /** The entry's number along the path (0-based). */
  step: number
  state: string
  timeMs: number
  /** The first record of that entry (select it to see the event). */
  def: number
  index: number
  /** True for the entry the selected event belongs to (or, under a funnel, the latest before it). */
  current: boolean
}

/** The actor of one selected record. */
export interface ActorPath {
  /** `user #12`: the type's name and the actor's number in arrival order (1-based). */
  name: string
  type: string
  index: number
  attributes: Record<string, unknown>
  /** State entries up to the selected event, in order. */
  steps: ActorStep[]
  /** True when the actor has entries after the selected event in the preview. */
  more: boolean
}

/** The actor of the record at `position`, or null when it has none. */
export function actorPath(
  window: RecordWindow,
  position: number,
  outline: StoryOutline | null,
): ActorPath | null {
  const actor = window.actor(position)
  if (!actor) return null
  const typeName = outline?.actors?.[actor.type]?.name ?? `actor ${actor.type + 1}`
  const states = outline?.actors?.[actor.type]?.states ?? []
  const at = window.timeMs(position)
  const steps: ActorStep[] = []
  let more = false
  let last = -1
  for (const p of window.recordsOfActor(actor.type, actor.index)) {
    const a = window.actor(p)!
    // one step per entry: several `on:` events (and funnels) can share it
    if (a.step < 0 || a.step === last) continue
    const later = actor.step >= 0 ? a.step > actor.step : window.timeMs(p) > at
    if (later) {
      more = true
      break
    }
    last = a.step
    steps.push({
      step: a.step,
      state: states[a.state] ?? `state ${a.state + 1}`,
      timeMs: window.timeMs(p),
      def: window.def(p),
      index: window.index(p),
      current: false,
    })
  }
  const current = actor.step >= 0 ? steps.find((s) => s.step === actor.step) : steps.at(-1)
  if (current) current.current = true
  return {
    name: `${typeName} #${actor.index + 1}`,
    type: typeName,
    index: actor.index,
    attributes: window.attributesOf(actor.type, actor.index) ?? {},
    steps,
    more,
  }
}
