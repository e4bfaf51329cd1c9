import { packRecords, RecordWindow } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import {
  binAt,
  binLane,
  binsPath,
  LaneIndex,
  marksPath,
  nearestInLane,
  rangeOf,
  SOURCE_PALETTE,
  sourceColors,
} from './timeline-lanes.ts'
import { binStartLocal, zoneClock } from './timeline-time.ts'

const HOUR = 3_600_000
const T0 = Date.parse('2025-01-01T00:00:00Z')

interface R {
  def: number
  index: number
  timeMs: number
  parent?: { def: number; index: number }
}

/** A window of records as the worker packs them. */
function windowOf(records: R[], cap = 10_000): RecordWindow {
  const w = new RecordWindow(cap)
  w.append(packRecords(records, (r) => JSON.stringify({ def: r.def, index: r.index })))
  return w
}

/** Signups every hour, a purchase after every other signup (a funnel), and a receipt after each purchase. */
function funnel(n: number): R[] {
  const out: R[] = []
  let purchases = 0
  for (let i = 0; i < n; i++) {
    out.push({ def: 0, index: i, timeMs: T0 + i * HOUR })
    if (i % 2 === 0) {
      const p = purchases++
      out.push({ def: 1, index: p, timeMs: T0 + i * HOUR + 60_000, parent: { def: 0, index: i } })
      out.push({ def: 2, index: p, timeMs: T0 + i * HOUR + 120_000, parent: { def: 1, index: p } })
    }
  }
  return out
}

describe('LaneIndex', () => {
  it('splits the window into one time-ordered lane per definition, with window positions', () => {
    const lanes = new LaneIndex(windowOf(funnel(10)))
    expect(lanes.update()).toBe(true)
    expect(lanes.defs()).toEqual([0, 1, 2])
    expect(lanes.lanes[0].count).toBe(10)
    expect(lanes.lanes[1].count).toBe(5)
    expect(Array.from(lanes.lanes[1].positions.subarray(0, 3))).toEqual([1, 5, 9])
    expect(lanes.extent()).toEqual([T0, T0 + 9 * HOUR])
    expect(lanes.update()).toBe(false)
  })

  it('scans only what was appended, and grows past its first capacity', () => {
    const records = funnel(400)
    const w = new RecordWindow(10_000)
    const lanes = new LaneIndex(w)
    w.append(packRecords(records.slice(0, 100), () => '{}'))
    lanes.update()
    expect(lanes.size).toBe(100)
    w.append(packRecords(records.slice(100), () => '{}'))
    lanes.update()
    expect(lanes.size).toBe(records.length)
    expect(lanes.lanes[0].count).toBe(400)
    const times = lanes.lanes[0].times.subarray(0, 400)
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true)
  })

  it('knows the children and all descendants of an occurrence (after funnels)', () => {
    const w = windowOf(funnel(6))
    const lanes = new LaneIndex(w)
    lanes.update()
    expect(lanes.childrenOf(0, 2).map((p) => [w.def(p), w.index(p)])).toEqual([[1, 1]])
    expect(lanes.childrenOf(0, 1)).toEqual([])
    const signup2 = w.find(0, 2)
    expect(lanes.descendants(signup2).map((p) => [w.def(p), w.index(p)])).toEqual([
      [1, 1],
      [2, 1],
    ])
    expect(lanes.descendants(signup2, 1)).toHaveLength(1)
  })
})

