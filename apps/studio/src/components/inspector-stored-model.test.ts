import type { OutlineEvent } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import {
  definitionsOf,
  deliveriesSql,
  deliveryOf,
  expressionAsWritten,
  storedEvent,
} from './inspector-stored-model.ts'

const line =
  '{"id":"evt_9","org_id":"org_1","source":"stripe","event":"charge","timestamp":"2026-01-01T00:00:00.000Z","data":{"amount":12,"card":{"brand":"visa"}}}'

function def(over: Partial<OutlineEvent>): OutlineEvent {
  return {
    id: 'x',
    source: 's',
    event: 'e',
    file: 'story.yaml',
    span: { start: 0, end: 0 },
    fieldSpans: {},
    ...over,
  } as OutlineEvent
}

describe('storedEvent', () => {
  it('reads the envelope and nested data of a line as delivered', () => {
    const e = storedEvent(line)
    expect(e?.id).toBe('evt_9')
    expect(e?.data).toEqual({ amount: 12, card: { brand: 'visa' } })
  })
  it('is null for a corrupt line or something that is not an event', () => {
    expect(storedEvent('{"id":"evt_9","sour')).toBeNull()
    expect(storedEvent('[1,2]')).toBeNull()
    expect(storedEvent('{"id":"a"}')).toBeNull()
  })
  it('gives data as an object even when the line has none', () => {
    expect(storedEvent('{"source":"a","event":"b"}')?.data).toEqual({})
  })
})

describe('definitionsOf', () => {
  it('lists every definition with that source and type', () => {
    const events = [def({ id: 'a' }), def({ id: 'b', event: 'f' }), def({ id: 'c' })]
    expect(definitionsOf(events, 's', 'e')).toEqual([0, 2])
    expect(definitionsOf(events, 's', 'f')).toEqual([1])
    expect(definitionsOf(events, 'zz', 'e')).toEqual([])
  })
})

describe('expressionAsWritten', () => {
  const text = 'events:\n  - data:\n      amount: "{{ int(1, 100) }}"\n'
  const start = text.indexOf('"{{')
  const d = def({
    fieldSpans: { amount: { start, end: text.indexOf('\n', start) } } as OutlineEvent['fieldSpans'],
  })
  it('slices the field value from the story text', () => {
    expect(expressionAsWritten(text, d, 'amount', 'story.yaml')).toBe('"{{ int(1, 100) }}"')
  })
  it('says nothing for an unknown field, an included file or no text', () => {
    expect(expressionAsWritten(text, d, 'toString', 'story.yaml')).toBeUndefined()
    expect(expressionAsWritten(text, d, 'amount', 'other.yaml')).toBeUndefined()
    expect(expressionAsWritten(null, d, 'amount', 'story.yaml')).toBeUndefined()
  })
})

describe('deliveries', () => {
  it('quotes the id in the SQL', () => {
    expect(deliveriesSql("it's")).toBe(
      `SELECT seq FROM events_flat WHERE "id" = 'it''s' ORDER BY seq LIMIT 20`,
    )
  })
  it('numbers a delivery among its duplicates, and says nothing of a single one', () => {
    expect(deliveryOf([4, 90], 90)).toEqual({ nth: 2, count: 2 })
    expect(deliveryOf([4], 4)).toBeNull()
    expect(deliveryOf([4, 90], 7)).toBeNull()
  })
})
