import { expectedTotal, loadStory } from '@autosource/engine'
import { type IntensityCurve, intensityCurves } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import {
  cumulativeAt,
  expectedBetween,
  expectedBuckets,
  expectedLine,
  intensityPath,
} from './timeline-intensity.ts'
import { zoneClock } from './timeline-time.ts'

function curvesOf(text: string): { curves: IntensityCurve[]; total: number | undefined } {
  const story = loadStory(text).story!
  return { curves: intensityCurves(story), total: expectedTotal(story) }
}

const head = (zone: string, from: string, to: string) =>
  `org_id: o\nstart_date: ${from}\nend_date: ${to}\ntimezone: ${zone}\nevents:\n  - source: s\n    event: e\n`

describe('expected counts per timeline bucket', () => {
  it('are the integral of the rate: a flat 24/day is 1 per hour and 24 per day', () => {
    const { curves } = curvesOf(`${head('UTC', '2025-01-06', '2025-01-12')}    rate: 24/day\n`)
    const clock = zoneClock('UTC')
    const c = curves[0]
    const hours = expectedBuckets(c, c.times[0], c.times.at(-1)!, 'hour', clock)
    expect(hours.expected).toHaveLength(7 * 24)
    for (const e of hours.expected) expect(e).toBeCloseTo(1, 9)
    const days = expectedBuckets(c, c.times[0], c.times.at(-1)!, 'day', clock)
    expect(days.expected.map((e) => Math.round(e * 1e9) / 1e9)).toEqual([24, 24, 24, 24, 24, 24, 24])
  })

  it('follow a weekday pattern and sum to the planned total, local days across a DST change included', () => {
    // Monday twice the mean, Sunday nothing; New York leaves EST on Sunday 2025-03-09
    const { curves, total } = curvesOf(
      `${head('America/New_York', '2025-03-03', '2025-03-16')}    rate: 24/day\n    pattern: { weekdays: [2, 1, 1, 1, 1, 1, 0] }\n    growth: 5%/week\n`,
    )
    const clock = zoneClock('America/New_York')
    const c = curves[0]
    const days = expectedBuckets(c, c.times[0] - 86_400_000, c.times.at(-1)! + 86_400_000, 'day', clock)
    expect(days.expected).toHaveLength(14)
    expect(days.expected[6]).toBe(0)
    expect(days.expected[13]).toBe(0)
    // Monday of week 2 is twice Tuesday of week 1, grown by about a week's 5% less a day
    expect(days.expected[7] / days.expected[1]).toBeCloseTo(2 * 1.05 ** (6 / 7), 2)
    const sum = days.expected.reduce((a, b) => a + b, 0)
    expect(sum).toBeCloseTo(c.cumulative.at(-1)!, 6)
    expect(Math.round(sum)).toBe(total)
    // hours add up to their day (the 23-hour Sunday included)
    const hours = expectedBuckets(c, days.starts[8], days.ends[8], 'hour', clock)
    expect(hours.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(days.expected[8], 9)
  })

  it('stop at `until` (the end of the preview) and interpolate inside a breakpoint', () => {
    const { curves } = curvesOf(`${head('UTC', '2025-01-01', '2025-01-02')}    rate: 60/hour\n`)
    const c = curves[0]
    const t0 = c.times[0]
    expect(cumulativeAt(c, t0 - 1)).toBe(0)
    expect(expectedBetween(c, t0, t0 + 30 * 60_000)).toBeCloseTo(30, 9)
    const clock = zoneClock('UTC')
    const clipped = expectedBuckets(c, t0, t0 + 86_400_000, 'hour', clock, t0 + 90 * 60_000)
    expect(clipped.expected).toHaveLength(2)
    expect(clipped.expected[1]).toBeCloseTo(30, 9)
  })
})

describe('intensityPath and its tooltip line', () => {
  const buckets = { starts: [0, 10, 20], ends: [10, 20, 30], expected: [0, 5, 20], max: 20 }
  it('draws through bucket middles scaled like the bars, cut at the lane top', () => {
    expect(intensityPath(buckets, (t) => t, 100, 50, 10)).toBe('M5.0 100.0L15.0 75.0L25.0 50.0')
    expect(intensityPath(buckets, (t) => t, 100, 50, 10, true)).toBe(
      'M5.0 100.0L5.0 100.0L15.0 75.0L25.0 50.0L25.0 100.0Z',
    )
    expect(intensityPath({ ...buckets, starts: [], ends: [], expected: [] }, (t) => t, 100, 50, 10)).toBe('')
  })
  it('says expected and drawn', () => {
    expect(expectedLine(41.66, 39)).toBe('expected 41.7, drawn 39')
    expect(expectedLine(1234.4, 1200)).toBe('expected 1,234, drawn 1,200')
  })
})
