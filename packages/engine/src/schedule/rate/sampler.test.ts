import { describe, expect, it } from 'vitest'
import { calendarParts } from '../calendar-parts.ts'
import { localToEpoch } from '../zone.ts'
import { expectedCount } from './intensity.ts'
import { HOUR_PROFILES, normalise } from './profiles.ts'
import { programOf, rateStory, sampleAll } from './rate.test-util.ts'

// Tolerances are 5 standard deviations of a Poisson count (sd = sqrt(mean)), so a correct
// sampler fails about once in 3.5 million runs, and the seeds are fixed anyway.
const within = (n: number, mean: number) =>
  expect(Math.abs(n - mean)).toBeLessThanOrEqual(5 * Math.sqrt(mean) + 1)

describe('rate sampler', () => {
  it('draws counts within tolerance of the integral, in increasing order', () => {
    const story = rateStory(
      '    rate: 240/day\n    pattern: { hours: business, weekdays: [1, 1, 1, 1, 1, 0.3, 0.3] }\n',
    )
    const mean = expectedCount(programOf(story))
    // 2025 has one extra Wednesday (a full-weight day), so a little over 240 x 365
    expect(mean).toBeGreaterThan(240 * 365)
    expect(mean).toBeLessThan(240 * 366)
    let last = Number.NEGATIVE_INFINITY
    let ordered = true
    const n = sampleAll(story, (t) => {
      if (t < last) ordered = false
      last = t
    })
    expect(ordered).toBe(true)
    within(n, mean)
  })

  it('draws nothing where the pattern is zero, and hour and weekday histograms match it', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 1 + (h % 3) : 0))
    const weekdays = [2, 1, 1, 1, 1, 0, 0]
    const story = rateStory(
      `    rate: 50/hour\n    pattern: { hours: [${hours.join(', ')}], weekdays: [${weekdays.join(', ')}] }\n`,
      'start_date: 2025-01-06\nend_date: 2025-03-30\ntimezone: America/New_York\n',
    )
    const byHour = new Array(24).fill(0)
    const byDay = new Array(7).fill(0)
    const n = sampleAll(story, (t) => {
      const p = calendarParts(t, 'America/New_York')
      byHour[p.hour]++
      byDay[p.weekday]++
    })
    const hw = normalise(hours)
    const ww = normalise(weekdays)
    for (let h = 0; h < 24; h++) {
      if (hours[h] === 0) expect(byHour[h]).toBe(0)
      else within(byHour[h], (n * hw[h]) / 24)
    }
    for (let d = 0; d < 7; d++) {
      if (weekdays[d] === 0) expect(byDay[d]).toBe(0)
      else within(byDay[d], (n * ww[d]) / 7)
    }
  })

  it('has exponential gaps for a flat rate (coefficient of variation near 1)', () => {
    const story = rateStory('    rate: 2/minute\n', 'start_date: 2025-01-01\nend_date: 2025-01-31\n')
    const gaps: number[] = []
    let last: number | undefined
    sampleAll(story, (t) => {
      if (last !== undefined) gaps.push(t - last)
      last = t
    })
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length)
    expect(mean).toBeGreaterThan(29_000)
    expect(mean).toBeLessThan(31_000)
    expect(sd / mean).toBeGreaterThan(0.97)
    expect(sd / mean).toBeLessThan(1.03)
  })

  it('grows by the compounding rate (last month vs first) and multiplies inside bursts', () => {
    const story = rateStory(
      '    rate: 100/day\n    growth: 10%/month\n    bursts:\n      - { at: 2025-06-10T14:00, for: duration(hours=2), x: 8 }\n',
    )
    const p = programOf(story)
    const month = (m: number) => [
      localToEpoch({ year: 2025, month: m, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }, 'UTC'),
    ]
    const jan = [month(1)[0], month(2)[0]]
    const dec = [month(12)[0], p.endMs]
    const burst = [Date.UTC(2025, 5, 10, 14), Date.UTC(2025, 5, 10, 16)]
    const before = [Date.UTC(2025, 5, 10, 10), Date.UTC(2025, 5, 10, 12)]
    const counts = { jan: 0, dec: 0, burst: 0, before: 0 }
    sampleAll(story, (t) => {
      if (t >= jan[0] && t < jan[1]) counts.jan++
      if (t >= dec[0] && t < dec[1]) counts.dec++
      if (t >= burst[0] && t < burst[1]) counts.burst++
      if (t >= before[0] && t < before[1]) counts.before++
    })
    // expected Dec/Jan ratio: 1.1^(11 months apart, nearly) — the integrals say exactly
    const ratio = expectedCount(p, dec[0], dec[1]) / expectedCount(p, jan[0], jan[1])
    expect(ratio).toBeGreaterThan(2.7)
    expect(ratio).toBeLessThan(2.9)
    within(counts.jan, expectedCount(p, jan[0], jan[1]))
    within(counts.dec, expectedCount(p, dec[0], dec[1]))
    expect(expectedCount(p, burst[0], burst[1]) / expectedCount(p, before[0], before[1])).toBeCloseTo(8, 2)
    within(counts.burst, expectedCount(p, burst[0], burst[1]))
  })

  it('gives DST days in New York 23 and 25 local hours of rate', () => {
    const story = rateStory(
      '    rate: 240/day\n',
      'start_date: 2025-01-01\nend_date: 2025-12-31\ntimezone: America/New_York\n',
    )
    const p = programOf(story)
    const day = (m: number, d: number) => {
      const at = (dd: number) =>
        localToEpoch(
          { year: 2025, month: m, day: dd, hour: 0, minute: 0, second: 0, millisecond: 0 },
          'America/New_York',
        )
      return expectedCount(p, at(d), at(d + 1))
    }
    expect(day(3, 9)).toBeCloseTo(230, 6)
    expect(day(11, 2)).toBeCloseTo(250, 6)
    expect(day(6, 1)).toBeCloseTo(240, 6)
    const profile = normalise(HOUR_PROFILES.business)
    const b = rateStory(
      '    rate: 240/day\n    pattern: { hours: business }\n',
      'start_date: 2025-11-02\nend_date: 2025-11-02\ntimezone: America/New_York\n',
    )
    // 01:00-02:00 happens twice on 2025-11-02
    expect(expectedCount(programOf(b))).toBeCloseTo(240 + 10 * profile[1], 6)
  })

  it('is deterministic per seed and definition', () => {
    const story = rateStory('    rate: 30/hour\n', 'start_date: 2025-01-01\nend_date: 2025-01-03\n')
    const a: number[] = []
    const b: number[] = []
    const c: number[] = []
    sampleAll(story, (t) => a.push(t))
    sampleAll(story, (t) => b.push(t))
    sampleAll(story, (t) => c.push(t), 7)
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('streams a year at 1,000/second without keeping times (a bounded prefix)', () => {
    const story = rateStory('    rate: 1000/second\n')
    const p = programOf(story)
    expect(expectedCount(p)).toBeCloseTo(1000 * 365 * 86_400, -3)
    const s = sampleAll
    // draw the first million lazily: memory stays flat because nothing is collected
    let n = 0
    let last = 0
    const it2 = { stop: false }
    try {
      s(story, (t) => {
        last = t
        if (++n === 1_000_000) throw it2
      })
    } catch (e) {
      if (e !== it2) throw e
    }
    within(n, 1_000_000)
    within(last - p.startMs, 1_000_000)
  })
})