describe('ranges and bins', () => {
  const w = windowOf(funnel(72)) // three days of hourly signups
  const lanes = new LaneIndex(w)
  lanes.update()
  const signups = lanes.lanes[0]

  it('finds the records in a time range, bounds included', () => {
    expect(rangeOf(signups, T0 + HOUR, T0 + 3 * HOUR)).toEqual([1, 4])
    expect(rangeOf(signups, T0 - 10, T0 - 1)).toEqual([0, 0])
    expect(nearestInLane(signups, T0 + HOUR + 10_000, 60_000)).toBe(1)
    expect(nearestInLane(signups, T0 + HOUR + 30 * 60_000, 60_000)).toBe(-1)
  })

  it('counts per local day and per hour, exactly', () => {
    const days = binLane(signups, 0, signups.count, 'day', zoneClock('UTC'))
    expect(days.counts).toEqual([24, 24, 24])
    expect(days.starts[1]).toBe(T0 + 24 * HOUR)
    expect(days.max).toBe(24)
    const hours = binLane(signups, 0, 10, 'hour', zoneClock('UTC'))
    expect(hours.counts).toEqual(new Array(10).fill(1))
    expect(binAt(days, T0 + 30 * HOUR)).toBe(1)
    expect(binAt(days, T0 - 1)).toBe(-1)
    expect(days.firsts).toEqual([0, 24, 48])
  })

  it('bins on the local days of the story zone', () => {
    // Tokyo is UTC+9: the first 15 hours (UTC) fall on Jan 1 local, the next 24 on Jan 2 ...
    const days = binLane(signups, 0, signups.count, 'day', zoneClock('Asia/Tokyo'))
    expect(days.counts).toEqual([15, 24, 24, 9])
    expect(days.starts[1]).toBe(Date.parse('2025-01-01T15:00:00Z'))
    expect(days.counts.reduce((a, b) => a + b)).toBe(72)
  })

  it('bins exactly as one local-time conversion per record would, across zone transitions', () => {
    // A record every 7 minutes over the 2025 autumn and spring transitions of New York, London and
    // Lord Howe (a 30-minute shift), binned per minute, hour, day and week.
    const times: number[] = []
    for (const [a, b] of [
      ['2025-03-28T00:00:00Z', '2025-04-08T00:00:00Z'],
      ['2025-10-03T00:00:00Z', '2025-11-04T00:00:00Z'],
    ]) {
      for (let t = Date.parse(a); t < Date.parse(b); t += 7 * 60_000) times.push(t)
    }
    const lane = {
      def: 0,
      count: times.length,
      times: Float64Array.from(times),
      positions: Int32Array.from(times, (_, i) => i),
    }
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC']) {
      const clock = zoneClock(zone)
      for (const unit of ['minute', 'hour', 'day', 'week'] as const) {
        // The reference: each record's local bin, runs of equal bins counted.
        const counts: number[] = []
        const firsts: number[] = []
        let current = Number.NaN
        times.forEach((t, i) => {
          const start = binStartLocal(clock.toLocal(t), unit)
          if (start !== current) {
            current = start
            counts.push(0)
            firsts.push(i)
          }
          counts[counts.length - 1]++
        })
        const bins = binLane(lane, 0, lane.count, unit, clock)
        expect(bins.counts, `${zone} ${unit}`).toEqual(counts)
        expect(bins.firsts, `${zone} ${unit}`).toEqual(firsts)
      }
    }
  })

  it('draws one path per lane: a tick per mark (merging marks on the same pixel), a bar per bin', () => {
    const x = (t: number) => (t - T0) / HOUR
    expect(marksPath(signups, 0, 3, x, 2, 10)).toBe('M0.0 2.0v8.0M1.0 2.0v8.0M2.0 2.0v8.0')
    const squeezed = (t: number) => (t - T0) / (HOUR * 10)
    expect(marksPath(signups, 0, 10, squeezed, 0, 1).match(/M/g)).toHaveLength(2) // x = 0, 0.1, ... 0.9: two half-pixel columns
    const days = binLane(signups, 0, 48, 'day', zoneClock('UTC'))
    const path = binsPath(days, (t) => (t - T0) / HOUR, 20, 10)
    expect(path).toBe('M0.0 20.0h23.0v-10.0h-23.0zM24.0 20.0h23.0v-10.0h-23.0z')
  })
})

describe('sourceColors', () => {
  it('gives each source its own colour in order of appearance, per scheme', () => {
    const c = sourceColors(['posthog', 'stripe', 'posthog'], 'dark')
    expect([...c.values()]).toEqual([SOURCE_PALETTE.dark[0], SOURCE_PALETTE.dark[1]])
    expect(sourceColors(['a'], 'light').get('a')).toBe(SOURCE_PALETTE.light[0])
  })
})
