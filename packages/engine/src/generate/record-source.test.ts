import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LineIndex } from '../diagnostics/line-index.ts'
import { serializeNdjson } from './serialize.ts'
import { type StoryRun, streamStory } from './stream-story.ts'

const advanced = readFileSync(new URL('../../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')

const lines = (run: StoryRun) => [...run].map(serializeNdjson)

const story = (events: string, head = '') => `org_id: acme
start_date: 2025-01-01
timezone: UTC
${head}
events:
${events}`

describe('the seed advanced story', () => {
  it('pairs each subscription with the signup of the same day', () => {
    const run = streamStory(advanced)
    const events = [...run]
    expect(run.diagnostics).toEqual([])
    expect(events).toHaveLength(60)
    const signups = events.filter((e) => e.event === 'user.signup')
    const subs = events.filter((e) => e.event === 'subscription.created')
    expect(signups).toHaveLength(30)
    expect(subs).toHaveLength(30)
    const price = { free: 0, pro: 99, enterprise: 499 } as Record<string, number>
    subs.forEach((sub, i) => {
      const signup = signups[i]
      expect(sub.timestamp).toBe(signup.timestamp)
      expect(sub.data.customer_id).toBe(signup.data.user_id)
      expect(sub.data.plan).toBe(signup.data.plan)
      expect(sub.data.amount).toBe(price[String(sub.data.plan)])
    })
    // One a day at midnight UTC, the signup (referenced) first at each instant.
    expect(events[0].event).toBe('user.signup')
    expect(events[1].event).toBe('subscription.created')
    expect(signups[29].timestamp).toBe('2025-01-30T00:00:00.000+00:00')
  })

  it('is deterministic for a seed and differs across seeds', () => {
    expect(lines(streamStory(advanced))).toEqual(lines(streamStory(advanced)))
    expect(lines(streamStory(advanced, { seed: 1 }))).not.toEqual(lines(streamStory(advanced)))
    expect(lines(streamStory(advanced, { seed: 1 }))).toEqual(lines(streamStory(advanced, { seed: 1 })))
  })

  it('gives envelopes with deterministic UUIDs and zone offsets', () => {
    const [first] = streamStory(advanced, { limit: 1 })
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Object.keys(first)).toEqual(['id', 'org_id', 'source', 'event', 'timestamp', 'data'])
    expect(first.org_id).toBe('example_org')
  })

  it('stops at the limit and reports a summary', () => {
    const run = streamStory(advanced, { limit: 7 })
    expect([...run]).toHaveLength(7)
    const s = run.summary()
    expect(s.total).toBe(7)
    expect(s.perType).toEqual({ 'user.signup': 4, 'subscription.created': 3 })
  })
})

describe('stable randomness', () => {
  const base = `  - source: app
    event: a
    repeat: 5
    data: { x: uuid4(), n: "random(1, 1000)" }
  - source: app
    event: b
    repeat: 5
    data: { y: uuid4() }`

  it('editing one definition leaves the others unchanged', () => {
    const before = [...streamStory(story(base))].filter((e) => e.event === 'a')
    const edited = base.replace('data: { y: uuid4() }', 'data: { y: uuid4(), z: faker.name() }')
    const inserted = `  - source: app
    event: first
    data: { q: uuid4() }
${edited}`
    for (const variant of [edited, inserted]) {
      const after = [...streamStory(story(variant))].filter((e) => e.event === 'a')
      expect(after.map((e) => e.data)).toEqual(before.map((e) => e.data))
      expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id))
    }
  })

  it('never touches Math.random or Date.now while generating', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used')
    })
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used')
    })
    try {
      const run = streamStory(advanced, { clock: () => 0 })
      expect([...run]).toHaveLength(60)
    } finally {
      random.mockRestore()
      now.mockRestore()
    }
  })
})

