// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { checkExpression, emptyUses } from './check.ts'
import { compileStory } from './compile-story.ts'
import { parseExpression } from './parser.ts'
import { diagnose, type TestDef, testStory } from './test-story.ts'

/** Each diagnostic as [code, the exact text its span covers in the file]. */
function found(
  data: Record<string, unknown>,
  more: TestDef[] = [],
  extra: Partial<TestDef> = {},
): [string, string][] {
  const { story, diagnostics } = diagnose(data, more, extra)
  const file = story.sources[story.file]
  return diagnostics.map((d: Diagnostic) => [d.code, file.slice(d.span.start, d.span.end)])
}

const other: TestDef[] = [
  { id: 'user.signup', data: { user_id: 'uuid4()', plan: 'pro', address: { city: 'x' } } },
]

describe('checker: every problem with its code and exact span', () => {
  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    ['syntax error', { a: '= 1 +' }, [['expr/syntax', '']]],
    ['unterminated call over lines', { a: "switch(plan, {\n 'a': 1\n" }, [['expr/syntax', '']]],
    ['unknown function', { a: 'randm(1, 2)' }, [['expr/unknown-function', 'randm']]],
    ['unknown faker path', { a: 'faker.persn.fullName()' }, [['expr/unknown-faker', 'faker.persn.fullName']]],
    [
      'faker without call',
      { a: '= faker.person.fullName' },
      [['expr/unknown-faker', 'faker.person.fullName']],
    ],
    ['too many args', { a: 'uuid4(1)' }, [['expr/arguments', '1']]],
    ['missing arg', { a: 'upper()' }, [['expr/arguments', 'upper()']]],
    ['wrong kwarg', { a: 'duration(hour=1)' }, [['expr/arguments', 'hour']]],
    ['positional to keyword-only', { a: 'duration(1)' }, [['expr/arguments', '1']]],
    ['wrong arg type', { a: "random('a', 2)" }, [['expr/arguments', "'a'"]]],
    ['random with one bound', { a: 'random(5)' }, [['expr/arguments', '5']]],
    ['random max below min', { a: 'random(6, 1)' }, [['expr/arguments', '1']]],
    ['python faker bad kwarg', { a: 'faker.sentence(words=3)' }, [['expr/arguments', 'words']]],
    ['unknown bare name', { a: '= plann', plan: 'x' }, [['expr/unknown-name', 'plann']]],
    ['function used as a name', { a: '= uuid4' }, [['expr/unknown-name', 'uuid4']]],
    [
      'cycle between siblings',
      { a: '= b + 1', b: '= a + 1' },
      [
        ['expr/cycle', 'b'],
        ['expr/cycle', 'a'],
      ],
    ],
    ['self cycle', { count: '= count + 1' }, [['expr/cycle', 'count']]],
    [
      'ref to a missing event',
      { a: 'ref(user.sigup.user_id)' },
      [['expr/unknown-ref', 'user.sigup.user_id']],
    ],
    [
      'ref to a missing field',
      { a: 'ref(user.signup.userid)' },
      [['expr/unknown-ref-field', 'user.signup.userid']],
    ],
    ['lookup to a missing event', { a: 'lookup(nope.x)' }, [['expr/unknown-ref', 'nope.x']]],
    ['ref with an expression', { a: 'ref(1 + 2)' }, [['expr/arguments', '1 + 2']]],
    ['prev of a missing field', { a: 'prev.b' }, [['expr/unknown-prev-field', 'b']]],
    ['bare prev', { a: '= prev' }, [['expr/unknown-prev-field', 'prev']]],
    ['negative weight', { a: "weighted({'x': 0.5, 'y': -0.1})" }, [['expr/negative-weight', '-0.1']]],
    ['negative weight in list form', { a: "weighted(['x'], [-1])" }, [['expr/negative-weight', '-1']]],
    ['empty choice', { a: 'choice([])' }, [['expr/arguments', '[]']]],
    ['template hole error', { a: 'Hello ${nme}', name: 'x' }, [['expr/unknown-name', 'nme']]],
    ['nested data error', { a: { b: ['ok', 'randm()'] } }, [['expr/unknown-function', 'randm']]],
    [
      'several problems in one field, all reported',
      { a: '= foo(1) + bar + faker.x.y()' },
      [
        ['expr/unknown-function', 'foo'],
        ['expr/unknown-name', 'bar'],
        ['expr/unknown-faker', 'faker.x.y'],
      ],
    ],
  ]
  it.each(cases)('%s', (_name, data, expected) => {
    expect(found(data, other)).toEqual(expected)
  })

  it('syntax errors point at the exact character', () => {
    const { story, diagnostics } = diagnose({ a: '= 1 + * 2' })
    const d = diagnostics[0]
    expect(d.code).toBe('expr/syntax')
    expect(story.sources[story.file].slice(d.span.start, d.span.end)).toBe('*')
    expect(d.hint).toMatch(/backslash/)
  })

  it('reports problems of every definition and option at once', () => {
    const story = testStory([
      { id: 'a', data: { x: 'nope()' }, when: 'y > 1', delay: 'duration(days=x)' },
      { id: 'b', data: { y: 'ref(a.zz)' }, every: 'duration(hours=0)' },
    ])
    const { diagnostics } = compileStory(story)
    const file = story.sources[story.file]
    expect(diagnostics.map((d) => [d.code, file.slice(d.span.start, d.span.end)])).toEqual([
      ['expr/unknown-function', 'nope'],
      ['expr/unknown-name', 'y'],
      ['expr/unknown-name', 'x'],
      ['expr/unknown-ref-field', 'a.zz'],
      ['schedule/non-positive-every', 'duration(hours=0)'],
    ])
  })

  it('gives did-you-mean hints', () => {
    const { diagnostics } = diagnose(
      {
        a: 'randm(1, 2)',
        b: 'faker.persn.fullName()',
        c: 'ref(user.sigup.user_id)',
        plan: 'x',
        d: '= plann',
      },
      other,
    )
    expect(diagnostics.map((d) => d.hint)).toEqual([
      'did you mean `random`?',
      'did you mean `faker.person.fullName`?',
      'did you mean `user.signup`?',
      'did you mean `plan`?',
    ])
  })

  it('accepts what is valid: siblings in any order, context names, ref with nested path and dotted ids', () => {
    expect(
      found(
        {
          total: '= price * quantity',
          price: 'random(1, 9)',
          quantity: 2,
          label: '${event} ${source} ${org_id} #${index} at ${timestamp}',
          city: 'ref(user.signup.address.city)',
          who: "ref('user.signup.user_id')",
          last: 'prev.total',
          source: 'weighted({"google": 0.6, "direct": 0.4})',
        },
        other,
      ),
    ).toEqual([])
  })

  it('`$` names: payload keys as siblings and members, `$event` and friends as context', () => {
    expect(
      found(
        {
          $set: { first_name: 'faker.first_name()' },
          name: '= $set.first_name',
          url: '= prev.$current_url ?? "/"',
          $current_url: '/pricing',
          label: '${$event} ${$source} ${$org_id} #${$index} at ${$timestamp}',
        },
        other,
        { delay: 'duration(minutes=$index)' },
      ),
    ).toEqual([])
    expect(found({ a: '= $nope' })).toEqual([['expr/unknown-name', '$nope']])
  })

  it('a field named like a context value: `$event` reads the context, bare `event` the field', () => {
    expect(found({ event: '= $event', timestamp: '= $timestamp', index: '= $index + 1' })).toEqual([])
    const { diagnostics } = diagnose({ event: '= event' })
    expect(diagnostics.map((d) => d.code)).toEqual(['expr/cycle'])
    expect(diagnostics[0].hint).toMatch(/\$event/)
    // `$event` is never a sibling, even when a data field has that very name.
    expect(found({ $event: 'x', e: '= $event', f: '= $event' })).toEqual([])
  })

  it('ref/lookup read the envelope (timestamp, id, index) of an event without such data fields', () => {
    const uses = emptyUses()
    expect(
      found(
        {
          at: 'ref(user.signup.timestamp)',
          id: 'ref(user.signup.id)',
          n: 'lookup(user.signup.index)',
          since: '= timestamp - ref(user.signup.timestamp)',
          secs: 'seconds_between(ref(user.signup.timestamp), timestamp)',
        },
        other,
      ),
    ).toEqual([])
    expect(found({ a: 'ref(user.signup.timestamp.x)' }, other)).toEqual([
      ['expr/unknown-ref-field', 'user.signup.timestamp.x'],
    ])
    const d = diagnose({ a: 'ref(user.signup.tmestamp)' }, other).diagnostics
    expect(d[0].hint).toBe('did you mean `timestamp`?')
    // The checker marks envelope reads so that nothing is kept for them.
    const parsed = parseExpression('ref(user.signup.timestamp)')
    if (!parsed.ok) throw new Error('parse')
    const env = {
      siblings: new Set<string>(),
      ownFields: new Set<string>(),
      events: new Map([['user.signup', 1]]),
      fieldsOf: () => new Set(['user_id']),
    }
    expect(checkExpression(parsed.expr, env, uses)).toEqual([])
    expect(uses.refs.map((r) => [r.field, r.envelope])).toEqual([['timestamp', true]])
  })

  it('data fields are not visible in delay/offset/jitter/every', () => {
    const story = testStory([
      { id: 'a', data: { x: 1 }, delay: 'duration(days=x)', offset: 'duration(hours=index)' },
    ])
    const d = compileStory(story).diagnostics
    expect(d.map((x) => x.code)).toEqual(['expr/unknown-name'])
    expect(d[0].message).toMatch(/evaluated before data/)
  })
})
