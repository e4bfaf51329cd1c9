/**
 * The Summary's funnel (issue 16): per actor type, how many actors reached each state and how many entries
 * there were, counted from the `on:` events the preview holds (an actor's state entries are not in the
 * run's totals). A state no event is `on:` leaves no trace in the output, so it is listed as not counted
 * rather than as zero.
 */
import type { RecordWindow, StoryOutline } from '@autosource/engine/worker'

/** One state of the funnel. */
export interface FunnelRow {
  state: string
  /** Distinct actors that entered the state (null: no event marks it, so it cannot be counted). */
  actors: number | null
  /** Entries of the state (an actor may come back to it). */
  entries: number | null
}

/** One actor type's funnel, states in lifecycle order. */
export interface Funnel {
  actor: string
  rows: FunnelRow[]
  /** The largest `actors` of the rows (the bars' full width). */
  max: number
}

/** The funnels of every actor type of the outline, from the first `length` records of the window. */
export function funnelRows(window: RecordWindow | null, outline: StoryOutline | null): Funnel[] {
  const types = outline?.actors ?? []
  if (types.length === 0) return []
  // states some event is `on:`, per type name
  const marked = new Set(outline!.events.flatMap((e) => (e.on ? [e.on] : [])))
  const actors = types.map((t) => t.states.map(() => new Set<number>()))
  const entries = types.map((t) => t.states.map(() => new Set<number>()))
  const n = window?.length ?? 0
  for (let i = 0; i < n; i++) {
    const a = window!.actor(i)
    if (!a || a.state < 0) continue
    const perState = actors[a.type]
    if (!perState?.[a.state]) continue
    perState[a.state].add(a.index)
    // an entry is (actor, step): exact below 2^21 steps per actor (the visit cap is far lower)
    entries[a.type][a.state].add(a.index * 2097152 + a.step)
  }
  return types.map((t, ti) => {
    const rows = t.states.map((state, si) => {
      const counted = marked.has(`${t.name}.${state}`)
      return {
        state,
        actors: counted ? actors[ti][si].size : null,
        entries: counted ? entries[ti][si].size : null,
      }
    })
    return { actor: t.name, rows, max: Math.max(0, ...rows.map((r) => r.actors ?? 0)) }
  })
}
