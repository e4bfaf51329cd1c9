import { describe, expect, it } from 'vitest'
import { compareLocal, daysInMonth, parseLocalDate } from './dates.ts'

describe('parseLocalDate', () => {
  it('reads a date, and fills the end of the day on request', () => {
    expect(parseLocalDate('2025-01-31')).toEqual({
      year: 2025,
      month: 1,
      day: 31,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    })
    expect(parseLocalDate('2025-01-31', true)).toEqual({
      year: 2025,
      month: 1,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
      millisecond: 999,
    })
  })

  it('reads local date-times with T or a space, seconds and milliseconds optional', () => {
    expect(parseLocalDate('2025-01-01T09:30')?.hour).toBe(9)
    expect(parseLocalDate('2025-01-01 09:30:15.5')).toMatchObject({
      minute: 30,
      second: 15,
      millisecond: 500,
    })
    // A time given for end_date is kept as written.
    expect(parseLocalDate('2025-01-01T09:30', true)).toMatchObject({
      hour: 9,
      minute: 30,
      second: 0,
      millisecond: 0,
    })
  })

  it.each([
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2023-02-29',
    '2025-1-1',
    'soon',
    '',
    '2025-01-01T24:00',
    '2025-01-01T12:60',
    '2025-01-01Z',
  ])('rejects %j', (text) => expect(parseLocalDate(text)).toBeUndefined())

  it('knows leap years', () => {
    expect(parseLocalDate('2024-02-29')).toBeDefined()
    expect(parseLocalDate('2000-02-29')).toBeDefined()
    expect(parseLocalDate('1900-02-29')).toBeUndefined()
    expect([daysInMonth(2024, 2), daysInMonth(2025, 2), daysInMonth(2025, 12)]).toEqual([29, 28, 31])
  })
})

describe('compareLocal', () => {
  it('orders by every part', () => {
    const a = parseLocalDate('2025-01-01T09:00')!
    const b = parseLocalDate('2025-01-01T09:00:00.001')!
    expect(compareLocal(a, b)).toBeLessThan(0)
    expect(compareLocal(b, a)).toBeGreaterThan(0)
    expect(compareLocal(a, a)).toBe(0)
  })
})
