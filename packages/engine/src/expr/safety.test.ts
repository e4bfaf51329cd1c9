// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NO_REFS, runStory } from '../generate/run-test-story.ts'
import { hashString, Rng } from '../runtime/rng.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import { compileStory } from './compile-story.ts'
import { createRunFrame } from './run-frame.ts'
import { testStory } from './test-story.ts'

const g = globalThis as Record<string, unknown>

/** Known escapes from the history of JS expression evaluators (angular, handlebars, expr-eval, vm2 ...). */
const PAYLOADS = [
  "= constructor.constructor('globalThis.pwned = 1')()",
  '= x.constructor',
  "= x['constructor']",
  "= x['\\u0063onstructor']",
  "= x['\\x63onstructor']",
  '= \\u0063onstructor',
  '= x.__proto__',
  "= x['__proto__']",
  '= x.__proto__.polluted',
  "= ''.constructor.constructor('globalThis.pwned = 1')()",
  "= (1).constructor('x')",
  '= [].constructor',
  '= {}.__proto__',
  '= x.prototype',
  '= x.toString()',
  '= x.valueOf()',
  "= x.hasOwnProperty('a')",
  "= x.__defineGetter__('a', 1)",
  '= timestamp.constructor',
  '= this',
  '= globalThis.pwned',
  '= process.env',
  "= require('child_process')",
  "= import('fs')",
  "= eval('globalThis.pwned = 1')",
  "= Function('globalThis.pwned = 1')()",
  '= Math.random()',
  '= Date.now()',
  '= window.location',
  "= fetch('http://example.com')",
  "= setTimeout('globalThis.pwned = 1')",
  "${constructor.constructor('globalThis.pwned = 1')()}",
  "= upper.call(null, 'x')",
  "= upper('x').constructor",
  "= choice(['a']).toString()",
  '= faker.constructor()',
  "= faker.helpers.multiple('x')",
  '= faker.person.__proto__()',
  '= faker.person._locale()',
  '= faker.helpers.constructor()',
  '= x.then',
  "= (x ?? {})['constructor']",
]

describe('safety: escape payloads are diagnostics and nothing runs', () => {
  afterEach(() => {
    delete g.pwned
  })

  it.each(PAYLOADS)('%s', (payload) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const story = testStory([{ id: 'a', data: { x: { a: 1 }, p: payload } }])
    const { program: compiled, diagnostics } = compileStory(story)
    expect(diagnostics.length, payload).toBeGreaterThan(0)
    expect([
      'expr/unsafe',
      'expr/syntax',
      'expr/unknown-name',
      'expr/unknown-function',
      'expr/unknown-faker',
    ]).toContain(diagnostics[0].code)
    // Even when a caller ignores the diagnostics and runs the story, the field is null and nothing ran.
    const rng = new Rng(1, hashString('a'), 0)
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
    const data = createRunFrame(compiled).defs[0].resolveData(scope)
    expect(data.p).toBeNull()
    expect(g.pwned).toBeUndefined()
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('has at least 20 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20)
  })

  it('computed keys reach only own data: prototype members read as null', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          x: { a: 1 },
          c: "= x['con' + 'structor']",
          p: "= x['__pro' + 'to__']",
          t: "= x['toStr' + 'ing']",
          l: "= [1, 2]['len' + 'gth']",
        },
      },
    ])
    const { rows, issues } = runStory(story, 1)
    expect(rows[0][0]).toMatchObject({ c: null, p: null, t: null, l: null })
    expect(issues.toDiagnostics().map((d) => d.code)).toEqual(['runtime/type-error'])
  })
})

describe('no wall clock, no ambient randomness', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('evaluates every builtin and faker module with Math.random and Date.now throwing', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called')
    })
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called')
    })
    const story = testStory([
      {
        id: 'a',
        data: {
          r: 'random(1, 6)',
          g: 'gaussian(0, 1)',
          u: 'uuid4()',
          d: 'datetime()',
          c: "choice(['a', 'b'])",
          w: "weighted({'a': 1, 'b': 2})",
          p: 'poisson(3)',
          e: 'exponential(1)',
          ln: 'lognormal(0, 1)',
          b: 'bool()',
          name: 'faker.name()',
          email: 'faker.email()',
          past: 'faker.date.past()',
          recent: 'faker.date.recent()',
          birth: 'faker.date.birthdate()',
          ulid: 'faker.string.ulid()',
          uuid: 'faker.string.uuid()',
          sentence: 'faker.lorem.sentence()',
          commit: 'faker.git.commitEntry()',
          company: 'faker.company()',
          addr: 'faker.address()',
          card: 'faker.credit_card_number()',
          pick: "faker.helpers.arrayElement(['x', 'y'])",
          n: 'faker.number.int(min=1, max=3)',
        },
      },
    ])
    const { rows, issues } = runStory(story, 5)
    expect(issues.toDiagnostics()).toEqual([])
    expect(rows[0]).toHaveLength(5)
    expect(String(rows[0][0].past)).toMatch(/^20\d\d-/)
    // faker dates are relative to the occurrence, not the wall clock.
    expect(Date.parse(rows[0][0].past as string)).toBeLessThan(Date.UTC(2025, 0, 1))
  })
})

