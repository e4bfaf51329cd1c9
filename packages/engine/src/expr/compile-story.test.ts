// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import { describe, expect, it } from 'vitest'
import { evalField, NO_REFS, runStory } from '../generate/run-test-story.ts'
import { hashString, Rng } from '../runtime/rng.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import { compileStory, parseIsoDuration } from './compile-story.ts'
import { createRunFrame } from './run-frame.ts'
import { testStory } from './test-story.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const seedStory = () =>
  testStory([
    {
      id: 'user.signup',
      data: {
        user_id: 'uuid4()',
        plan: "choice(['free', 'pro', 'enterprise'])",
        source: "weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})",
      },
    },
    {
      id: 'subscription.created',
      data: {
        customer_id: 'ref(user.signup.user_id)',
        plan: 'ref(user.signup.plan)',
        amount: "switch(plan, {\n        'free': 0,\n        'pro': 99,\n        'enterprise': 499\n      })",
      },
    },
  ])

describe('compileStory on the seed example', () => {
  it('resolves refs to the same index and switch over the sibling', () => {
    const { rows, program: compiled } = runStory(seedStory(), 30)
    expect(rows[1]).toHaveLength(30)
    rows[1].forEach((sub, i) => {
      expect(sub.customer_id).toBe(rows[0][i].user_id)
      expect(sub.plan).toBe(rows[0][i].plan)
      expect(sub.amount).toBe({ free: 0, pro: 99, enterprise: 499 }[sub.plan as string])
    })
    expect(compiled.defs[0].keptFields.toSorted()).toEqual(['plan', 'user_id'])
    expect(compiled.defs[1].keptFields).toEqual([])
    expect(compiled.defs[1].refTargets).toEqual([0])
    // A data field named `source` is a sibling; the context value stays reachable in other events.
    expect(['google', 'direct', 'referral']).toContain(rows[0][0].source)
  })

  it('same seed, same values; different seed, different values', () => {
    const a = runStory(seedStory(), 10).rows
    const b = runStory(seedStory(), 10).rows
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    const s = seedStory()
    s.seed = 43
    expect(JSON.stringify(runStory(s, 10).rows)).not.toBe(JSON.stringify(a))
  })

  it('editing one definition or one field does not change the values of others', () => {
    const base = runStory(seedStory(), 5).rows
    const edited = seedStory()
    // Add a field before the others and an extra event first: ids key the streams, names key the fields.
    edited.events[0].data.entries.unshift({ ...edited.events[0].data.entries[1], key: 'extra' })
    const extra = testStory([{ id: 'other', data: { n: 'random(1, 100)' } }]).events[0]
    edited.events.unshift({ ...extra, index: 0 })
    edited.events.forEach((e, i) => {
      e.index = i
    })
    const rows = runStory(edited, 5).rows
    expect(rows[1].map((r) => r.user_id)).toEqual(base[0].map((r) => r.user_id))
    expect(rows[1].map((r) => r.source)).toEqual(base[0].map((r) => r.source))
  })
})

