import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../runtime/records.ts'
import { loadStory } from '../story/load-story.ts'
import type { Story } from '../story/types.ts'
import {
  csvCell,
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  serializeCsvChunks,
  serializeCsvRow,
} from './serialize-csv.ts'

function load(text: string): Story {
  const r = loadStory(text)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return r.story!
}

const STORY = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: page.view
    data:
      url: /home
      user: { id: uuid4(), geo: { country: DE, city: Berlin } }
      tags: [a, b]
      empty: {}
  - source: web
    event: click
    data:
      url: /buy
      target: button
      user: { id: uuid4() }
  - id: landing
    source: web
    event: page.view
    data:
      referrer: faker.internet.url()
`

function event(data: Record<string, unknown>, extra: Partial<StoryEvent> = {}): StoryEvent {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    org_id: 'acme',
    source: 'web',
    event: 'page.view',
    timestamp: '2025-01-01T00:00:00.000Z',
    data,
    ...extra,
  }
}

describe('csvColumns', () => {
  it('is the envelope, then the union of data dot paths in definition order', () => {
    expect(csvColumns(load(STORY))).toEqual([
      'id',
      'org_id',
      'source',
      'event',
      'timestamp',
      'data.url',
      'data.user.id',
      'data.user.geo.country',
      'data.user.geo.city',
      'data.tags',
      'data.empty',
      'data.target',
      'data.referrer',
    ])
  })

  it('gives each event type the columns of its own definitions only', () => {
    const byType = csvColumnsByEvent(load(STORY))
    expect([...byType.keys()]).toEqual(['page.view', 'click'])
    expect(byType.get('click')).toEqual([
      'id',
      'org_id',
      'source',
      'event',
      'timestamp',
      'data.url',
      'data.target',
      'data.user.id',
    ])
    expect(byType.get('page.view')).toContain('data.referrer')
    expect(byType.get('page.view')).not.toContain('data.target')
  })
})

describe('csvCell (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' spaced ', ' spaced '],
  ])('%j -> %j', (input, out) => {
    expect(csvCell(input)).toBe(out)
  })
})

describe('serializeCsvRow', () => {
  const columns = csvColumns(load(STORY))

  it('flattens nested maps, writes lists and objects as JSON, and leaves missing cells empty', () => {
    const row = serializeCsvRow(
      event({
        url: '/home',
        user: { id: 'u1', geo: { country: 'DE', city: 'Köln, NRW' } },
        tags: ['a', 'b'],
        empty: {},
      }),
      columns,
    )
    expect(row).toBe(
      '00000000-0000-4000-8000-000000000000,acme,web,page.view,2025-01-01T00:00:00.000Z,/home,u1,DE,"Köln, NRW","[""a"",""b""]",{},,\r\n',
    )
  })

  it('writes numbers, booleans and null as in JSON, null as empty', () => {
    const cols = ['id', 'data.n', 'data.f', 'data.b', 'data.z', 'data.big']
    expect(serializeCsvRow(event({ n: 42, f: 0.5, b: false, z: null, big: 1e21 }), cols)).toBe(
      '00000000-0000-4000-8000-000000000000,42,0.5,false,,1e+21\r\n',
    )
  })

  it('writes an expression value that produced an object as one JSON cell', () => {
    const cols = ['data.user.geo']
    expect(serializeCsvRow(event({ user: { geo: { lat: 1, lon: 2 } } }), cols)).toBe(
      '"{""lat"":1,""lon"":2}"\r\n',
    )
  })

  it('prints values with a JSON form (times, durations) as that form, unquoted', () => {
    const when = { toJSON: () => '2025-01-01T09:00:00.000Z' }
    expect(serializeCsvRow(event({ when }), ['data.when'])).toBe('2025-01-01T09:00:00.000Z\r\n')
  })

  it('finds keys that contain dots, and never reads the prototype', () => {
    const data: Record<string, unknown> = { 'a.b': 1 }
    Object.defineProperty(data, '__proto__', {
      value: 'p',
      enumerable: true,
      configurable: true,
      writable: true,
    })
    expect(
      serializeCsvRow(event(data), ['data.a.b', 'data.__proto__', 'data.constructor', 'data.toString']),
    ).toBe('1,p,,\r\n')
  })

  it('quotes envelope values too', () => {
    expect(serializeCsvRow(event({}, { org_id: 'acme, inc' }), ['org_id'])).toBe('"acme, inc"\r\n')
  })
})

describe('serializeCsvChunks', () => {
  it('writes the header then rows, in chunks that join to the whole text', () => {
    const cols = ['id', 'data.i']
    const events = Array.from({ length: 100 }, (_, i) => event({ i }))
    const chunks = [...serializeCsvChunks(events, cols, 256)]
    expect(chunks.length).toBeGreaterThan(5)
    const text = chunks.join('')
    expect(text.startsWith(csvHeader(cols))).toBe(true)
    expect(text.split('\r\n')).toHaveLength(102)
    expect(text.endsWith('00000000-0000-4000-8000-000000000000,99\r\n')).toBe(true)
  })

  it('writes only the header for no events', () => {
    expect([...serializeCsvChunks([], ['id', 'data.x'])].join('')).toBe('id,data.x\r\n')
  })
})
