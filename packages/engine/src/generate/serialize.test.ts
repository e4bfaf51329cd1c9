import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../runtime/records.ts'
import { serializeChunks, serializeNdjson } from './serialize.ts'

/** The serializer's contract, written the plain way: its fast paths must give exactly these bytes. */
function reference(e: StoryEvent): string {
  return (
    '{"id":"' +
    e.id +
    '","org_id":' +
    JSON.stringify(e.org_id) +
    ',"source":' +
    JSON.stringify(e.source) +
    ',"event":' +
    JSON.stringify(e.event) +
    ',"timestamp":"' +
    e.timestamp +
    '","data":' +
    JSON.stringify(e.data) +
    '}'
  )
}

const event = (data: unknown, over: Partial<Record<keyof StoryEvent, unknown>> = {}): StoryEvent =>
  ({
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    org_id: 'acme',
    source: 'web',
    event: 'page.view',
    timestamp: '2025-01-01T00:00:00.000Z',
    data,
    ...over,
  }) as StoryEvent

// Keys and values that take every branch: escapes, lone and paired surrogates, numbers JSON
// writes differently from text, nesting, values JSON leaves out.
const keyArb = fc.oneof(
  fc.constantFrom('a', 'user_id', '__proto__', '0', '10', '"q"', 'back\\slash', 'tab\t', '\ud800', 'toJSON'),
  fc.string({ maxLength: 6 }),
)
const leafArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '\n', '\u001f', '\u007f', 'é', '😀', '\udc00x', 'a\ud83d'),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, -1.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
)
const valueArb = fc.oneof(
  { weight: 4, arbitrary: leafArb },
  { weight: 1, arbitrary: fc.array(leafArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(keyArb, leafArb, { maxKeys: 3 }) },
)
const dataArb = fc.array(fc.tuple(keyArb, valueArb), { maxLength: 6 }).map((entries) => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
})

describe('serializeNdjson', () => {
  it('writes the envelope in SPEC order with data as JSON.stringify writes it', () => {
    const e = event({ user_id: 'u1', plan: 'pro', amount: 99, ok: true, none: null })
    expect(serializeNdjson(e)).toBe(
      '{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","org_id":"acme","source":"web","event":"page.view","timestamp":"2025-01-01T00:00:00.000Z","data":{"user_id":"u1","plan":"pro","amount":99,"ok":true,"none":null}}',
    )
    expect(JSON.parse(serializeNdjson(e))).toEqual(e)
  })

  it('gives exactly the plain formula for any data (fast-check)', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const e = event(data)
        expect(serializeNdjson(e)).toBe(reference(e))
      }),
      { numRuns: 2000 },
    )
  })

  it('falls back to JSON.stringify for what the fast path does not cover', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const cases: unknown[] = [
      {},
      Object.create(null),
      [1, 'a'],
      { when: new Date(0) },
      { p: new Point(1, 2) },
      { toJSON: () => ({ replaced: true }) },
      { toJSON: 'not a function' },
      { nested: { toJSON: () => 'nested' } },
      { skip: undefined, fn: () => 1, keep: 1 },
      { big: [1, [2, [3, { deep: 'x"y' }]]] },
      new Point(3, 4),
      'text',
      42,
      null,
      undefined,
    ]
    for (const data of cases) {
      const e = event(data)
      expect(serializeNdjson(e)).toBe(reference(e))
    }
  })

  it('writes odd envelopes as the plain formula does (other types, undefined, escapes in org/source/event)', () => {
    const odd: Partial<Record<keyof StoryEvent, unknown>>[] = [
      { org_id: undefined, source: undefined, event: undefined },
      { org_id: 'a"b', source: 'tab\t', event: '\ud800' },
      { org_id: 5, source: null, event: { x: 1 } },
      { id: 7, timestamp: undefined },
    ]
    for (const over of odd) {
      const e = event({ a: 1 }, over)
      // Twice: the second call takes the cached envelope middle.
      expect(serializeNdjson(e)).toBe(reference(e))
      expect(serializeNdjson(e)).toBe(reference(e))
    }
  })

  it('keeps data shapes apart: same keys in another order, more shapes than the cache holds', () => {
    const datas = [
      { a: 1, b: 'x' },
      { b: 'x', a: 1 },
      ...Array.from({ length: 20 }, (_, i) => ({ [`k${i}`]: i, s: `v${i}` })),
      { a: 'x', b: 1 },
      { a: 1, b: 'x' },
    ]
    for (let round = 0; round < 2; round++)
      for (const d of datas) {
        const e = event(d)
        expect(serializeNdjson(e)).toBe(reference(e))
      }
  })

  it('sees a toJSON inherited from Object.prototype, as JSON.stringify does', () => {
    const e = event({ a: 1, s: 'x' })
    const before = serializeNdjson(e)
    Object.defineProperty(Object.prototype, 'toJSON', {
      value: () => 'polluted',
      configurable: true,
      writable: true,
    })
    try {
      expect(serializeNdjson(e)).toBe(reference(e))
      expect(serializeNdjson(e)).toContain('"data":"polluted"')
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON
    }
    expect(serializeNdjson(e)).toBe(before)
  })

  it('throws as JSON.stringify does (BigInt)', () => {
    expect(() => serializeNdjson(event({ n: 1n }))).toThrow(TypeError)
  })
})

describe('serializeChunks', () => {
  const events = Array.from({ length: 500 }, (_, i) =>
    event(
      i % 3 === 0 ? { i, name: `n${i}` } : i % 3 === 1 ? { nested: { i }, q: 'a"b' } : { skip: undefined },
      { source: i % 2 ? 'web' : 'app' },
    ),
  )

  it('ndjson: the lines, newline-terminated, in chunks that are each at least the chunk size but the last', () => {
    const chunks = [...serializeChunks(events, 'ndjson', 1000)]
    expect(chunks.join('')).toBe(events.map((e) => `${reference(e)}\n`).join(''))
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(1000)
    expect(chunks.length).toBeGreaterThan(10)
  })

  it('json: one array, whatever the chunking', () => {
    const text = [...serializeChunks(events, 'json', 777)].join('')
    expect(text).toBe(`[\n${events.map(reference).join(',\n')}\n]\n`)
    expect(JSON.parse(text)).toHaveLength(events.length)
    expect([...serializeChunks([], 'json')].join('')).toBe('[]\n')
    expect([...serializeChunks([], 'ndjson')]).toEqual([])
  })
})