describe('field resolution', () => {
  it('resolves siblings in dependency order and keeps the written order in the output', () => {
    const { rows } = runStory(
      testStory([
        { id: 'o', data: { total: '= price * quantity', price: '= 10', quantity: 3, note: 'x ${total}' } },
      ]),
      1,
    )
    expect(Object.keys(rows[0][0])).toEqual(['total', 'price', 'quantity', 'note'])
    expect(rows[0][0]).toEqual({ total: 30, price: 10, quantity: 3, note: 'x 30' })
  })

  it('prev.x reads the previous occurrence (null on the first)', () => {
    const { rows } = runStory(testStory([{ id: 'c', data: { n: '= (prev.n ?? 0) + 1', last: 'prev.n' } }]), 4)
    expect(rows[0].map((r) => r.n)).toEqual([1, 2, 3, 4])
    expect(rows[0].map((r) => r.last)).toEqual([null, 1, 2, 3])
  })

  it('ref reads nested paths; lookup picks an earlier occurrence', () => {
    const story = testStory([
      { id: 'a', data: { info: { city: '= "c" + str(index)' }, id: '= index' } },
      { id: 'b', data: { city: 'ref(a.info.city)', some: 'lookup(a.id)' } },
    ])
    const { rows } = runStory(story, 20)
    expect(rows[1].map((r) => r.city)).toEqual(
      rows[0].map((r) => r.info && (r.info as { city: string }).city),
    )
    rows[1].forEach((r, i) => {
      expect(r.some).toBeTypeOf('number')
      expect(r.some as number).toBeLessThanOrEqual(i)
    })
  })

  it('templates print values: null empty, numbers, times with offset, maps as JSON', () => {
    expect(evalField('v=${null} n=${1.5} t=${timestamp} m=${ {"a": [1]} } d=${duration(hours=2)}')).toEqual([
      'v= n=1.5 t=2025-01-01T00:00:00.000+00:00 m={"a":[1]} d=PT2H',
    ])
    expect(evalField('cost $${price}')).toEqual(['cost ${price}'])
  })

  it('the escape and the classification rules', () => {
    expect(evalField('\\uuid4()')).toEqual(['uuid4()'])
    expect(evalField('\\=1')).toEqual(['=1'])
    expect(evalField('Hello (world)')).toEqual(['Hello (world)'])
    expect(evalField('= 1 + 1')).toEqual([2])
    expect(evalField('prev.x is ${1}')).toEqual(['prev.x is 1'])
    expect(evalField('plain text')).toEqual(['plain text'])
  })

  it('operators', () => {
    const cases: [string, unknown][] = [
      ['= 7 % 3', 1],
      ['= 1 + 2 * 3 - 4 / 2', 5],
      ["= 'a' + 1", 'a1'],
      ['= [1] + [2]', [1, 2]],
      ['= 1 < 2 and 2 <= 2', true],
      ['= 1 > 2 or 0', 0],
      ['= not 0', true],
      ['= !1', false],
      ['= null ?? 5', 5],
      ['= 0 ?? 5', 0],
      ["= 1 == 1 ? 'y' : 'n'", 'y'],
      ["= 'pro' in ['pro', 'x']", true],
      ["= 'a' in {'a': 1}", true],
      ["= 'ell' in 'hello'", true],
      ['= [1, {"a": 2}] == [1, {"a": 2}]', true],
      ["= {'a': [10, 20]}.a[1]", 20],
      ["= {'a': 1}.b", null],
      ['= [1, 2, 3][-1]', 3],
      ["= 'abc'[0]", 'a'],
      ['= (timestamp + duration(days=1)) > timestamp', true],
      ['= str(timestamp - duration(hours=1))', '2024-12-31T23:00:00.000+00:00'],
      ['= str((timestamp + duration(minutes=90)) - timestamp)', 'PT1H30M'],
      ['= str(duration(hours=1) * 2)', 'PT2H'],
      ['= -duration(hours=1) < duration(hours=0)', true],
    ]
    for (const [text, expected] of cases) expect(evalField(text)[0], text).toEqual(expected)
  })

  it('timestamp is a time in the story zone; the output holds its ISO string', () => {
    const story = testStory([{ id: 'a', data: { t: '= timestamp', h: 'hour()' } }], {
      timezone: 'America/New_York',
    })
    const { rows } = runStory(story, 1)
    // Occurrence 0 of a daily story is local midnight of its start date in the story's zone.
    expect(rows[0][0].t).toBe('2025-01-01T00:00:00.000-05:00')
    expect(rows[0][0].h).toBe(0)
  })

  it('switch evaluates only the chosen branch', () => {
    const a = evalField("switch('a', {'a': 1, 'b': 1 / 0})")
    expect(a).toEqual([1])
  })
})

describe('runtime problems: the field becomes null, a diagnostic with a count, generation goes on', () => {
  it('type error, division by zero, no case, no ref', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          t: "= 'a' * 2",
          z: '= 1 / (index - index)',
          s: "switch('q', {'a': 1})",
          r: 'ref(b.v)',
          r2: '= ref(b.v) ?? "none"',
          ok: '= index',
          f: 'faker.number.int(min=10, max=1)',
        },
      },
      { id: 'b', data: { v: 1 }, when: 'false' },
    ])
    const { rows, issues } = runStory(story, 3)
    expect(rows[0].map((r) => r.ok)).toEqual([0, 1, 2])
    expect(rows[0][0]).toMatchObject({ t: null, z: null, s: null, r: null, r2: 'none', f: null })
    const file = story.sources[story.file]
    const diags = issues.toDiagnostics()
    expect(diags.map((d) => [d.code, d.count, d.severity, file.slice(d.span.start, d.span.end)])).toEqual([
      ['runtime/type-error', 3, 'warning', '*'],
      ['runtime/division-by-zero', 3, 'warning', '/'],
      ['runtime/no-case', 3, 'warning', "switch('q', {'a': 1})"],
      ['runtime/no-ref', 3, 'warning', 'b.v'],
      ['runtime/no-ref', 3, 'warning', 'b.v'],
      ['runtime/faker-error', 3, 'warning', 'faker.number.int(min=10, max=1)'],
    ])
    expect(diags[0].path).toEqual(['events', 0, 'data', 't'])
  })
})

