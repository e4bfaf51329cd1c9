import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { Duration } from './duration.ts'
import { createOccurrenceSchedule, type OccurrenceOptions, stepApproxMs } from './occurrences.ts'
import { formatIso, localToEpoch } from './zone.ts'

const NY = 'America/New_York'
const LH = 'Australia/Lord_Howe'
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => ({
  year: y,
  month: mo,
  day: d,
  hour: h,
  minute: mi,
  second: 0,
  millisecond: 0,
})

function times(o: Partial<OccurrenceOptions> & Pick<OccurrenceOptions, 'start' | 'step'>): number[] {
  const s = createOccurrenceSchedule({ timezone: 'UTC', offsetDays: 0, repeat: 1, ...o })
  const out: number[] = []
  for (let t = s.next(); t !== undefined; t = s.next()) out.push(t)
  return out
}

function iso(o: Partial<OccurrenceOptions> & Pick<OccurrenceOptions, 'start' | 'step'>): string[] {
  const tz = o.timezone ?? 'UTC'
  return times(o).map((t) => formatIso(t, tz))
}

describe('daily and weekly keep the wall-clock time across DST', () => {
  it('New York spring forward: 02:30 does not exist on Mar 9 and moves to 03:30', () => {
    expect(iso({ start: local(2025, 3, 7, 2, 30), timezone: NY, repeat: 4, step: 'daily' })).toEqual([
      '2025-03-07T02:30:00.000-05:00',
      '2025-03-08T02:30:00.000-05:00',
      '2025-03-09T03:30:00.000-04:00',
      '2025-03-10T02:30:00.000-04:00',
    ])
  })

  it('New York fall back: 01:30 occurs twice on Nov 2 and is the earlier one', () => {
    expect(iso({ start: local(2025, 11, 1, 1, 30), timezone: NY, repeat: 3, step: 'daily' })).toEqual([
      '2025-11-01T01:30:00.000-04:00',
      '2025-11-02T01:30:00.000-04:00',
      '2025-11-03T01:30:00.000-05:00',
    ])
  })

  it('09:00 stays 09:00 through both New York transitions', () => {
    const out = iso({ start: local(2025, 3, 8, 9), timezone: NY, repeat: 250, step: 'daily' })
    expect(out.every((s) => s.slice(11, 16) === '09:00')).toBe(true)
    expect(out[0]).toBe('2025-03-08T09:00:00.000-05:00')
    expect(out[1]).toBe('2025-03-09T09:00:00.000-04:00')
    expect(out.find((s) => s.startsWith('2025-11-03'))).toBe('2025-11-03T09:00:00.000-05:00')
  })

  it('an offset inside the day is on the wall clock, also on the DST day', () => {
    const out = iso({
      start: local(2025, 3, 8),
      timezone: NY,
      repeat: 3,
      step: 'daily',
      offset: () => Duration.of({ hours: 9 }),
    })
    expect(out).toEqual([
      '2025-03-08T09:00:00.000-05:00',
      '2025-03-09T09:00:00.000-04:00',
      '2025-03-10T09:00:00.000-04:00',
    ])
  })

  it('weekly in New York across both transitions', () => {
    expect(iso({ start: local(2025, 3, 2, 2, 30), timezone: NY, repeat: 3, step: 'weekly' })).toEqual([
      '2025-03-02T02:30:00.000-05:00',
      '2025-03-09T03:30:00.000-04:00',
      '2025-03-16T02:30:00.000-04:00',
    ])
    expect(iso({ start: local(2025, 10, 26, 1, 30), timezone: NY, repeat: 3, step: 'weekly' })).toEqual([
      '2025-10-26T01:30:00.000-04:00',
      '2025-11-02T01:30:00.000-04:00',
      '2025-11-09T01:30:00.000-05:00',
    ])
  })

  it('Europe/London: 01:30 skipped on Mar 30, repeated on Oct 26', () => {
    const L = 'Europe/London'
    expect(iso({ start: local(2025, 3, 29, 1, 30), timezone: L, repeat: 3, step: 'daily' })).toEqual([
      '2025-03-29T01:30:00.000+00:00',
      '2025-03-30T02:30:00.000+01:00',
      '2025-03-31T01:30:00.000+01:00',
    ])
    expect(iso({ start: local(2025, 10, 25, 1, 30), timezone: L, repeat: 3, step: 'daily' })).toEqual([
      '2025-10-25T01:30:00.000+01:00',
      '2025-10-26T01:30:00.000+01:00',
      '2025-10-27T01:30:00.000+00:00',
    ])
  })

  it('Asia/Kolkata: no DST, days are 24 h', () => {
    const t = times({ start: local(2025, 1, 1, 9), timezone: 'Asia/Kolkata', repeat: 400, step: 'daily' })
    expect(formatIso(t[0], 'Asia/Kolkata')).toBe('2025-01-01T09:00:00.000+05:30')
    for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBe(86_400_000)
  })

  it('Australia/Lord_Howe: 30-minute DST on 2025-04-06 and 2025-10-05', () => {
    const back = times({ start: local(2025, 4, 5, 1, 45), timezone: LH, repeat: 3, step: 'daily' })
    expect(back.map((t) => formatIso(t, LH))).toEqual([
      '2025-04-05T01:45:00.000+11:00',
      '2025-04-06T01:45:00.000+11:00',
      '2025-04-07T01:45:00.000+10:30',
    ])
    expect(back[2] - back[1]).toBe(24.5 * 3_600_000)
    const fwd = times({ start: local(2025, 10, 4, 2, 15), timezone: LH, repeat: 3, step: 'daily' })
    expect(fwd.map((t) => formatIso(t, LH))).toEqual([
      '2025-10-04T02:15:00.000+10:30',
      '2025-10-05T02:45:00.000+11:00',
      '2025-10-06T02:15:00.000+11:00',
    ])
    const noon = iso({ start: local(2025, 10, 4, 12), timezone: LH, repeat: 3, step: 'daily' })
    expect(noon.map((s) => s.slice(11, 16))).toEqual(['12:00', '12:00', '12:00'])
  })
})

