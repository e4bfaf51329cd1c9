import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { codes, groupBy, ms, run } from './actors.test-util.ts'

/** The example of SPEC section 9, as written there, plus a session event and a pick(). */
const SPEC_EXAMPLE = `org_id: demo
start_date: 2025-01-01
end_date: 2025-02-28
seed: 7
actors:
  user:
    count: 500
    attributes:
      id: uuid4()
      email: faker.internet.email()
      plan: weighted({'free': 0.7, 'pro': 0.3})
    popularity: zipf(1.2)
    lifecycle:
      start: visitor
      states:
        visitor:   { next: { signed_up: 0.3, gone: 0.7 }, after: duration(minutes=random(1, 30)) }
        signed_up: { next: { active: 0.6, gone: 0.4 }, after: duration(hours=lognormal(1, 1)) }
        active:    { next: { active: "= user.plan == 'pro' ? 0.95 : 0.85", churned: 0.1 }, after: duration(days=exponential(0.7)) }
        churned:   {}
        gone:      {}
  team:
    arrivals: { rate: 20/day, pattern: { weekdays: [1, 1, 1, 1, 1, 0.4, 0.4] }, growth: 5%/month }
    attributes: { id: uuid4(), name: faker.company.name() }
    lifecycle: { start: created, states: { created: {} } }

events:
  - id: signup
    on: user.signed_up
    delay: duration(seconds=random(0, 5))
    source: posthog
    event: user_signed_up
    data:
      distinct_id: user.id
      visit: visit
  - id: session
    on: user.active
    source: posthog
    event: session
    data:
      distinct_id: user.id
      plan: user.plan
      signed_up_at: ref(signup.timestamp)
      signup_visit: ref(signup.visit)
  - id: invite
    after: session
    probability: 0.2
    delay: duration(minutes=5)
    source: posthog
    event: invite_sent
    data: { from: user.email }
  - id: team
    on: team.created
    source: app
    event: team_created
    data: { team: team.id, owner: pick(user).id, owner_email: pick(user).email }
`

const text = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n')

describe('actors (SPEC section 9)', () => {
  it('the SPEC example validates and generates', () => {
    expect(codes(SPEC_EXAMPLE).filter((c) => !c.startsWith('runtime/'))).toEqual([])
    const { events, diagnostics } = run(SPEC_EXAMPLE)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const signups = events.filter((e) => e.event === 'user_signed_up')
    const sessions = events.filter((e) => e.event === 'session')
    // 500 visitors, 30% sign up (sd 10)
    expect(signups.length).toBeGreaterThan(115)
    expect(signups.length).toBeLessThan(185)
    expect(signups.every((e) => e.data.visit === 1)).toBe(true)
    // ref() within the actor: a session reads that very user's signup
    const signupOf = new Map(signups.map((e) => [e.data.distinct_id, e]))
    expect(sessions.length).toBeGreaterThan(0)
    for (const s of sessions) {
      const own = signupOf.get(s.data.distinct_id)!
      expect(own).toBeDefined()
      expect(ms(s)).toBeGreaterThanOrEqual(ms(own))
      expect(s.data.signup_visit).toBe(1)
      expect(Date.parse(String(s.data.signed_up_at))).toBe(ms(own))
    }
    // a funnel under an actor event reads that actor
    const users = new Map(events.filter((e) => e.event === 'session').map((e) => [e.data.distinct_id, e]))
    expect(events.filter((e) => e.event === 'invite_sent').length).toBeGreaterThan(0)
    expect(users.size).toBeGreaterThan(0)
  })

  it('pick() returns a live actor, the same one within an occurrence, skewed by zipf popularity', () => {
    const { events } = run(SPEC_EXAMPLE)
    const teams = events.filter((e) => e.event === 'team_created')
    const users = new Map<unknown, string>()
    // every user's email, from a run that prints them
    const withEmail = run(SPEC_EXAMPLE.replace('visit: visit', 'visit: visit\n      email: user.email'))
    for (const e of withEmail.events)
      if (e.event === 'user_signed_up') users.set(e.data.distinct_id, String(e.data.email))
    const picked = teams.filter((t) => t.data.owner !== null)
    expect(picked.length).toBeGreaterThan(teams.length * 0.9)
    for (const t of picked) {
      const email = users.get(t.data.owner)
      if (email !== undefined) expect(t.data.owner_email).toBe(email)
    }
    const counts = [...groupBy(picked, 'owner').values()].map((l) => l.length).sort((a, b) => b - a)
    // zipf(1.2) over ~500 live actors: the most popular is picked far more often than the median
    expect(counts[0]).toBeGreaterThan(10 * counts[Math.floor(counts.length / 2)])
  })

  it('is deterministic; editing one actor type leaves the other type values unchanged', () => {
    const a = run(SPEC_EXAMPLE).events
    const b = run(SPEC_EXAMPLE).events
    expect(text(a)).toBe(text(b))
    const edited = SPEC_EXAMPLE.replace(
      'name: faker.company.name()',
      'name: faker.company.name(), size: random(1, 50)',
    )
    const c = run(edited).events
    const userEvents = (list: typeof a) => list.filter((e) => e.source === 'posthog')
    expect(text(userEvents(c))).toBe(text(userEvents(a)))
    const other = run(SPEC_EXAMPLE, 8).events
    expect(text(userEvents(other))).not.toBe(text(userEvents(a)))
  })

  it('a larger population stays within the story window', () => {
    const { events } = run(SPEC_EXAMPLE.replace('count: 500', 'count: 2000'))
    const lastSession = new Map<unknown, number>()
    for (const e of events) if (e.event === 'session') lastSession.set(e.data.distinct_id, ms(e))
    expect(lastSession.size).toBeGreaterThan(100)
    // the stream is ordered; every session is within the story
    expect([...lastSession.values()].every((t) => t <= Date.parse('2025-03-01T00:00:00Z'))).toBe(true)
  })
})

