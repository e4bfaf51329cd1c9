import { describe, expect, it } from 'vitest'
import { actorRun } from './actor-test-run.ts'
import { funnelRows } from './summary-funnel-rows.ts'

describe('funnelRows', () => {
  const { window, outline } = actorRun()
  const countOf = (id: string) => {
    const def = outline.events.findIndex((e) => e.id === id)
    let n = 0
    for (let i = 0; i < window.length; i++) if (window.def(i) === def) n++
    return n
  }

  it('counts actors per state in lifecycle order; entries are the state events', () => {
    const [f] = funnelRows(window, outline)
    expect(f.actor).toBe('user')
    expect(f.rows.map((r) => r.state)).toEqual(['signed_up', 'session', 'paid', 'lurking', 'churned'])
    const row = (s: string) => f.rows.find((r) => r.state === s)!
    // once per actor: actors = entries = events of that state
    for (const [state, id] of [
      ['signed_up', 'signup'],
      ['paid', 'paid'],
      ['churned', 'churned'],
    ]) {
      expect(row(state).actors).toBe(countOf(id))
      expect(row(state).entries).toBe(countOf(id))
    }
    // sessions repeat: more entries than actors, each entry one session event
    expect(row('session').entries).toBe(countOf('session'))
    expect(row('session').actors!).toBeLessThan(row('session').entries!)
    expect(row('session').actors!).toBeLessThan(row('signed_up').actors!)
    // about 80% go on to a session
    expect(row('session').actors! / row('signed_up').actors!).toBeGreaterThan(0.7)
    expect(row('session').actors! / row('signed_up').actors!).toBeLessThan(0.9)
    // no event is on `lurking`: not counted, not zero
    expect(row('lurking')).toEqual({ state: 'lurking', actors: null, entries: null })
    expect(f.max).toBe(row('signed_up').actors)
  })

  it('is empty without actors or records', () => {
    expect(funnelRows(null, null)).toEqual([])
    expect(funnelRows(null, { ...outline, actors: undefined })).toEqual([])
    const [f] = funnelRows(null, outline)
    expect(f.rows.map((r) => r.actors)).toEqual([0, 0, 0, null, 0])
  })
})
