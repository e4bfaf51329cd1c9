import { describe, expect, it } from 'vitest'
import { checkStory } from '../generate/check-story.ts'
import { streamStory } from '../generate/stream-story.ts'
import type { StoryEvent } from '../runtime/records.ts'
import { inferStory } from './infer-story.ts'
import { INFER_LIMITS } from './limits.ts'

const T0 = Date.UTC(2025, 0, 1)
const iso = (ms: number): string => new Date(ms).toISOString()

/** Plain records (not autosource's envelope): a `type` field and a `created_at` time. */
function plainRecords(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    type: i % 4 === 0 ? 'order.created' : 'page.viewed',
    created_at: iso(T0 + i * 37_000 + ((i * 7919) % 20_000)),
    user_id: `usr_${String(100000 + ((i * 31) % 997)).padStart(8, '0')}`,
    plan: ['free', 'free', 'pro', 'team'][i % 4 === 0 ? (i / 4) % 4 : i % 3],
    amount: i % 4 === 0 ? 10 + ((i * 13) % 90) : null,
    ok: i % 5 !== 0,
  }))
}

function run(text: string, limit = 2000): StoryEvent[] {
  return [...streamStory(text, { file: 'inferred.yaml', limit })].map((r) => r as StoryEvent)
}

describe('inferStory: formats', () => {
  const records = plainRecords(400)
  const ndjson = records.map((r) => JSON.stringify(r)).join('\n')
  const json = JSON.stringify(records, null, 2)
  const header = Object.keys(records[0])
  const csv = [
    header.join(','),
    ...records.map((r) => header.map((k) => (r[k] === null ? '' : String(r[k]))).join(',')),
  ].join('\r\n')

  for (const [format, text] of [
    ['ndjson', ndjson],
    ['json', json],
    ['csv', csv],
  ] as const) {
    it(`reads ${format}: types from the type field, fields with their formats`, () => {
      const result = inferStory(text, { file: `samples.${format}` })
      expect(result.diagnostics).toEqual([])
      expect(result.format).toBe(format)
      expect(result.types).toEqual([
        { event: 'order.created', count: 100 },
        { event: 'page.viewed', count: 300 },
      ])
      expect(result.text).toContain("weighted({'free'")
      expect(result.text).toMatch(/user_id: "= 'usr_' \+ faker\.string\.numeric\(8\)"/)
      expect(
        checkStory(result.text, { file: 'inferred.yaml' }).diagnostics.filter((d) => d.severity === 'error'),
      ).toEqual([])
      const events = run(result.text)
      const orders = events.filter((e) => e.event === 'order.created')
      const views = events.filter((e) => e.event === 'page.viewed')
      // Rough proportions: a quarter orders.
      expect(orders.length / events.length).toBeGreaterThan(0.15)
      expect(orders.length / events.length).toBeLessThan(0.35)
      // (A CSV column empty for a whole type is not that type's field at all.)
      for (const e of views) expect(e.data.amount ?? null).toBeNull()
      for (const e of orders) expect(typeof e.data.amount).toBe('number')
      for (const e of events) expect(String(e.data.user_id)).toMatch(/^usr_\d{8}$/)
      for (const e of events) expect(['free', 'pro', 'team']).toContain(e.data.plan)
    })
  }

  it('is deterministic: the same samples give the same text', () => {
    expect(inferStory(ndjson).text).toBe(inferStory(ndjson).text)
  })

  it('turns evenly spaced samples into repeat + every', () => {
    const text = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ type: 'tick', ts: iso(T0 + i * 60_000), v: i }),
    ).join('\n')
    const result = inferStory(text)
    expect(result.text).toContain('repeat: 50')
    expect(result.text).toContain('every: duration(seconds=60)')
    expect(run(result.text)).toHaveLength(50)
  })

  it('finds an id relation between types', () => {
    const users = Array.from({ length: 40 }, (_, i) => ({
      type: 'user',
      ts: iso(T0 + i * 1000),
      id: `u-${i}-${(i * 7) % 13}x`,
    }))
    const orders = Array.from({ length: 80 }, (_, i) => ({
      type: 'order',
      ts: iso(T0 + 50_000 + i * 1000),
      user: users[i % 40].id,
    }))
    const result = inferStory([...users, ...orders].map((r) => JSON.stringify(r)).join('\n'))
    expect(result.text).toContain('user: "lookup(user.id)"')
    const events = run(result.text)
    const ids = new Set(events.filter((e) => e.event === 'user').map((e) => e.data.id))
    for (const e of events.filter((e) => e.event === 'order'))
      if (e.data.user !== null) expect(ids).toContain(e.data.user)
  })

  it('keeps nested objects, lists and a literal that looks like an expression', () => {
    const text = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        event: 'x',
        time: iso(T0 + i * 999_000),
        meta: { tags: ['a', 'b'], note: 'uuid4()', deep: { n: i } },
      }),
    ).join('\n')
    const result = inferStory(text)
    const [first] = run(result.text)
    const meta = first.data.meta as Record<string, unknown>
    expect(meta.note).toBe('uuid4()')
    expect(meta.tags).toHaveLength(2)
    for (const tag of meta.tags as unknown[]) expect(['a', 'b']).toContain(tag)
    expect(typeof (meta.deep as Record<string, unknown>).n).toBe('number')
  })
})

