import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { Duration } from './duration.ts'
import {
  addDuration,
  calendarParts,
  canonicalTimeZone,
  epochToLocal,
  formatIso,
  isValidTimeZone,
  localToEpoch,
} from './zone.ts'

const NY = 'America/New_York'
const utc = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => ({
  year: y,
  month: mo,
  day: d,
  hour: h,
  minute: mi,
  second: s,
  millisecond: ms,
})

/** Zones with odd offsets, half-hour DST, negative DST, skipped days, sub-minute offsets. */
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Europe/Dublin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Santiago',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'Antarctica/Troll',
  'Asia/Tehran',
  'Etc/GMT+12',
  '+05:30',
]

const MIN_MS = utc('1970-01-01T00:00:00Z')
const MAX_MS = utc('2100-12-31T23:59:59.999Z')

/** Temporal's ISO string, but with the exact offset when it has seconds (Temporal rounds it to the minute). */
function temporalIso(ms: number, tz: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz)
  const s = z.toString({ smallestUnit: 'millisecond', timeZoneName: 'never', offset: 'never' })
  const ns = z.offsetNanoseconds
  if (ns % 60e9 === 0) return s + z.offset
  const a = Math.abs(ns / 1e9)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${s}${ns < 0 ? '-' : '+'}${p(Math.floor(a / 3600))}:${p(Math.floor(a / 60) % 60)}:${p(a % 60)}`
}

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true)
    expect(isValidTimeZone('UTC')).toBe(true)
    expect(isValidTimeZone('america/new_york')).toBe(true)
    expect(canonicalTimeZone('america/new_york')).toBe(NY)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone(42 as unknown as string)).toBe(false)
  })
})

describe('formatIso', () => {
  it('writes the zone offset', () => {
    expect(formatIso(utc('2025-01-01T05:00:00Z'), NY)).toBe('2025-01-01T00:00:00.000-05:00')
    expect(formatIso(utc('2025-07-01T04:00:00.123Z'), NY)).toBe('2025-07-01T00:00:00.123-04:00')
    expect(formatIso(0, 'UTC')).toBe('1970-01-01T00:00:00.000+00:00')
    expect(formatIso(0, 'Asia/Kolkata')).toBe('1970-01-01T05:30:00.000+05:30')
    expect(formatIso(utc('2025-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      '2025-01-15T11:00:00.000+11:00',
    )
    expect(formatIso(utc('2025-06-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      '2025-06-15T10:30:00.000+10:30',
    )
    expect(formatIso(-1, 'UTC')).toBe('1969-12-31T23:59:59.999+00:00')
  })

  it('writes sub-minute historical offsets exactly, and they parse back', () => {
    const s = formatIso(0, 'Africa/Monrovia')
    expect(s).toBe('1969-12-31T23:15:30.000-00:44:30')
    expect(Temporal.Instant.from(s).epochMilliseconds).toBe(0)
  })

  it('matches Temporal for random instants 1970-2100 in many zones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: MIN_MS, max: MAX_MS }), (tz, ms) => {
        expect(formatIso(ms, tz)).toBe(temporalIso(ms, tz))
      }),
      { numRuns: 3000 },
    )
  })

  it('matches Temporal on increasing sequences that cross transitions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: MIN_MS, max: MAX_MS }),
        fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 50 }),
        (tz, start, steps) => {
          let t = start
          for (const s of steps) {
            t += s
            expect(formatIso(t, tz)).toBe(temporalIso(t, tz))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is exact at both sides of a transition', () => {
    const t = utc('2025-03-09T07:00:00Z')
    expect(formatIso(t - 1, NY)).toBe('2025-03-09T01:59:59.999-05:00')
    expect(formatIso(t, NY)).toBe('2025-03-09T03:00:00.000-04:00')
    const f = utc('2025-11-02T06:00:00Z')
    expect(formatIso(f - 1, NY)).toBe('2025-11-02T01:59:59.999-04:00')
    expect(formatIso(f, NY)).toBe('2025-11-02T01:00:00.000-05:00')
  })
})

describe('localToEpoch', () => {
  it('moves a time in the spring-forward gap forward by the gap', () => {
    expect(formatIso(localToEpoch(local(2025, 3, 9, 2, 30), NY), NY)).toBe('2025-03-09T03:30:00.000-04:00')
    // Lord Howe's gap is 30 minutes: 02:00 -> 02:30
    const lh = 'Australia/Lord_Howe'
    expect(formatIso(localToEpoch(local(2025, 10, 5, 2, 15), lh), lh)).toBe('2025-10-05T02:45:00.000+11:00')
    expect(formatIso(localToEpoch(local(2025, 3, 30, 1, 30), 'Europe/London'), 'Europe/London')).toBe(
      '2025-03-30T02:30:00.000+01:00',
    )
  })

  it('takes the earlier instant of a repeated time', () => {
    expect(formatIso(localToEpoch(local(2025, 11, 2, 1, 30), NY), NY)).toBe('2025-11-02T01:30:00.000-04:00')
    const lh = 'Australia/Lord_Howe'
    expect(formatIso(localToEpoch(local(2025, 4, 6, 1, 45), lh), lh)).toBe('2025-04-06T01:45:00.000+11:00')
    expect(formatIso(localToEpoch(local(2025, 10, 26, 1, 30), 'Europe/London'), 'Europe/London')).toBe(
      '2025-10-26T01:30:00.000+01:00',
    )
  })

  it('is the inverse of epochToLocal away from transitions', () => {
    expect(localToEpoch(local(2025, 1, 1), NY)).toBe(utc('2025-01-01T05:00:00Z'))
    expect(localToEpoch(local(2025, 1, 1), 'Asia/Kolkata')).toBe(utc('2024-12-31T18:30:00Z'))
    expect(epochToLocal(utc('2025-01-01T05:00:00Z'), NY)).toEqual(local(2025, 1, 1))
  })

  it("matches Temporal's 'compatible' disambiguation, also near transitions", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: MIN_MS, max: MAX_MS }),
        fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
        (tz, ms, shift) => {
          // local times picked around instants next to a transition hit gaps and overlaps often
          const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz)
          const tr = z.getTimeZoneTransition('next') ?? z
          const p = tr.toPlainDateTime().add({ milliseconds: shift })
          const l = local(p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond)
          expect(localToEpoch(l, tz)).toBe(
            p.toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds,
          )
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('addDuration', () => {
  it('adds days on the calendar across New York DST, keeping the wall-clock time', () => {
    const t = localToEpoch(local(2025, 3, 8, 9), NY)
    expect(formatIso(addDuration(t, new Duration(1, 0), NY), NY)).toBe('2025-03-09T09:00:00.000-04:00')
    const g = localToEpoch(local(2025, 3, 8, 2, 30), NY)
    expect(formatIso(addDuration(g, new Duration(1, 0), NY), NY)).toBe('2025-03-09T03:30:00.000-04:00')
    const f = localToEpoch(local(2025, 11, 1, 1, 30), NY)
    expect(formatIso(addDuration(f, new Duration(1, 0), NY), NY)).toBe('2025-11-02T01:30:00.000-04:00')
    expect(formatIso(addDuration(f, new Duration(1, 3_600_000), NY), NY)).toBe(
      '2025-11-02T01:30:00.000-05:00',
    )
    // hours are absolute: 24 h after Mar 8 09:00 EST is Mar 9 10:00 EDT
    expect(formatIso(addDuration(t, Duration.of({ hours: 24 }), NY), NY)).toBe(
      '2025-03-09T10:00:00.000-04:00',
    )
    expect(formatIso(addDuration(t, new Duration(-1, 0), NY), NY)).toBe('2025-03-07T09:00:00.000-05:00')
  })

  it('matches Temporal ZonedDateTime.add', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: MIN_MS, max: MAX_MS }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: -86_400_000, max: 86_400_000 }),
        (tz, ms, days, extra) => {
          const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz)
          const want = z.add({ days }).add({ milliseconds: extra }).epochMilliseconds
          expect(addDuration(ms, new Duration(days, extra), tz)).toBe(want)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('calendarParts', () => {
  it('gives weekday 0 = Monday and the offset in minutes', () => {
    const p = calendarParts(utc('2025-01-06T05:00:00Z'), NY)
    expect(p).toMatchObject({
      year: 2025,
      month: 1,
      day: 6,
      hour: 0,
      weekday: 0,
      dayOfYear: 6,
      offsetMinutes: -300,
    })
    expect(calendarParts(utc('2025-06-15T00:00:00Z'), 'Australia/Lord_Howe').offsetMinutes).toBe(630)
  })

  it('matches Temporal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: MIN_MS, max: MAX_MS }), (tz, ms) => {
        const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz)
        const p = calendarParts(ms, tz)
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond]).toEqual([
          z.year,
          z.month,
          z.day,
          z.hour,
          z.minute,
          z.second,
          z.millisecond,
        ])
        expect(p.weekday).toBe(z.dayOfWeek - 1)
        expect(p.dayOfYear).toBe(z.dayOfYear)
        expect(p.offsetMinutes).toBe(z.offsetNanoseconds / 60e9)
      }),
      { numRuns: 1500 },
    )
  })
})
