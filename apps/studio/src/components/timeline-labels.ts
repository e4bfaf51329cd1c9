/**
 * Lane names: a lane is one event definition, so it is named by the definition's id (IoT's six
 * `iot · sensor.reading` definitions are `motor_fra_01`...), with its count of previewed events. A
 * definition without its own id falls back to `source · event`, numbered when that is not unique. A lane of
 * an actor's state entries (`on: user.signed_up`) starts with that state: `user.signed_up · signup`.
 */

/** What a lane's name is made from (the outline's event definitions satisfy it). */
export interface LaneDefinition {
  id: string
  source: string
  event: string
  /** `on:` as written (`user.signed_up`), for a lane of an actor's state entries. */
  on?: string
}

/** One lane's name: `label` is drawn (name and count), `title` is the full description. */
export interface LaneLabel {
  name: string
  count: number
  label: string
  title: string
}

/** Names and counts of the lanes `defs` (definition indexes), in order. */
export function laneLabels(
  events: readonly LaneDefinition[] | null,
  defs: readonly number[],
  countOf: (def: number) => number,
): LaneLabel[] {
  const names = defs.map((d) => {
    const e = events?.[d]
    if (!e) return `#${d + 1}`
    if (e.on) {
      // the state says when; the id (the event type unless set) says what, unless it repeats the state
      const what = e.id || e.event
      return what === e.on.slice(e.on.indexOf('.') + 1) ? e.on : `${e.on} · ${what}`
    }
    return e.id && e.id !== e.event ? e.id : `${e.source} · ${e.event}`
  })
  // A Map, not an object: names are user strings (`__proto__`, `constructor` must be ordinary names).
  const seen = new Map<string, number>()
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1)
  const nth = new Map<string, number>()
  return defs.map((d, i) => {
    let name = names[i]
    if ((seen.get(name) ?? 0) > 1) {
      const k = (nth.get(name) ?? 0) + 1
      nth.set(name, k)
      name = `${name} #${k}`
    }
    const count = countOf(d)
    const e = events?.[d]
    const what = e ? `${e.on ? `on ${e.on}, ` : ''}${e.source} · ${e.event}` : `definition ${d + 1}`
    return {
      name,
      count,
      label: `${name} (${count.toLocaleString('en-US')})`,
      title: `${name}: ${what}, ${count.toLocaleString('en-US')} event${count === 1 ? '' : 's'} in the preview`,
    }
  })
}
