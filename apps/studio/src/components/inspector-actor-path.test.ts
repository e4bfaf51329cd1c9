import { packRecords, RecordWindow } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import { actorRun } from './actor-test-run.ts'
import { actorPath } from './inspector-actor-path.ts'

describe('actorPath', () => {
  const { window, outline } = actorRun()
  const n = window.length
  const positions = Array.from({ length: n }, (_, i) => i)
  const ofDef = (id: string) => outline.events.findIndex((e) => e.id === id)

  it('is null for an event without an actor, and names the actor of one', () => {
    const plain = new RecordWindow(4)
    plain.append(packRecords([{ def: 0, index: 0, timeMs: 0 }], () => '{}'))
    expect(actorPath(plain, 0, outline)).toBeNull()
    const churn = positions.find((p) => window.def(p) === ofDef('churned'))!
    expect(actorPath(window, churn, outline)?.name).toMatch(/^user #\d+$/)
  })

  it('lists the state entries so far, in order, each linked to an event of that entry', () => {
    // an actor that paid: signed_up, session (one or more), paid, then churned
    const churn = positions.find((p) => {
      if (window.def(p) !== ofDef('churned')) return false
      const a = window.actor(p)!
      return window.recordsOfActor(a.type, a.index).some((q) => window.def(q) === ofDef('paid'))
    })!
    const path = actorPath(window, churn, outline)!
    const states = path.steps.map((s) => s.state)
    expect(states[0]).toBe('signed_up')
    expect(states.at(-2)).toBe('paid')
    expect(states.at(-1)).toBe('churned')
    expect(states.slice(1, -2).every((s) => s === 'session')).toBe(true)
    expect(path.steps.map((s) => s.step)).toEqual(states.map((_, i) => i))
    expect(path.steps.filter((s) => s.current).map((s) => s.state)).toEqual(['churned'])
    expect(path.more).toBe(false)
    for (const s of path.steps) {
      const p = window.find(s.def, s.index)
      expect(p).toBeGreaterThanOrEqual(0)
      expect(window.actor(p)).toMatchObject({ index: path.index, step: s.step })
      expect(window.timeMs(p)).toBe(s.timeMs)
      expect(outline.events[s.def].on).toBe(`user.${s.state}`)
    }
    // attributes are the actor's own, the same on every event
    expect(Object.keys(path.attributes)).toEqual(['id', 'plan'])
    const signup = path.steps[0]
    expect(window.event(window.find(signup.def, signup.index)).data.user).toBe(path.attributes.id)
  })

  it('stops at the selected entry, and under a funnel at the latest entry before it', () => {
    const churn = positions.find((p) => window.def(p) === ofDef('churned'))!
    const full = actorPath(window, churn, outline)!
    const signup = full.steps[0]
    const early = actorPath(window, window.find(signup.def, signup.index), outline)!
    expect(early.steps.map((s) => s.state)).toEqual(['signed_up'])
    expect(early.more).toBe(true)
    // the welcome mail (a funnel under signup) is of the same actor, at its first entry
    const welcome = window.recordsOfActor(0, full.index).find((p) => window.def(p) === ofDef('welcome'))!
    const funnel = actorPath(window, welcome, outline)!
    expect(funnel.name).toBe(full.name)
    expect(funnel.steps.map((s) => [s.state, s.current])).toEqual([['signed_up', true]])
  })
})
