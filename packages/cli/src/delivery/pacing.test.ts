import { describe, expect, it } from 'vitest'
import { Pacer, parsePace, parseRate, sleep } from './pacing.ts'

describe('parsePace / parseRate', () => {
  it('reads asap, realtime and xN', () => {
    expect(parsePace(undefined)).toEqual({ kind: 'asap' })
    expect(parsePace('asap')).toEqual({ kind: 'asap' })
    expect(parsePace('realtime')).toEqual({ kind: 'speed', factor: 1 })
    expect(parsePace('x60')).toEqual({ kind: 'speed', factor: 60 })
    expect(parsePace('x0.5')).toEqual({ kind: 'speed', factor: 0.5 })
    for (const bad of ['x0', 'x', '60', 'fast', 'x-1', 'xInfinity'])
      expect(() => parsePace(bad)).toThrow(/--pace/)
  })

  it('reads N/s, N/m, N/h and a bare N as events per second', () => {
    expect(parseRate('500/s')).toBe(500)
    expect(parseRate('120/m')).toBe(2)
    expect(parseRate('3600/h')).toBe(1)
    expect(parseRate('7')).toBe(7)
    expect(parseRate(undefined)).toBeUndefined()
    for (const bad of ['0/s', 'fast', '5/d', '-3']) expect(() => parseRate(bad)).toThrow(/--rate/)
  })
})

describe('Pacer', () => {
  it('asap without a rate never waits', () => {
    const p = new Pacer({ kind: 'asap' }, undefined, () => 0)
    expect(p.idle).toBe(true)
    expect(p.reserve(0)).toBe(0)
    expect(p.reserve(1e9)).toBe(0)
  })

  it('xN maps simulated time onto the wall clock from the first event on', () => {
    let now = 1000
    const p = new Pacer({ kind: 'speed', factor: 60 }, undefined, () => now)
    expect(p.reserve(5_000_000)).toBe(0)
    // One simulated minute later: one wall second after the first event.
    expect(p.reserve(5_060_000)).toBe(1000)
    now = 1600
    expect(p.reserve(5_060_000)).toBe(400)
    now = 3000
    // Late (the sink was slow): go at once, no catching up by bursts beyond the schedule.
    expect(p.reserve(5_090_000)).toBe(0)
  })

  it('a rate spaces events 1/rate apart, and the later of pace and rate wins', () => {
    const now = 0
    const p = new Pacer({ kind: 'asap' }, 4, () => now)
    expect([p.reserve(0), p.reserve(0), p.reserve(0)]).toEqual([0, 250, 500])
    const q = new Pacer({ kind: 'speed', factor: 1 }, 10, () => now)
    expect([q.reserve(0), q.reserve(0), q.reserve(1000)]).toEqual([0, 100, 1000])
  })

  it('sleep ends early when the stop signal aborts', async () => {
    const c = new AbortController()
    const t0 = performance.now()
    const done = sleep(60_000, c.signal)
    c.abort('SIGINT')
    await done
    expect(performance.now() - t0).toBeLessThan(30_000)
  })
})