describe('fast-check: any expression text gives a value or diagnostics, never a throw', () => {
  const tokens = [
    '1',
    '2.5',
    '-',
    '+',
    '*',
    '/',
    '%',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ',',
    ':',
    '.',
    '?',
    '??',
    '==',
    '<',
    'and',
    'or',
    'not',
    'in',
    "'s'",
    '"t"',
    'x',
    'y',
    'index',
    'timestamp',
    'prev',
    'prev.x',
    'random',
    'switch',
    'choice',
    'weighted',
    'duration',
    'hours=',
    'faker',
    'faker.name',
    'ref',
    'a.x',
    'null',
    'true',
    '${',
    '__proto__',
    'constructor',
    '=',
    '\n',
  ]
  const run = (text: string): void => {
    const story = testStory([
      { id: 'a', data: { x: 1, y: 'text', f: text } },
      { id: 'b', data: { g: text } },
    ])
    const { program: compiled, diagnostics } = compileStory(story)
    expect(Array.isArray(diagnostics)).toBe(true)
    const rng = new Rng()
    const scope: OccurrenceScope = {
      rng,
      index: 0,
      timeMs: 0,
      timezone: 'UTC',
      prev: null,
      parent: null,
      refs: NO_REFS,
      provenance: [],
    }
    for (let i = 0; i < 2; i++) {
      for (const def of createRunFrame(compiled).defs) {
        rng.reseed(0, def.program.def.index, i)
        scope.index = i
        const data = def.resolveData(scope)
        def.when?.(scope, data)
        expect(() => JSON.stringify(data)).not.toThrow()
      }
    }
  }

  it('token soup, prefixed with = or as a call', () => {
    const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 14 }).map((t) => t.join(' '))
    fc.assert(
      fc.property(soup, fc.constantFrom('= ', 'random(', 'x ${', ''), (body, prefix) => run(prefix + body)),
      { numRuns: 1500, seed: 7 },
    )
  })

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => run(`= ${s}`)),
      { numRuns: 1000, seed: 11 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => run(s)),
      { numRuns: 500, seed: 13 },
    )
  })
})

describe('resource limits: a story cannot exhaust memory', () => {
  it('growing strings, lists and nesting through prev stop at the limits', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          s: "= (prev.s ?? 'ab') + (prev.s ?? 'ab')",
          t: '${prev.t}${prev.t}x',
          l: '= (prev.l ?? [1]) + (prev.l ?? [1])',
          n: '= [prev.n]',
          d: ['prev.d', 'prev.d', 'x'],
        },
      },
    ])
    const { rows, issues } = runStory(story, 45)
    // Each value grows until it hits a limit, becomes null, and starts again.
    for (const f of ['s', 't', 'l', 'n', 'd'])
      expect(
        rows[0].some((r) => r[f] === null),
        f,
      ).toBe(true)
    for (const r of rows[0]) expect(JSON.stringify(r).length).toBeLessThan(10_000_000)
    const codes = issues.toDiagnostics().map((d) => `${d.code} ${d.path.at(-1)}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        'runtime/limit s',
        'runtime/limit t',
        'runtime/limit l',
        'runtime/limit n',
        'runtime/limit d',
      ]),
    )
  })

  it('faker lengths and counts are bounded, also when computed at run time', () => {
    const story = testStory([
      {
        id: 'a',
        data: {
          big: 1000000000,
          w: 'faker.lorem.words(big)',
          a: 'faker.string.alpha(length=big)',
          s: 'faker.string.alpha(str(big))',
          ok: 'faker.lorem.words(3)',
        },
      },
    ])
    const { rows, issues } = runStory(story, 1)
    expect(rows[0][0]).toMatchObject({ w: null, a: null, s: null })
    expect(String(rows[0][0].ok).split(' ')).toHaveLength(3)
    expect(issues.toDiagnostics().map((d) => d.code)).toEqual([
      'runtime/limit',
      'runtime/limit',
      'runtime/limit',
    ])
  })
})
