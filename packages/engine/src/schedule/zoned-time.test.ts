import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { Duration } from './duration.ts'
import { ZonedTime } from './zoned-time.ts'

describe('ZonedTime', () => {
  const t = new ZonedTime(Temporal.Instant.from('2025-01-01T05:00:00Z').epochMilliseconds, 'America/New_York')

  it('prints as ISO with the zone offset in JSON, templates and toISOString', () => {
    expect(t.toISOString()).toBe('2025-01-01T00:00:00.000-05:00')
    expect(JSON.stringify({ t })).toBe('{"t":"2025-01-01T00:00:00.000-05:00"}')
    expect(`${t}`).toBe('2025-01-01T00:00:00.000-05:00')
  })

  it('compares and subtracts as epoch ms', () => {
    const later = t.add(Duration.of({ hours: 1 }))
    expect(+later - +t).toBe(3_600_000)
    expect(later > t).toBe(true)
    expect(t.valueOf()).toBe(t.ms)
  })

  it('formats with strftime patterns', () => {
    expect(t.format('%Y-%m-%d %H:%M')).toBe('2025-01-01 00:00')
    expect(t.add(new Duration(1, 0)).format('%A')).toBe('Thursday')
  })
})
