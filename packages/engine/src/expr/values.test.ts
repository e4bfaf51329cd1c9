import { describe, expect, it } from 'vitest'
import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import { checkContainer, fromForeign, measure, parseIsoTime, toOutputValue } from './values.ts'

const SPAN = { start: 0, end: 0 }
const T = new ZonedTime(Date.UTC(2025, 0, 1, 14), 'America/New_York')

/** A list or map as the engine builds one: measured (which records whether it holds a time). */
function built<V extends object>(v: V): V {
  checkContainer(v, Array.isArray(v) ? v : Object.values(v), SPAN)
  return v
}

describe('toOutputValue', () => {
  it('times and durations become their ISO strings', () => {
    expect(toOutputValue(T)).toBe('2025-01-01T09:00:00.000-05:00')
    expect(toOutputValue(Duration.of({ hours: 1, minutes: 30 }))).toBe('PT1H30M')
  })

  it('passes plain values through without copying', () => {
    for (const v of [null, 1, 'x', true]) expect(toOutputValue(v)).toBe(v)
    const plain = { a: [1, { b: 'c' }] }
    expect(toOutputValue(plain)).toBe(plain)
    const measured = built([1, built({ b: 'c' })])
    expect(toOutputValue(measured)).toBe(measured)
  })

  it('copies engine-built containers that hold a time, converting at any depth; the original is untouched', () => {
    const inner = built([T])
    const map = built({ at: T, list: inner, n: 1 })
    const outer = built([map, 'x'])
    const out = toOutputValue(outer)
    expect(out).toEqual([
      { at: '2025-01-01T09:00:00.000-05:00', list: ['2025-01-01T09:00:00.000-05:00'], n: 1 },
      'x',
    ])
    expect(map.at).toBe(T)
    expect(inner[0]).toBe(T)
    // The copy is plain: converting it again is free.
    expect(toOutputValue(out)).toBe(out)
    expect(measure(out).depth).toBe(measure(outer).depth)
  })

  it('keeps a `__proto__` key as own data', () => {
    const m: Record<string, unknown> = {}
    Object.defineProperty(m, '__proto__', { value: T, enumerable: true, writable: true, configurable: true })
    const out = toOutputValue(built(m)) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(JSON.stringify(out)).toBe('{"__proto__":"2025-01-01T09:00:00.000-05:00"}')
  })
})

describe('parseIsoTime', () => {
  it('reads ISO 8601 timestamps with an offset, in the given zone', () => {
    const t = parseIsoTime('2025-01-01T09:00:00.000-05:00', 'UTC')
    expect(t).toBeInstanceOf(ZonedTime)
    expect(t?.ms).toBe(T.ms)
    expect(t?.tz).toBe('UTC')
    expect(parseIsoTime('2025-01-01T14:00Z', 'UTC')?.ms).toBe(T.ms)
    expect(parseIsoTime('2025-01-01T14:00:00.123456+00:00', 'UTC')?.ms).toBe(T.ms + 123)
  })

  it('rejects anything else: ambiguous local times, dates, numbers, text', () => {
    for (const s of [
      '1',
      '2025',
      '2025-01-01',
      '2025-01-01T14:00:00',
      'soon',
      '2025-13-45T99:00Z',
      ' 2025-01-01T14:00Z',
    ])
      expect(parseIsoTime(s, 'UTC'), s).toBeUndefined()
  })
})

describe('fromForeign', () => {
  it('turns Dates into times, also inside lists, and marks such lists for output', () => {
    const d = new Date(T.ms)
    expect(fromForeign(d, 'UTC')).toEqual(new ZonedTime(T.ms, 'UTC'))
    const list = fromForeign([d, 1], 'UTC') as unknown[]
    expect(list[0]).toBeInstanceOf(ZonedTime)
    expect(toOutputValue(list)).toEqual(['2025-01-01T14:00:00.000+00:00', 1])
    expect(fromForeign(10n, 'UTC')).toBe('10')
    expect(fromForeign(undefined, 'UTC')).toBeNull()
    const strings = ['a', 'b']
    expect(fromForeign(strings, 'UTC')).toBe(strings)
  })
})