describe('options', () => {
  it('when reads the resolved data; delay/offset/jitter/every give durations', () => {
    const story = testStory([
      {
        id: 'a',
        data: { plan: "= index % 2 == 0 ? 'free' : 'pro'" },
        when: "plan != 'free'",
        delay: 'duration(days=random(1, 7))',
        offset: 'duration(hours=9)',
        jitter: 'PT5M',
        every: 'duration(hours=6)',
      },
    ])
    // A literal ISO string for jitter comes through the loader as a literal option.
    story.events[0].jitter = { kind: 'literal', value: 'PT5M', span: { start: 0, end: 0 } }
    const { program: compiled, diagnostics } = compileStory(story)
    expect(diagnostics).toEqual([])
    expect(compiled.defs[0].every?.toISOString()).toBe('PT6H')
    const def = createRunFrame(compiled).defs[0]
    const rng = new Rng()
    const scope: OccurrenceScope = {
      rng,
      index: 0,
      timeMs: 0,
      timezone: 'UTC',
      prev: null,
      parent: null,
      refs: NO_REFS,
      provenance: null,
    }
    const whens: boolean[] = []
    for (let i = 0; i < 4; i++) {
      rng.reseed(1, hashString('a'), i)
      scope.index = i
      const data = def.resolveData(scope)
      whens.push(def.when!(scope, data))
      const d = def.delay!(scope)
      expect(d.days >= 1 && d.days <= 7 && Number.isInteger(d.days)).toBe(true)
    }
    expect(whens).toEqual([false, true, false, true])
    expect(def.offset!(scope).toISOString()).toBe('PT9H')
    expect(def.jitter!(scope).toISOString()).toBe('PT5M')
    // when() given another data object reads its fields by name.
    expect(def.when!(scope, { plan: 'free' })).toBe(false)
    expect(def.when!(scope, { plan: 'pro' })).toBe(true)
  })

  it('a literal string option is still an expression; an ISO duration text is a constant', () => {
    const story = testStory([{ id: 'a', data: { n: '= index' }, jitter: 'PT5M' }])
    story.events[0].when = { kind: 'literal', value: 'n > 0', span: { start: 0, end: 5 } }
    const { program: compiled, diagnostics } = compileStory(story)
    expect(diagnostics).toEqual([])
    const scope: OccurrenceScope = {
      rng: new Rng(),
      index: 0,
      timeMs: 0,
      timezone: 'UTC',
      prev: null,
      parent: null,
      refs: NO_REFS,
      provenance: null,
    }
    const def = createRunFrame(compiled).defs[0]
    expect(def.when!(scope, { n: 0 })).toBe(false)
    expect(def.when!(scope, { n: 1 })).toBe(true)
    expect(def.jitter!(scope).toISOString()).toBe('PT5M')
  })

  it('parses ISO durations', () => {
    expect(parseIsoDuration('P1DT2H')?.toISOString()).toBe('P1DT2H')
    expect(parseIsoDuration('-PT5M')?.toISOString()).toBe('-PT5M')
    expect(parseIsoDuration('P')).toBeUndefined()
    expect(parseIsoDuration('1h')).toBeUndefined()
  })
})

describe('provenance', () => {
  it('records expression, span, refs, prev, siblings and context per top-level field', () => {
    const story = testStory([
      { id: 'a', data: { v: '= index * 10' } },
      { id: 'b', data: { got: 'ref(a.v)', n: '= (prev.n ?? 0) + got', lit: 5 } },
    ])
    const { provenance } = runStory(story, 2, { provenance: true })
    const second = provenance[3]
    expect(second.map((p) => p.field)).toEqual(['got', 'n', 'lit'])
    expect(second[0]).toMatchObject({
      expression: 'ref(a.v)',
      refs: [{ def: 0, index: 1, eventId: expect.stringMatching(UUID), field: 'v', via: 'ref' }],
    })
    expect(second[1]).toMatchObject({ siblings: ['got'], prev: { def: 1, index: 0, field: 'n', value: 0 } })
    // prev names the occurrence it read by id too (the studio finds it past the preview by id).
    expect(second[1].prev?.eventId).toMatch(UUID)
    expect(second[2].expression).toBeUndefined()
    const file = story.sources[story.file]
    expect(file.slice(second[0].span.start, second[0].span.end)).toBe('ref(a.v)')
    expect(provenance[0][0].context).toEqual(['index'])
  })
})

