import { describe, expect, it } from 'vitest'
import { groupBy, ms, run, story } from './actors.test-util.ts'

const HOUR = 3_600_000

describe('actor lifecycles: statistics over thousands of actors', () => {
  it('transition proportions follow the normalised `next` weights', () => {
    const { events } = run(
      story(
        `    count: 5000
    attributes: { id: uuid4() }
    lifecycle:
      start: a
      states:
        a: { next: { b: 3, c: 7 }, after: duration(minutes=10) }
        b: {}
        c: {}`,
        `  - { id: b, on: u.b, source: s, event: b, data: { id: u.id } }
  - { id: c, on: u.c, source: s, event: c, data: { id: u.id } }`,
      ),
    )
    const b = events.filter((e) => e.event === 'b').length
    const c = events.filter((e) => e.event === 'c').length
    expect(b + c).toBe(5000)
    expect(b / 5000).toBeGreaterThan(0.28)
    expect(b / 5000).toBeLessThan(0.32)
  })

  it('dwell times (`after`) have the mean of their distribution; weights may read the actor', () => {
    const { events } = run(
      story(
        `    count: 4000
    attributes: { id: uuid4(), plan: "weighted({'free': 0.5, 'pro': 0.5})" }
    lifecycle:
      start: a
      states:
        a: { next: { b: "= u.plan == 'pro' ? 1 : 0", c: "= u.plan == 'pro' ? 0 : 1" }, after: duration(hours=exponential(0.5)) }
        b: {}
        c: {}`,
        `  - { id: b, on: u.b, source: s, event: b, data: { plan: u.plan } }
  - { id: c, on: u.c, source: s, event: c, data: { plan: u.plan } }`,
      ),
    )
    const start = Date.parse('2025-01-01T00:00:00Z')
    const dwell = events.map((e) => (ms(e) - start) / HOUR)
    const mean = dwell.reduce((a, b) => a + b, 0) / dwell.length
    // exponential(0.5) hours: mean 2 h (standard error 2/sqrt(4000) = 0.03)
    expect(mean).toBeGreaterThan(1.85)
    expect(mean).toBeLessThan(2.15)
    expect(events.filter((e) => e.event === 'b').every((e) => e.data.plan === 'pro')).toBe(true)
    expect(events.filter((e) => e.event === 'c').every((e) => e.data.plan === 'free')).toBe(true)
  })

  it('a self-loop gives geometric visit counts; nothing happens after a final state', () => {
    const { events } = run(
      story(
        `    count: 3000
    attributes: { id: uuid4() }
    lifecycle:
      start: active
      states:
        active: { next: { active: 0.75, done: 0.25 }, after: duration(minutes=random(1, 60)) }
        done: {}`,
        `  - { id: session, on: u.active, source: s, event: session, data: { id: u.id, n: visit } }
  - { id: done, on: u.done, source: s, event: done, data: { id: u.id, n: visit } }`,
      ),
    )
    const byActor = groupBy(events, 'id')
    expect(byActor.size).toBe(3000)
    const visits: number[] = []
    for (const list of byActor.values()) {
      const sessions = list.filter((e) => e.event === 'session')
      const done = list.filter((e) => e.event === 'done')
      expect(done).toHaveLength(1)
      expect(done[0].data.n).toBe(1)
      // visit numbers count 1, 2, 3 ... and every session is before the final state
      expect(sessions.map((e) => e.data.n)).toEqual(sessions.map((_, i) => i + 1))
      expect(sessions.every((e) => ms(e) <= ms(done[0]))).toBe(true)
      expect(list[list.length - 1]).toBe(done[0])
      visits.push(sessions.length)
    }
    const mean = visits.reduce((a, b) => a + b, 0) / visits.length
    // geometric with p = 0.25: mean 4 (sd 3.46, standard error 0.063), P(1 visit) = 0.25
    expect(mean).toBeGreaterThan(3.75)
    expect(mean).toBeLessThan(4.25)
    const once = visits.filter((v) => v === 1).length / visits.length
    expect(once).toBeGreaterThan(0.22)
    expect(once).toBeLessThan(0.28)
  })

  it('attributes are resolved once per actor and stay constant across its events', () => {
    const { events } = run(
      story(
        `    arrivals: { rate: 40/day }
    attributes:
      id: uuid4()
      plan: "weighted({'free': 0.7, 'pro': 0.3})"
      email: faker.internet.email()
      label: "\${plan}:\${email}"
    lifecycle:
      start: active
      states:
        active: { next: { active: 0.8, gone: 0.2 }, after: duration(days=1) }
        gone: {}`,
        `  - { id: s, on: u.active, source: s, event: s, data: { id: u.id, plan: u.plan, email: u.email, label: u.label } }`,
      ).replace('end_date: 2025-12-31', 'end_date: 2025-03-31'),
    )
    const byActor = groupBy(events, 'id')
    expect(byActor.size).toBeGreaterThan(3000)
    let pro = 0
    for (const list of byActor.values()) {
      const first = list[0].data
      for (const e of list) expect(e.data).toEqual(first)
      expect(first.label).toBe(`${first.plan}:${first.email}`)
      if (first.plan === 'pro') pro++
    }
    expect(pro / byActor.size).toBeGreaterThan(0.26)
    expect(pro / byActor.size).toBeLessThan(0.34)
  })

  it('arrivals follow their rate: the count is near the integral', () => {
    const { events } = run(
      story(
        `    arrivals: { rate: 100/day, until: 2025-01-30 }
    attributes: { id: uuid4() }
    lifecycle: { start: here, states: { here: {} } }`,
        `  - { id: here, on: u.here, source: s, event: here, data: { id: u.id } }`,
      ),
    )
    // 30 days x 100/day = 3000 (Poisson sd 55)
    expect(events.length).toBeGreaterThan(2800)
    expect(events.length).toBeLessThan(3200)
    expect(new Set(events.map((e) => e.data.id)).size).toBe(events.length)
  })
})
