import { describe, expect, it } from 'vitest'
import { streamStoryText } from '../engine.ts'
import { timeline } from './timeline.ts'

const story = (events: string, extra = '') =>
  `org_id: acme\nstart_date: 2025-03-29\ntimezone: Europe/Berlin\n${extra}events:\n${events}`

const HOURLY = `  - source: a\n    event: tick\n    repeat: 4\n    frequency: hourly\n    data:\n      n: 1\n`
const ONCE = `  - source: a\n    event: once\n    data:\n      n: 1\n`

const run = (text: string, seed?: number) => streamStoryText(text, { seed })
const options = { startNow: false, follow: false, wallNow: () => 0 }

describe('timeline', () => {
  it('without --start now or --follow is the run itself, untouched', () => {
    const text = story(HOURLY)
    const a = [...timeline(run(text), () => run(text), options)].map((r) => r.event)
    expect(a).toEqual([...run(text)])
  })

  it('--start now shifts every time by one constant, in the story zone (across a DST change)', () => {
    // 2025-03-30 01:00 UTC is the Berlin switch to summer time: offsets change from +01:00 to +02:00.
    const now = Date.parse('2025-03-30T00:30:00Z')
    const text = story(HOURLY)
    const moved = [
      ...timeline(run(text), () => run(text), { ...options, startNow: true, wallNow: () => now }),
    ]
    expect(Date.parse(moved[0].event.timestamp)).toBe(now)
    expect(moved.map((r) => r.event.timestamp)).toEqual([
      '2025-03-30T01:30:00.000+01:00',
      '2025-03-30T03:30:00.000+02:00',
      '2025-03-30T04:30:00.000+02:00',
      '2025-03-30T05:30:00.000+02:00',
    ])
    for (const r of moved) expect(Date.parse(r.event.timestamp)).toBe(r.timeMs)
  })

  it('--follow repeats a single-event story daily, with the next seed each cycle', () => {
    const text = story(ONCE)
    const seeds: number[] = []
    const records = timeline(
      run(text, 10),
      (cycle) => {
        seeds.push(10 + cycle)
        return run(text, 10 + cycle)
      },
      { ...options, follow: true, limit: 3 },
    )
    const all = [...records]
    expect(all.map((r) => r.timeMs - all[0].timeMs)).toEqual([0, 86_400_000, 172_800_000])
    expect(seeds).toEqual([11, 12])
    expect(new Set(all.map((r) => r.event.id)).size).toBe(3)
  })

  it('--follow on a story with an end_date stops at its end', () => {
    const text = story(HOURLY, 'end_date: 2025-03-29\n')
    const all = [...timeline(run(text), () => run(text), { ...options, follow: true })]
    expect(all).toHaveLength(4)
  })
})