describe('funnels and references', () => {
  afterEach(() => vi.restoreAllMocks())

  it('after + delay + probability: each child follows its own parent', () => {
    const text = story(`  - source: posthog
    event: user.signup
    repeat: 1000
    frequency: hourly
    data: { user_id: uuid4() }
  - id: sub
    source: stripe
    event: customer.subscription.created
    after: user.signup
    delay: duration(days=random(1, 7))
    probability: 0.3
    data:
      customer: ref(user.signup.user_id)
      signed_up: ref(user.signup.user_id)
  - source: stripe
    event: invoice.paid
    after: sub
    repeat: 3
    frequency: monthly
    data:
      subscription: ref(sub.customer)
      user: ref(user.signup.user_id)`)
    const run = streamStory(text, { provenance: false })
    const records = [...run.records()]
    expect(run.diagnostics).toEqual([])
    const signups = new Map(records.filter((r) => r.def === 0).map((r) => [r.event.data.user_id, r]))
    const subs = records.filter((r) => r.def === 1)
    expect(subs.length).toBeGreaterThan(240)
    expect(subs.length).toBeLessThan(360)
    for (const s of subs) {
      const parent = signups.get(s.event.data.customer)!
      expect(parent).toBeDefined()
      expect(s.parent?.eventId).toBe(parent.event.id)
      const days = (s.timeMs - parent.timeMs) / 86_400_000
      expect(days).toBeGreaterThanOrEqual(1)
      expect(days).toBeLessThanOrEqual(7)
    }
    const invoices = records.filter((r) => r.def === 2)
    expect(invoices.length).toBe(subs.length * 3)
    for (const inv of invoices) expect(signups.has(inv.event.data.user)).toBe(true)
    // Time order across the whole stream.
    for (let i = 1; i < records.length; i++)
      expect(records[i].timeMs).toBeGreaterThanOrEqual(records[i - 1].timeMs)
  })

  it('prev reads the previous occurrence of the same definition', () => {
    const run = streamStory(
      story(`  - source: iot
    event: reading
    repeat: 4
    frequency: hourly
    data:
      n: "= (prev.n ?? 0) + 1"
      before: prev.n`),
    )
    expect([...run].map((e) => [e.data.n, e.data.before])).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
      [4, 3],
    ])
  })

  it('lookup picks an earlier occurrence', () => {
    const run = streamStory(
      story(`  - source: shop
    event: product
    repeat: 10
    frequency: hourly
    data: { sku: "= 'sku-' + str(index)" }
  - source: shop
    event: view
    repeat: 20
    frequency: hourly
    offset_days: 1
    data: { sku: lookup(product.sku) }`),
    )
    const events = [...run]
    const skus = new Set(events.filter((e) => e.event === 'product').map((e) => e.data.sku))
    const views = events.filter((e) => e.event === 'view')
    expect(views).toHaveLength(20)
    for (const v of views) expect(skus.has(v.data.sku)).toBe(true)
    expect(new Set(views.map((v) => v.data.sku)).size).toBeGreaterThan(3)
  })

  it('lookup reads one earlier occurrence per event, whatever the number of fields', () => {
    const text = (extra: string) =>
      story(`  - source: shop
    event: product
    repeat: 10
    frequency: hourly
    data: { sku: "= 'sku-' + str(index)", n: "= index" }
  - source: shop
    event: view
    repeat: 20
    frequency: hourly
    offset_days: 1
    data: { ${extra}sku: lookup(product.sku), n: lookup(product.n) }`)
    const views = (t: string) => [...streamStory(t)].filter((e) => e.event === 'view')
    const plain = views(text(''))
    for (const v of plain) expect(v.data.sku).toBe(`sku-${v.data.n}`)
    // Adding another field does not change which product each view looked up.
    const more = views(text('other: uuid4(), '))
    expect(more.map((v) => v.data.sku)).toEqual(plain.map((v) => v.data.sku))
  })

  it('a same-index ref whose target lies later in time is a warning, and takes no later value', () => {
    const text = story(`  - source: a
    event: late
    offset_days: 5
    repeat: 3
    data: { v: "= index" }
  - source: b
    event: early
    repeat: 10
    data: { v: ref(late.v) }`)
    const run = streamStory(text)
    const events = [...run]
    const early = events.filter((e) => e.event === 'early')
    // Days 0-4 have no earlier `late` occurrence: null; later days take the latest earlier one.
    expect(early.slice(0, 5).map((e) => e.data.v)).toEqual([null, null, null, null, null])
    expect(early.slice(5, 8).map((e) => e.data.v)).toEqual([0, 1, 2])
    expect(early[9].data.v).toBe(2)
    const warning = run.diagnostics.find((d) => d.code === 'ref/later-target')
    expect(warning?.severity).toBe('warning')
  })

  it('drops occurrences after end_date (inclusive of the whole last day)', () => {
    const run = streamStory(
      story(`  - source: a\n    event: tick\n    repeat: 100\n    frequency: hourly`, 'end_date: 2025-01-02'),
    )
    expect([...run]).toHaveLength(48)
  })
})

describe('schema registry', () => {
  it('reports violations at the field expression with a count and first example', () => {
    const text = `org_id: acme
start_date: 2025-01-01
schemas:
  order.placed:
    fields:
      amount: { type: integer, min: 0, max: 10 }
      email: { type: string, format: email }
events:
  - source: shop
    event: order.placed
    repeat: 50
    data:
      amount: random(0, 20)
      email: faker.internet.email()
`
    const run = streamStory(text)
    expect([...run]).toHaveLength(50)
    const s = run.summary()
    expect(s.schemaViolations).toBeGreaterThan(0)
    expect(s.schemaCounts?.['order.placed'].invalid).toBe(s.schemaViolations)
    const d = run.diagnostics.find((x) => x.code === 'schema/violation')!
    expect(d.count).toBe(s.schemaViolations)
    expect(text.slice(d.span.start, d.span.end)).toBe('random(0, 20)')
    expect(new LineIndex(text).position(d.span.start).line).toBe(13)
    expect(d.message).toMatch(/first at occurrence \d+/)
  })
})
