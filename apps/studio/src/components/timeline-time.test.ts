import { describe, expect, it } from 'vitest'
import {
  binStartLocal,
  chooseBinUnit,
  formatBin,
  formatLocal,
  formatSpan,
  timeTicks,
  zoneClock,
} from './timeline-time.ts'

const utc = (s: string) => Date.parse(`${s}Z`)

describe('zoneClock', () => {
  it('knows the offset on both sides of a DST change (New York, March 2025)', () => {
    const ny = zoneClock('America/New_York')
    expect(ny.offset(utc('2025-03-09T06:00:00'))).toBe(-5 * 3_600_000)
    expect(ny.offset(utc('2025-03-09T07:00:00'))).toBe(-4 * 3_600_000)
    expect(formatLocal(ny.toLocal(utc('2025-01-01T05:00:00')))).toBe('2025-01-01 00:00:00')
  })

  it('gives the offset Intl gives, every 15 minutes across a year of transitions', () => {
    // The clock skips measuring on days whose offset does not change: check it against Intl directly.
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Europe/London', 'Asia/Kolkata']) {
      const clock = zoneClock(zone)
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })
      const reference = (ms: number) => {
        const p: Record<string, number> = {}
        for (const x of parts.formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value)
        return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - ms
      }
      for (let t = utc('2025-01-01T00:00:00'); t < utc('2026-01-01T00:00:00'); t += 15 * 60_000) {
        if (clock.offset(t) !== reference(t))
          expect(`${zone} ${new Date(t).toISOString()}`).toBe(reference(t))
      }
    }
  })

  it('maps local times back to instants: skipped times move forward, repeated ones take the earlier', () => {
    const ny = zoneClock('America/New_York')
    expect(ny.fromLocal(utc('2025-01-01T00:00:00'))).toBe(utc('2025-01-01T05:00:00'))
    // 02:30 does not exist on 2025-03-09: 03:30 EDT = 07:30Z
    expect(ny.fromLocal(utc('2025-03-09T02:30:00'))).toBe(utc('2025-03-09T07:30:00'))
    // 01:30 happens twice on 2025-11-02: the first is EDT = 05:30Z
    expect(ny.fromLocal(utc('2025-11-02T01:30:00'))).toBe(utc('2025-11-02T05:30:00'))
    expect(ny.fromLocal(utc('2025-07-04T12:00:00'))).toBe(utc('2025-07-04T16:00:00'))
  })

  it('knows Africa/Monrovia to the second: -0:44:30 until 1972-01-07 00:44:30 UTC, then 0:00 (engine zones)', () => {
    const monrovia = zoneClock('Africa/Monrovia')
    const lmt = -(44 * 60 + 30) * 1000
    expect(monrovia.offset(utc('1971-06-01T00:00:00'))).toBe(lmt)
    expect(monrovia.offset(utc('1972-01-07T00:44:29'))).toBe(lmt)
    expect(monrovia.offset(utc('1972-01-07T00:44:30'))).toBe(0)
    expect(monrovia.offset(utc('1972-06-01T00:00:00'))).toBe(0)
    // Local midnight of 1972-01-07 (the last one at -0:44:30) is 00:44:30 UTC.
    expect(monrovia.fromLocal(utc('1972-01-07T00:00:00'))).toBe(utc('1972-01-07T00:44:30'))
    expect(formatLocal(monrovia.toLocal(utc('1972-01-07T00:44:29')))).toBe('1972-01-06 23:59:59')
  })

  it('handles half-hour zones and falls back to UTC for an unknown zone', () => {
    expect(zoneClock('Asia/Kolkata').offset(0)).toBe(5.5 * 3_600_000)
    expect(zoneClock('Not/AZone').offset(123456)).toBe(0)
  })
})

describe('bins', () => {
  it('chooses minute, hour, day or week bins from the zoom', () => {
    expect(chooseBinUnit(1000)).toBe('minute') // 60 px per minute
    expect(chooseBinUnit(60_000)).toBe('hour') // 1 px per minute
    expect(chooseBinUnit(3_600_000)).toBe('day')
    expect(chooseBinUnit(86_400_000)).toBe('week')
    expect(chooseBinUnit(7 * 86_400_000)).toBe('week')
  })

  it('aligns bins to local boundaries, weeks on Mondays', () => {
    const t = utc('2025-01-08T13:47:12') // a Wednesday
    expect(formatLocal(binStartLocal(t, 'minute'))).toBe('2025-01-08 13:47:00')
    expect(formatLocal(binStartLocal(t, 'hour'))).toBe('2025-01-08 13:00:00')
    expect(formatLocal(binStartLocal(t, 'day'))).toBe('2025-01-08 00:00:00')
    expect(formatLocal(binStartLocal(t, 'week'))).toBe('2025-01-06 00:00:00')
    expect(formatBin(utc('2025-01-08T13:00:00'), 'hour')).toBe('Jan 8, 2025 13:00–14:00')
    expect(formatBin(utc('2025-01-06T00:00:00'), 'week')).toBe('week of Jan 6, 2025')
  })
})

describe('timeTicks', () => {
  it('puts day ticks on local midnights of the story zone, naming the year once', () => {
    const ny = zoneClock('America/New_York')
    const ticks = timeTicks(utc('2025-01-01T05:00:00'), utc('2025-01-08T05:00:00'), ny, 8)
    expect(ticks.map((t) => t.label)).toEqual([
      'Jan 1, 2025',
      'Jan 2',
      'Jan 3',
      'Jan 4',
      'Jan 5',
      'Jan 6',
      'Jan 7',
      'Jan 8',
    ])
    expect(ticks[1].ms).toBe(utc('2025-01-02T05:00:00'))
  })

  it('shows hours inside a day and names the day at midnight', () => {
    const clock = zoneClock('UTC')
    const ticks = timeTicks(utc('2025-01-01T18:00:00'), utc('2025-01-02T06:00:00'), clock, 5)
    expect(ticks.map((t) => t.label)).toEqual(['Jan 1, 2025 18:00', '21:00', 'Jan 2', '03:00', '06:00'])
  })

  it('uses months for long ranges and never exceeds twice the wanted count', () => {
    const clock = zoneClock('Europe/London')
    const ticks = timeTicks(utc('2025-01-01T00:00:00'), utc('2025-12-31T00:00:00'), clock, 6)
    expect(ticks.map((t) => t.label)).toEqual(['Jan 2025', 'Mar', 'May', 'Jul', 'Sep', 'Nov'])
    expect(ticks[3].ms).toBe(utc('2025-06-30T23:00:00')) // July 1st, BST
    expect(timeTicks(0, 10 * 365 * 86_400_000, clock, 4).length).toBeLessThanOrEqual(8)
    expect(timeTicks(5, 5, clock, 4)).toEqual([])
  })
})

describe('formatSpan', () => {
  it('says how long a range is without rounding up to "60 min" or "24 h"', () => {
    expect(formatSpan(45_000)).toBe('45 s')
    expect(formatSpan(59 * 60_000 + 59_000)).toBe('1 h')
    expect(formatSpan(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min')
    expect(formatSpan(90 * 86_400_000 + 23 * 3_600_000 + 59 * 60_000)).toBe('91 days')
    expect(formatSpan(86_400_000 + 3_600_000)).toBe('1 day 1 h')
  })
})