describe('hourly and minutely step in absolute time', () => {
  it('New York spring forward skips the 02:00 hour', () => {
    expect(iso({ start: local(2025, 3, 9), timezone: NY, repeat: 4, step: 'hourly' })).toEqual([
      '2025-03-09T00:00:00.000-05:00',
      '2025-03-09T01:00:00.000-05:00',
      '2025-03-09T03:00:00.000-04:00',
      '2025-03-09T04:00:00.000-04:00',
    ])
  })

  it('New York fall back has 01:00 twice', () => {
    expect(iso({ start: local(2025, 11, 2), timezone: NY, repeat: 4, step: 'hourly' })).toEqual([
      '2025-11-02T00:00:00.000-04:00',
      '2025-11-02T01:00:00.000-04:00',
      '2025-11-02T01:00:00.000-05:00',
      '2025-11-02T02:00:00.000-05:00',
    ])
  })

  it('Lord Howe half-hour fall back repeats 01:30-02:00', () => {
    const out = iso({
      start: local(2025, 4, 6, 1),
      timezone: LH,
      repeat: 4,
      step: Duration.of({ minutes: 30 }),
    })
    expect(out).toEqual([
      '2025-04-06T01:00:00.000+11:00',
      '2025-04-06T01:30:00.000+11:00',
      '2025-04-06T01:30:00.000+10:30',
      '2025-04-06T02:00:00.000+10:30',
    ])
  })

  it('minutely is one minute apart, and 1M occurrences are exact', () => {
    const s = createOccurrenceSchedule({
      start: local(2025, 1, 1),
      timezone: NY,
      offsetDays: 0,
      repeat: 1_000_000,
      step: 'minutely',
    })
    const first = s.next()!
    let last = first
    for (let t = s.next(); t !== undefined; t = s.next()) last = t
    expect(s.count).toBe(1_000_000)
    expect(last - first).toBe(999_999 * 60_000)
  })
})