describe('__proto__ and prototypes', () => {
  it('a data key __proto__ is plain data, and Object.prototype is unchanged', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const story = testStory([
      { id: 'a', data: { nested: { polluted: 'yes' }, m: "= {'__proto__': {'polluted': 1}}" } },
    ])
    story.events[0].data.entries[0].key = '__proto__'
    const { rows } = runStory(story, 1)
    const row = rows[0][0]
    expect(Object.hasOwn(row, '__proto__')).toBe(true)
    expect(JSON.stringify(row)).toBe('{"__proto__":{"polluted":"yes"},"m":{"__proto__":{"polluted":1}}}')
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
  })
})

describe('nested values have their own streams', () => {
  it('removing a nested key does not change its neighbours', () => {
    const make = (withName: boolean) =>
      testStory([
        {
          id: 'a',
          data: {
            set: {
              ...(withName ? { name: 'faker.name()' } : {}),
              company: 'faker.company()',
              tags: ['uuid4()', 'uuid4()'],
            },
          },
        },
      ])
    const a = runStory(make(true), 3).rows[0]
    const b = runStory(make(false), 3).rows[0]
    expect(b.map((r) => r.set)).toEqual(
      a.map((r) => ({ company: (r.set as any).company, tags: (r.set as any).tags })),
    )
    const tags = (a[0].set as any).tags
    expect(tags[0]).not.toBe(tags[1])
  })
})

/** True when a value is plain JSON data all the way down (no class instances, no Dates). */
function plainJson(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true
  if (Array.isArray(v)) return v.every(plainJson)
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.values(v as object).every(plainJson)
  return false
}

describe('output is plain JSON (SPEC section 4)', () => {
  it('times and durations become ISO strings in data, also in maps and lists; siblings read the values', () => {
    const story = testStory(
      [
        {
          id: 'a',
          data: {
            created: '= timestamp',
            expires: '= created + duration(hours=1)',
            ttl: 'duration(minutes=90)',
            meta: { at: '= timestamp', list: ['= ttl', 1, 'x'] },
            later: '= meta.at + duration(days=1)',
            built: "= [timestamp, {'d': ttl, 'n': 1}, [timestamp]]",
            plain: "= {'a': [1, 2], 'b': 'c'}",
            past: 'faker.date.past()',
            dates: 'faker.date.betweens(from=timestamp - duration(days=2), to=timestamp, count=2)',
            text: '${created}',
          },
        },
      ],
      { timezone: 'America/New_York' },
    )
    const { rows } = runStory(story, 2)
    const r = rows[0][1]
    for (const row of rows[0]) expect(plainJson(row), JSON.stringify(row)).toBe(true)
    expect(r.created).toBe('2025-01-02T00:00:00.000-05:00')
    expect(r.expires).toBe('2025-01-02T01:00:00.000-05:00')
    expect(r.ttl).toBe('PT1H30M')
    expect(r.meta).toEqual({ at: '2025-01-02T00:00:00.000-05:00', list: ['PT1H30M', 1, 'x'] })
    expect(r.later).toBe('2025-01-03T00:00:00.000-05:00')
    expect(r.built).toEqual([
      '2025-01-02T00:00:00.000-05:00',
      { d: 'PT1H30M', n: 1 },
      ['2025-01-02T00:00:00.000-05:00'],
    ])
    expect(r.plain).toEqual({ a: [1, 2], b: 'c' })
    expect(r.past).toMatch(/^20\d\d-\d\d-\d\dT.*-0[45]:00$/)
    expect((r.dates as string[]).every((d) => /-05:00$/.test(d))).toBe(true)
    expect(r.text).toBe(r.created)
  })

  it('when: reads the values themselves, as siblings do', () => {
    const story = testStory([
      { id: 'a', data: { at: '= timestamp + duration(hours=1)' }, when: 'at > timestamp and hour(at) == 1' },
    ])
    expect(runStory(story, 3).rows[0]).toHaveLength(3)
  })
})

