import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { strftime } from './strftime.ts'

const utc = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds
const NY = 'America/New_York'

describe('strftime', () => {
  // 2025-03-09T15:04:05.678-04:00, a Sunday, day 68 of the year
  const t = utc('2025-03-09T19:04:05.678Z')

  it.each([
    ['%Y-%m-%d %H:%M:%S', '2025-03-09 15:04:05'],
    ['%f', '678000'],
    ['%j', '068'],
    ['%a %A', 'Sun Sunday'],
    ['%b %B', 'Mar March'],
    ['%I:%M %p', '03:04 PM'],
    ['%y', '25'],
    ['%z', '-0400'],
    ['%Z', 'America/New_York'],
    ['%s', String(Math.floor(t / 1000))],
    ['100%%', '100%'],
    ['%q stays, and a trailing %', '%q stays, and a trailing %'],
    ['plain text', 'plain text'],
    ['', ''],
  ])('%s', (pattern, want) => {
    expect(strftime(t, NY, pattern)).toBe(want)
  })

  it('has the named formats iso, unix and unix_ms', () => {
    expect(strftime(t, NY, 'iso')).toBe('2025-03-09T15:04:05.678-04:00')
    expect(strftime(t, NY, 'unix')).toBe('1741547045')
    expect(strftime(t, NY, 'unix_ms')).toBe('1741547045678')
    expect(strftime(-1500, 'UTC', 'unix')).toBe('-2')
  })

  it('handles midnight and noon in 12-hour form, and other zones', () => {
    expect(strftime(utc('2025-01-01T00:00:00Z'), 'UTC', '%I %p')).toBe('12 AM')
    expect(strftime(utc('2025-01-01T12:30:00Z'), 'UTC', '%I %p')).toBe('12 PM')
    expect(strftime(utc('2025-01-01T00:00:00Z'), 'Asia/Kolkata', '%H:%M %z')).toBe('05:30 +0530')
    expect(strftime(utc('2024-12-31T00:00:00Z'), 'UTC', '%j')).toBe('366')
    expect(strftime(0, 'Africa/Monrovia', '%z')).toBe('-004430')
  })

  it('never depends on the machine zone', () => {
    expect(strftime(utc('2025-07-04T12:00:00Z'), 'Europe/London', '%d %b %Y %H:%M')).toBe('04 Jul 2025 13:00')
  })
})