describe('monthly', () => {
  it('clamps Jan 31 to the month end and returns to the 31st', () => {
    expect(iso({ start: local(2025, 1, 31, 10), timezone: NY, repeat: 5, step: 'monthly' })).toEqual([
      '2025-01-31T10:00:00.000-05:00',
      '2025-02-28T10:00:00.000-05:00',
      '2025-03-31T10:00:00.000-04:00',
      '2025-04-30T10:00:00.000-04:00',
      '2025-05-31T10:00:00.000-04:00',
    ])
  })

  it('uses Feb 29 in leap years and crosses year ends', () => {
    const out = iso({ start: local(2023, 12, 31), repeat: 3, step: 'monthly' })
    expect(out).toEqual([
      '2023-12-31T00:00:00.000+00:00',
      '2024-01-31T00:00:00.000+00:00',
      '2024-02-29T00:00:00.000+00:00',
    ])
  })
})

describe('offset_days, every, end, jitter', () => {
  it('offset_days counts local calendar days from the start', () => {
    expect(
      iso({ start: local(2025, 3, 8, 9), timezone: NY, offsetDays: 2, repeat: 1, step: 'daily' }),
    ).toEqual(['2025-03-10T09:00:00.000-04:00'])
  })

  it('every with days steps the calendar, the rest is absolute', () => {
    const step = Duration.of({ days: 1, hours: 12 })
    expect(iso({ start: local(2025, 3, 8, 0), timezone: NY, repeat: 3, step })).toEqual([
      '2025-03-08T00:00:00.000-05:00',
      '2025-03-09T13:00:00.000-04:00', // Mar 9 00:00 EST + 12 absolute hours (a 23-hour day)
      '2025-03-11T00:00:00.000-04:00',
    ])
    expect(iso({ start: local(2025, 1, 1), repeat: 3, step: Duration.of({ minutes: 90 }) })).toEqual([
      '2025-01-01T00:00:00.000+00:00',
      '2025-01-01T01:30:00.000+00:00',
      '2025-01-01T03:00:00.000+00:00',
    ])
  })

  it('end is inclusive, and a huge repeat with an end stops there', () => {
    const end = localToEpoch(local(2025, 1, 3), NY)
    expect(times({ start: local(2025, 1, 1), timezone: NY, repeat: 10, step: 'daily', end })).toHaveLength(3)
    expect(
      times({ start: local(2025, 1, 1), timezone: NY, repeat: 10, step: 'daily', end: end - 1 }),
    ).toHaveLength(2)
    expect(
      times({ start: local(2025, 1, 1), timezone: NY, repeat: 1e15, step: 'minutely', end }),
    ).toHaveLength(2 * 1440 + 1)
  })

  it('end drops an occurrence that jitter or offset pushes past it', () => {
    const end = localToEpoch(local(2025, 1, 3), 'UTC')
    const j = times({
      start: local(2025, 1, 1),
      repeat: 10,
      step: 'daily',
      end,
      jitter: (k) => (k === 2 ? 1 : 0),
    })
    expect(j).toHaveLength(2)
  })

  it('adds jitter after the offset, calling the functions with the occurrence number', () => {
    const seen: number[] = []
    const out = times({
      start: local(2025, 1, 1),
      repeat: 3,
      step: 'hourly',
      offset: (k) => (k === 1 ? Duration.of({ minutes: 10 }) : undefined),
      jitter: (k) => {
        seen.push(k)
        return k * 1000
      },
    })
    const base = localToEpoch(local(2025, 1, 1), 'UTC')
    expect(out).toEqual([base, base + 3_600_000 + 600_000 + 1000, base + 7_200_000 + 2000])
    expect(seen).toEqual([0, 1, 2])
  })

  it('never goes back in time: an earlier occurrence is held at the previous time and counted', () => {
    const s = createOccurrenceSchedule({
      start: local(2025, 1, 1),
      timezone: 'UTC',
      offsetDays: 0,
      repeat: 3,
      step: 'hourly',
      jitter: (k) => (k === 0 ? 5_000_000 : 0),
    })
    const a = s.next()!
    const b = s.next()!
    const c = s.next()!
    expect(b).toBe(a)
    expect(c).toBeGreaterThan(b)
    expect(s.clamped).toBe(1)
    expect(s.next()).toBeUndefined()
  })

  it('repeat 0 gives nothing; stepApproxMs gives nominal lengths', () => {
    expect(times({ start: local(2025, 1, 1), repeat: 0, step: 'daily' })).toEqual([])
    expect(stepApproxMs('minutely')).toBe(60_000)
    expect(stepApproxMs('hourly')).toBe(3_600_000)
    expect(stepApproxMs('daily')).toBe(86_400_000)
    expect(stepApproxMs('weekly')).toBe(7 * 86_400_000)
    expect(stepApproxMs('monthly')).toBe(28 * 86_400_000)
    expect(stepApproxMs(Duration.of({ days: 1, hours: 1 }))).toBe(90_000_000)
  })

  it('stops, flagged, when times run past the representable range', () => {
    const s = createOccurrenceSchedule({
      start: local(275_000, 1, 1),
      timezone: 'UTC',
      offsetDays: 0,
      repeat: 1e9,
      step: 'monthly',
    })
    let n = 0
    while (s.next() !== undefined) n++
    expect(n).toBeGreaterThan(0)
    expect(s.outOfRange).toBe(true)
  })
})

