import { describe, expect, it } from 'vitest'
import { type ChunkCursor, chunkColumns, storedValue } from './store-chunk.ts'

const line = (source: string, event: string, data: object, ts = '2025-01-01T00:00:00.000+00:00') =>
  JSON.stringify({ source, event, timestamp: ts, data })

describe('chunkColumns', () => {
  it('numbers events across chunks and counts occurrences per source and type', () => {
    const cursor: ChunkCursor = { seq: 0, occurrences: new Map() }
    const a = chunkColumns(
      [line('s', 'a', { x: 1 }), line('s', 'b', { x: 2 }), line('s', 'a', { x: 3 })].join('\n'),
      cursor,
      new Map(),
    )
    expect([...a.seq]).toEqual([0, 1, 2])
    expect([...a.occurrence]).toEqual([0, 0, 1])
    const b = chunkColumns(line('s', 'a', { x: 4 }), cursor, a.kinds)
    expect([...b.seq]).toEqual([3])
    expect([...b.occurrence]).toEqual([2])
  })

  it('keeps a column per path with nulls where an event lacks it, and epoch ms of the timestamp', () => {
    const c = chunkColumns(
      `${line('s', 'a', { x: 1, u: { id: 'k' } }, '2025-01-01T01:00:00.000+01:00')}\n${line('s', 'b', { y: true })}\n`,
      { seq: 0, occurrences: new Map() },
      new Map(),
    )
    expect(c.count).toBe(2)
    expect(c.fields.get('data.x')).toEqual([1, null])
    expect(c.fields.get('data.u.id')).toEqual(['k', null])
    expect(c.fields.get('data.y')).toEqual([null, true])
    expect([...c.time]).toEqual([Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z')])
    expect(c.kinds.get('data.x')).toBe('number')
    expect(c.kinds.get('data.y')).toBe('boolean')
  })

  it('widens a path that holds numbers and text to text, also against the store', () => {
    const c = chunkColumns(
      line('s', 'a', { x: 'big' }),
      { seq: 0, occurrences: new Map() },
      new Map([['data.x', 'number']]),
    )
    expect(c.kinds.get('data.x')).toBe('string')
    expect(storedValue(5, 'string')).toBe('5')
    expect(storedValue([1], 'json')).toBe('[1]')
    expect(storedValue(null, 'number')).toBeNull()
  })
})