describe('actor diagnostics', () => {
  const base = (
    lifecycle: string,
    extra = '',
    events = '  - { on: u.a, source: s, event: e, data: { x: 1 } }',
  ) =>
    `org_id: t\nstart_date: 2025-01-01\nend_date: 2025-01-31\nactors:\n  u:\n    count: 10\n${extra}    lifecycle:\n${lifecycle}\nevents:\n${events}\n`

  it('unknown states, unreachable states, negative weights, zero-time loops', () => {
    expect(codes(base('      start: x\n      states: { a: {} }'))).toContain('actor/unknown-state')
    expect(codes(base('      start: a\n      states: { a: { next: { b: 1, zz: 1 } }, b: {} }'))).toContain(
      'actor/unknown-state',
    )
    expect(codes(base('      start: a\n      states: { a: {}, b: {} }'))).toEqual(['actor/unreachable-state'])
    expect(
      codes(base('      start: a\n      states: { a: { next: { b: -1 }, after: 5 }, b: {} }')),
    ).toContain('actor/negative-weight')
    expect(
      codes(base('      start: a\n      states: { a: { next: { b: 1 } }, b: { next: { a: 1 } } }')),
    ).toContain('actor/zero-time-loop')
    // a loop with a way out, or with a dwell time, is fine
    expect(codes(base('      start: a\n      states: { a: { next: { a: 1, b: 1 } }, b: {} }'))).toEqual([])
    expect(
      codes(base('      start: a\n      states: { a: { next: { a: 1 }, after: duration(hours=1) } }')),
    ).toEqual([])
  })

  it('events on actors: unknown actor or state, schedule keys, scope of names', () => {
    const lc = '      start: a\n      states: { a: {} }'
    expect(codes(base(lc, '', '  - { on: v.a, source: s, event: e }'))).toContain('actor/unknown')
    expect(codes(base(lc, '', '  - { on: u.b, source: s, event: e }'))).toContain('actor/unknown-state')
    expect(codes(base(lc, '', '  - { on: u, source: s, event: e }'))).toContain('actor/on-syntax')
    expect(codes(base(lc, '', '  - { on: u.a, repeat: 3, source: s, event: e }'))).toContain(
      'actor/on-conflict',
    )
    const attrs = '    attributes: { id: uuid4() }\n'
    expect(codes(base(lc, attrs, '  - { on: u.a, source: s, event: e, data: { x: u.nope } }'))).toContain(
      'actor/unknown-attribute',
    )
    expect(codes(base(lc, attrs, '  - { repeat: 2, source: s, event: e, data: { x: "= u.id" } }'))).toContain(
      'actor/not-in-scope',
    )
    expect(
      codes(base(lc, attrs, '  - { repeat: 2, source: s, event: e, data: { x: "= visit" } }')),
    ).toContain('actor/not-in-scope')
    expect(codes(base(lc, attrs, '  - { repeat: 2, source: s, event: e, data: { x: pick(w) } }'))).toContain(
      'actor/unknown',
    )
    expect(
      codes(base(lc, attrs, '  - { repeat: 2, source: s, event: e, data: { x: pick(u).nope } }')),
    ).toContain('actor/unknown-attribute')
  })

  it('populations: count or arrivals, names, caps', () => {
    const lc = '      start: a\n      states: { a: {} }'
    expect(codes(base(lc).replace('    count: 10\n', ''))).toContain('actor/population')
    expect(codes(base(lc).replace('count: 10', 'count: 10000000'))).toContain('limit/actors')
    expect(codes(base(lc, '    arrivals: { rate: 1/second }\n'))).toContain('actor/population')
    expect(codes(base(lc).replace('count: 10', 'arrivals: { rate: 100/second }'))).toContain('limit/actors')
    expect(codes(base(lc).replace('  u:', '  prev:').replace('on: u.a', 'on: prev.a'))).toContain(
      'actor/invalid-name',
    )
    expect(codes(base(lc, '    popularity: zipf(0)\n'))).toContain('actor/popularity')
  })

  it('an actor that loops for ever stops at the visit cap, with a counted warning', () => {
    const { events, diagnostics } = run(
      base(
        '      start: a\n      states: { a: { next: { a: 1 }, after: duration(seconds=1) } }',
        '',
        '  - { on: u.a, source: s, event: e, data: { n: visit } }',
      ).replace('count: 10', 'count: 1'),
    )
    expect(events).toHaveLength(100_000)
    expect(diagnostics.find((d) => d.code === 'limit/actor-visits')).toMatchObject({ count: 1 })
  }, 60_000)
})

describe('docs/stories.md: the actors chapter', () => {
  const doc = readFileSync(new URL('../../../../docs/stories.md', import.meta.url), 'utf8')
  const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((b) => /^actors:/m.test(b))

  it('has examples with actors', () => expect(examples.length).toBeGreaterThanOrEqual(2))

  for (const text of examples) {
    it(`generates: ${text.split('\n')[0]}`, () => {
      const { events, diagnostics } = run(text)
      expect(diagnostics.map((d) => d.code)).toEqual([])
      const types = new Set(events.map((e) => e.event))
      // every event definition of the example happens
      for (const m of text.matchAll(/^ {4}event: (\S+)$/gm)) expect(types).toContain(m[1])
      // ref() within an actor reads that actor's own earlier occurrence
      for (const e of events)
        if (typeof e.data.trial_at === 'string')
          expect(Date.parse(e.data.trial_at)).toBeLessThanOrEqual(ms(e))
    })
  }
})