describe('inferStory: bad input is an error naming its line', () => {
  it('NDJSON: a broken line, a non-object', () => {
    const text = '{"type":"a","ts":1735689600}\n{"type": oops}\n\n[1,2]\n'
    const result = inferStory(text, { file: 's.ndjson' })
    expect(result.text).toBe('')
    expect(result.diagnostics.map((d) => [d.code, d.message.slice(0, 7)])).toEqual([
      ['infer/syntax', 'line 2:'],
      ['infer/not-object', 'line 4:'],
    ])
    expect(result.diagnostics[0].span.start).toBeGreaterThanOrEqual(text.indexOf('\n') + 1)
  })

  it('JSON array: a non-object element names its line; a syntax error its position', () => {
    const bad = inferStory('[\n  {"a": 1},\n  "text",\n  {"a": 2}\n]', { file: 's.json' })
    expect(bad.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'infer/not-object line 3: record 2 is not a JSON object',
    ])
    const broken = inferStory('[\n  {"a": 1},\n  {"a": }\n]', { file: 's.json' })
    expect(broken.diagnostics[0].code).toBe('infer/syntax')
    expect(broken.diagnostics[0].message).toMatch(/^line 3: not valid JSON/)
  })

  it('CSV: a short row and an unclosed quote', () => {
    const short = inferStory('a,b\n1,2\n3\n', { file: 's.csv' })
    expect(short.diagnostics.map((d) => d.message)).toEqual(['line 3: 1 cells, but the header has 2 columns'])
    const open = inferStory('a,b\n1,"2\n', { file: 's.csv' })
    expect(open.diagnostics.map((d) => d.code)).toEqual(['infer/csv'])
  })

  it('empty samples', () => {
    expect(inferStory('', { file: 's.ndjson' }).diagnostics.map((d) => d.code)).toEqual(['infer/empty'])
    expect(inferStory('\n \n').diagnostics.map((d) => d.code)).toEqual(['infer/empty'])
  })

  it('caps how many problems are listed', () => {
    const text = Array.from({ length: 500 }, () => 'nope').join('\n')
    const { diagnostics } = inferStory(text, { format: 'ndjson' })
    expect(diagnostics).toHaveLength(INFER_LIMITS.maxDiagnostics + 1)
    expect(diagnostics.at(-1)?.message).toContain('450 more problems')
  })
})

describe('inferStory: hostile input is bounded', () => {
  it('refuses deep nesting before JSON.parse recurses', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    for (const text of [`{"a":${deep}}`, `[${deep}]`]) {
      const { diagnostics } = inferStory(text)
      expect(diagnostics.map((d) => d.code)).toEqual(['infer/limit'])
      expect(diagnostics[0].message).toContain('nested deeper than 64 levels')
    }
  })

  it('refuses a line over the limit, and reads the others', () => {
    const huge = JSON.stringify({ type: 'a', blob: 'x'.repeat(INFER_LIMITS.maxLineChars + 10) })
    const result = inferStory(`{"type":"a","ts":1735689600}\n${huge}\n`)
    expect(result.diagnostics.map((d) => `${d.code} ${d.message.slice(0, 30)}`)).toEqual([
      'infer/limit line 2: the record is too long',
    ])
  })

  it('describes nesting below the field depth limit as null', () => {
    let v: unknown = 1
    for (let i = 0; i < 40; i++) v = { k: v }
    const text = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({ type: 'a', ts: 1735689600 + i, v }),
    ).join('\n')
    const result = inferStory(text)
    expect(result.text).toContain('not inferred')
    expect(checkStory(result.text).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('treats __proto__ and other prototype names as ordinary keys and types', () => {
    const lines = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ type: i % 2 ? '__proto__' : 'constructor', ts: 1735689600 + i * 60 }).replace(
        '}',
        ',"__proto__":{"polluted":1},"constructor":"x","toString":3}',
      ),
    )
    const result = inferStory(lines.join('\n'))
    expect(result.diagnostics).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(result.types.map((t) => t.event).sort()).toEqual(['__proto__', 'constructor'])
    const events = run(result.text)
    expect(events.length).toBeGreaterThan(5)
    const proto = events.find((e) => Object.hasOwn(e.data, '__proto__'))
    expect(proto && Object.getOwnPropertyDescriptor(proto.data, '__proto__')?.value).toEqual({ polluted: 1 })
  })

  it('caps the number of fields per type', () => {
    const wide = Object.fromEntries(
      Array.from({ length: INFER_LIMITS.maxFields + 50 }, (_, i) => [`f${i}`, i]),
    )
    const result = inferStory(JSON.stringify({ type: 'a', ts: 1735689600, ...wide }))
    expect(result.diagnostics.map((d) => d.code)).toEqual(['infer/limit'])
    expect(result.text).not.toContain(`f${INFER_LIMITS.maxFields + 10}:`)
  })
})