describe('prev/ref of a time is its ISO string; time arithmetic accepts it', () => {
  it('prev.x + duration, time - prev.x, comparisons and seconds_between', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          created: '= timestamp',
          next: '= prev.created + duration(hours=1)',
          back: '= prev.created - duration(hours=1)',
          dur: '= prev.created ? str(timestamp - prev.created) : null',
          rev: '= prev.created ? str(prev.created - timestamp) : null',
          newer: '= prev.created ? timestamp > prev.created : null',
          gap: '= prev.created ? seconds_between(prev.created, timestamp) : null',
          day: '= prev.created ? weekday(prev.created) : null',
          raw: '= prev.created',
          joined: "= 'x' + duration(hours=1)",
          notime: "= 'soon' + duration(hours=1)",
        },
      },
    ])
    const rows = runStory(story, 2).rows[0]
    expect(rows[0].next).toBeNull()
    expect(rows[1]).toMatchObject({
      next: '2025-01-01T01:00:00.000+00:00',
      back: '2024-12-31T23:00:00.000+00:00',
      dur: 'PT24H',
      rev: '-PT24H',
      newer: true,
      gap: 86400,
      day: 2,
      raw: '2025-01-01T00:00:00.000+00:00',
      joined: 'xPT1H',
      notime: 'soonPT1H',
    })
  })
})

describe('`$` names and explicit context names', () => {
  it('reads `$set.first_name` and `prev.$current_url`', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          $set: { first_name: "choice(['Ada'])" },
          name: '= $set.first_name',
          $current_url: "= '/p/' + index",
          last_url: '= prev.$current_url',
          hole: 'hi ${$set.first_name}',
        },
      },
    ])
    const rows = runStory(story, 2).rows[0]
    expect(rows[1]).toMatchObject({ name: 'Ada', $current_url: '/p/1', last_url: '/p/0', hole: 'hi Ada' })
  })

  it('`event: = $event` fills a payload field from the context; bare names keep meaning the sibling', () => {
    const story = testStory([
      {
        id: 'a',
        source: 'segment',
        event: 'Order Completed',
        data: {
          event: '= $event',
          timestamp: '= $timestamp',
          index: '= $index * 10',
          source: '= $source',
          org: '= $org_id',
          copy: '= event + "!"',
          n: '= index',
        },
      },
    ])
    const rows = runStory(story, 2).rows[0]
    expect(rows[1]).toEqual({
      event: 'Order Completed',
      timestamp: '2025-01-02T00:00:00.000+00:00',
      index: 10,
      source: 'segment',
      org: 'example_org',
      copy: 'Order Completed!',
      n: 10,
    })
  })
})

describe('ref/lookup of the envelope', () => {
  const story = (childData: Record<string, unknown>, parentData: Record<string, unknown> = { x: 1 }) =>
    testStory(
      [
        { id: 'signup', data: parentData },
        { id: 'paid', data: childData },
      ],
      { timezone: 'America/New_York' },
    )

  it('timestamp (a time in the story zone), id and index of the referenced occurrence', () => {
    const { rows, program: compiled } = runStory(
      story({
        at: 'ref(signup.timestamp)',
        id: 'ref(signup.id)',
        n: 'ref(signup.index)',
        since: 'seconds_between(ref(signup.timestamp), timestamp)',
        dur: '= str(timestamp - ref(signup.timestamp))',
        hour: 'hour(ref(signup.timestamp))',
        any: 'lookup(signup.index)',
      }),
      3,
    )
    expect(rows[1][2]).toMatchObject({
      // Same instant as its signup (referenced definitions come first at a tie).
      at: '2025-01-03T00:00:00.000-05:00',
      id: expect.stringMatching(UUID),
      n: 2,
      since: 0,
      dur: 'PT0S',
      hour: 0,
    })
    expect([0, 1, 2]).toContain(rows[1][2].any)
    // Envelope reads keep no data fields; the target is still a ref target (kept in history).
    expect(compiled.defs[0].keptFields).toEqual([])
    expect(compiled.defs[1].refTargets).toEqual([0])
    expect(compiled.defs[1].lookupTargets).toEqual([0])
  })

  it('a data field of that name wins over the envelope', () => {
    const { rows, program: compiled } = runStory(
      story({ t: 'ref(signup.timestamp)', i: 'ref(signup.id)' }, { timestamp: 'then', id: '= index + 100' }),
      2,
    )
    expect(rows[1][1]).toEqual({ t: 'then', i: 101 })
    expect(compiled.defs[0].keptFields.toSorted()).toEqual(['id', 'timestamp'])
  })
})