describe('against Temporal', () => {
  const zones = [
    NY,
    'Europe/London',
    'Asia/Kolkata',
    LH,
    'Pacific/Chatham',
    'America/Santiago',
    'Pacific/Apia',
  ]
  const arb = fc.record({
    tz: fc.constantFrom(...zones),
    year: fc.integer({ min: 1970, max: 2090 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    minuteOfDay: fc.integer({ min: 0, max: 1439 }),
    step: fc.constantFrom('daily', 'weekly', 'monthly', 'hourly') as fc.Arbitrary<
      'daily' | 'weekly' | 'monthly' | 'hourly'
    >,
  })

  it('daily/weekly/monthly/hourly match Temporal arithmetic', () => {
    fc.assert(
      fc.property(arb, ({ tz, year, month, day, minuteOfDay, step }) => {
        const d = Math.min(day, Temporal.PlainYearMonth.from({ year, month }).daysInMonth)
        const start = local(year, month, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60)
        const got = times({ start, timezone: tz, repeat: 40, step })
        const pdt = Temporal.PlainDateTime.from(start)
        const first = pdt.toZonedDateTime(tz, { disambiguation: 'compatible' })
        const want = Array.from({ length: 40 }, (_, k) => {
          if (step === 'hourly') return first.add({ hours: k }).epochMilliseconds
          const unit = step === 'daily' ? { days: k } : step === 'weekly' ? { weeks: k } : { months: k }
          return pdt.add(unit).toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds
        })
        // A day the zone skipped (Pacific/Apia 2011-12-30) lands on the next day's instant: no occurrence.
        expect(got).toEqual(want.filter((t, i) => i === 0 || t > want[i - 1]))
      }),
      { numRuns: 300 },
    )
  })
})

describe('start as an instant (after children)', () => {
  it('keeps the exact instant of occurrence 0, also in the repeated hour, then steps on the calendar', () => {
    const second0130 = Temporal.Instant.from('2025-11-02T06:30:00Z').epochMilliseconds // 01:30 EST
    expect(iso({ start: second0130, timezone: NY, repeat: 2, step: 'daily' })).toEqual([
      '2025-11-02T01:30:00.000-05:00',
      '2025-11-03T01:30:00.000-05:00',
    ])
    expect(iso({ start: second0130, timezone: NY, repeat: 2, step: 'hourly' })).toEqual([
      '2025-11-02T01:30:00.000-05:00',
      '2025-11-02T02:30:00.000-05:00',
    ])
    expect(iso({ start: second0130, timezone: NY, offsetDays: 1, repeat: 1, step: 'daily' })).toEqual([
      '2025-11-03T01:30:00.000-05:00',
    ])
  })
})

describe('days a zone skipped, and times that are not numbers', () => {
  const apia = (hour: number, step: 'daily' | 'weekly' = 'daily') =>
    times({ start: local(2011, 12, 27, hour), timezone: 'Pacific/Apia', repeat: 6, step })

  it('Pacific/Apia skipped 2011-12-30: daily across it stays strictly increasing (that day has no occurrence)', () => {
    for (const hour of [0, 9, 23]) {
      const got = apia(hour)
      for (let i = 1; i < got.length; i++) expect(got[i], `${hour}h #${i}`).toBeGreaterThan(got[i - 1])
      const days = got.map((t) => formatIso(t, 'Pacific/Apia').slice(0, 10))
      expect(days).toEqual(['2011-12-27', '2011-12-28', '2011-12-29', '2011-12-31', '2012-01-01'])
    }
  })

  it('a NaN or infinite offset or jitter skips that occurrence and counts it; the others keep their numbers', () => {
    const s = createOccurrenceSchedule({
      start: local(2025, 1, 1),
      timezone: NY,
      offsetDays: 0,
      repeat: 5,
      step: 'daily',
      offset: (k) =>
        k === 1 ? new Duration(Number.NaN, 0) : k === 3 ? new Duration(0, Infinity) : undefined,
    })
    const got: number[] = []
    const ks: number[] = []
    for (let t = s.next(); t !== undefined; t = s.next()) {
      got.push(t)
      ks.push(s.lastIndex)
    }
    expect(ks).toEqual([0, 2, 4])
    expect(s.notFinite).toBe(2)
    expect(s.outOfRange).toBe(false)
    const j = createOccurrenceSchedule({
      start: local(2025, 1, 1),
      timezone: 'UTC',
      offsetDays: 0,
      repeat: 3,
      step: 'hourly',
      jitter: (k) => (k === 0 ? Number.NaN : 0),
    })
    expect([j.next(), j.next(), j.next()].map((t) => t !== undefined)).toEqual([true, true, false])
    expect(j.notFinite).toBe(1)
  })

  it('an offset of 1e15 days ends the schedule as out of range, without throwing', () => {
    const s = createOccurrenceSchedule({
      start: local(2025, 1, 1),
      timezone: NY,
      offsetDays: 0,
      repeat: 3,
      step: 'daily',
      offset: () => Duration.of({ days: 1e15 }),
    })
    expect(s.next()).toBeUndefined()
    expect(s.outOfRange).toBe(true)
  })
})

describe('against Temporal, across the Apia skip', () => {
  it('daily and weekly from December 2011 match Temporal minus the skipped day', () => {
    for (const step of ['daily', 'weekly'] as const) {
      const start = local(2011, 12, 20, 9)
      const got = times({ start, timezone: 'Pacific/Apia', repeat: 20, step })
      const pdt = Temporal.PlainDateTime.from(start)
      const want = Array.from(
        { length: 20 },
        (_, k) =>
          pdt
            .add(step === 'daily' ? { days: k } : { weeks: k })
            .toZonedDateTime('Pacific/Apia', { disambiguation: 'compatible' }).epochMilliseconds,
      )
      expect(got).toEqual(want.filter((t, i) => i === 0 || t > want[i - 1]))
    }
  })
})
