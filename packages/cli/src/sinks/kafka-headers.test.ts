import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../engine.ts'
import { compileHeaders } from './kafka-headers.ts'

const event = (id: string, source: string, type: string): StoryEvent => ({
  id,
  org_id: 'org_1',
  source,
  event: type,
  timestamp: '2026-01-01T00:00:00.000Z',
  data: {},
})

describe('compileHeaders', () => {
  it('gives no headers for headers=none', () => {
    expect(compileHeaders([])(event('a', 's', 'e'))).toBeUndefined()
  })

  it('gives the fields as Buffers, in order, and shares one object per (source, event)', () => {
    const headers = compileHeaders(['source', 'event'])
    const a = headers(event('1', 'shop', 'order.paid'))
    expect(Object.keys(a ?? {})).toEqual(['source', 'event'])
    expect(a?.source).toEqual(Buffer.from('shop'))
    expect(a?.event).toEqual(Buffer.from('order.paid'))
    expect(headers(event('2', 'shop', 'order.paid'))).toBe(a)
    const b = headers(event('3', 'shop', 'user.signup'))
    expect(b).not.toBe(a)
    expect(b?.event).toEqual(Buffer.from('user.signup'))
    // 'ab' + 'c' and 'a' + 'bc' are different pairs, not one joined key.
    expect(headers(event('4', 'ab', 'c'))?.source).toEqual(Buffer.from('ab'))
    expect(headers(event('5', 'a', 'bc'))?.source).toEqual(Buffer.from('a'))
  })

  it('builds per message for fields with many values (id, timestamp)', () => {
    const headers = compileHeaders(['id', 'source'])
    const a = headers(event('1', 'shop', 'x'))
    const b = headers(event('2', 'shop', 'x'))
    expect(a).not.toBe(b)
    expect(b).toEqual({ id: Buffer.from('2'), source: Buffer.from('shop') })
  })

  it('stops caching after 10,000 distinct pairs and still gives the right headers', () => {
    const headers = compileHeaders(['event'])
    for (let i = 0; i < 10_000; i++) headers(event('x', 's', `e${i}`))
    const late = headers(event('y', 's', 'late'))
    expect(late?.event).toEqual(Buffer.from('late'))
    expect(headers(event('z', 's', 'late'))).not.toBe(late)
    expect(headers(event('w', 's', 'e5'))).toBe(headers(event('v', 's', 'e5')))
  })
})
