// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { runStory } from '../generate/run-test-story.ts'
import { checkExpression, emptyUses } from './check.ts'
import { dependencyOrder } from './field-order.ts'
import { CHECK_LIMITS, PARSE_LIMITS, VALUE_LIMITS } from './limits.ts'
import { parseExpression } from './parser.ts'
import { diagnose, testStory } from './test-story.ts'

function found(data: Record<string, unknown>): [string, string, string][] {
  const { story, diagnostics } = diagnose(data)
  const file = story.sources[story.file]
  return diagnostics.map((d: Diagnostic) => [d.code, file.slice(d.span.start, d.span.end), d.message])
}

const sum = (n: number): string => `= ${Array.from({ length: n }, () => '1').join('+')}`

describe('parser and checker: deep and long expressions are expr/too-complex, never a stack overflow', () => {
  const cases: [string, string, string][] = [
    ['3,000-deep member chain', `= a${'.b'.repeat(3000)}`, 'expr/too-complex'],
    ['4,500-term sum', sum(4500), 'expr/too-complex'],
    ['4,500-term or', `= ${Array.from({ length: 4500 }, () => '1').join('||')}`, 'expr/too-complex'],
    ['deep parentheses', `= ${'('.repeat(5000)}1${')'.repeat(5000)}`, 'expr/too-complex'],
    ['deep lists', `= ${'['.repeat(5000)}1${']'.repeat(5000)}`, 'expr/too-complex'],
    ['deep unary', `= ${'-'.repeat(5000)}1`, 'expr/too-complex'],
    ['deep index chain', `= a${'[0]'.repeat(3000)}`, 'expr/too-complex'],
    ['deep call chain', `= upper${'(x)'.repeat(3000)}`, 'expr/too-complex'],
    ['6,000 list items', `= [${Array.from({ length: 6000 }, () => '1').join(',')}]`, 'expr/too-complex'],
    ['number beyond 1.8e308', '= 1e999 + 1', 'expr/syntax'],
  ]
  it.each(cases)(
    '%s',
    (_name, text, code) => {
      const got = found({ a: 1, x: text })
      expect(got.map(([c]) => c)).toEqual([code])
    },
    10_000,
  )

  it('long but shallow expressions still work', () => {
    const { rows } = runStory(testStory([{ id: 'a', data: { x: sum(200) } }]), 1)
    expect(rows[0][0].x).toBe(200)
  })

  it('the limits are what the docs say', () => {
    expect(PARSE_LIMITS.maxHeight).toBeLessThan(1000)
    const r = parseExpression(`a${'.b'.repeat(PARSE_LIMITS.maxHeight + 1)}`)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problem.message).toContain(String(PARSE_LIMITS.maxHeight))
    const ok = parseExpression(`a${'.b'.repeat(PARSE_LIMITS.maxHeight - 2)}`)
    expect(ok.ok).toBe(true)
    if (ok.ok) {
      const env = {
        siblings: new Set(['a']),
        ownFields: new Set(['a']),
        events: new Map(),
        fieldsOf: () => new Set<string>(),
      }
      expect(checkExpression(ok.expr, env, emptyUses())).toEqual([])
    }
  })
})

describe('sibling cycles: detected iteratively, one bounded diagnostic', () => {
  const chain = (n: number): Record<string, unknown> => {
    const data: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) data[`f${i}`] = `= f${(i + 1) % n}`
    return data
  }

  it.each([5_000, 15_000])(
    '%d-field cycle',
    (n) => {
      const got = found(chain(n))
      expect(got.map(([c, t]) => [c, t])).toEqual([['expr/cycle', 'f1']])
      expect(got[0][2]).toContain(`and ${n - CHECK_LIMITS.maxCycleNames} more`)
      expect(got[0][2].length).toBeLessThan(300)
    },
    30_000,
  )

  it('a 15,000-field chain without a cycle orders without recursion', () => {
    const n = 15_000
    const fields = Array.from({ length: n }, (_, i) => ({
      name: `f${i}`,
      uses: { siblings: new Map(i + 1 < n ? [[`f${i + 1}`, { start: 0, end: 1 }]] : []) },
    }))
    const cycles: string[][] = []
    const order = dependencyOrder(fields, (_f, c) => cycles.push(c))
    expect(cycles).toEqual([])
    expect(order[0].name).toBe(`f${n - 1}`)
    expect(order.at(-1)!.name).toBe('f0')
  })

  it('short cycles still name every field on them', () => {
    expect(found({ a: '= b', b: '= a' }).map(([c, t]) => [c, t])).toEqual([
      ['expr/cycle', 'b'],
      ['expr/cycle', 'a'],
    ])
  })

  it('hints about siblings stay short in a story with thousands of fields', () => {
    const data: Record<string, unknown> = {}
    for (let i = 0; i < 5000; i++) data[`field_${i}`] = i
    data.x = '= zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
    const { diagnostics } = diagnose(data)
    expect(diagnostics.map((d) => d.code)).toEqual(['expr/unknown-name'])
    expect((diagnostics[0].hint ?? '').length).toBeLessThan(400)
  }, 30_000)
})

describe('numbers: bad literal arguments are expr/arguments at their span', () => {
  const cases: [string, string, string][] = [
    ['poisson negative', '= poisson(-1)', '-1'],
    ['poisson huge', '= poisson(1e10)', '1e10'],
    ['exponential zero', '= exponential(0)', '0'],
    ['random beyond 2^53', '= random(0, 1e300)', '1e300'],
    ['random lower bound', '= random(-1e17, 5)', '-1e17'],
    ['duration of 1e15 days', '= duration(days=1e15)', '1e15'],
    ['duration of 1e20 ms', '= duration(milliseconds=1e20)', '1e20'],
  ]
  it.each(cases)('%s', (_name, text, span) => {
    expect(found({ x: text }).map(([c, t]) => [c, t])).toEqual([['expr/arguments', span]])
  })
})

// [name, data, code, text under the span]: the field `x` is null, the problem counted once per occurrence.
const RUNTIME: [string, Record<string, unknown>, string, string][] = [
  ['poisson(NaN) does not loop', { n: Number.NaN, x: '= poisson(n)' }, 'runtime/not-finite', 'poisson(n)'],
  [
    'poisson(Infinity)',
    { n: Number.POSITIVE_INFINITY, x: '= poisson(n)' },
    'runtime/not-finite',
    'poisson(n)',
  ],
  ['poisson huge lambda', { n: 1e12, x: '= poisson(n)' }, 'runtime/number-range', 'poisson(n)'],
  ['poisson negative lambda', { n: -3, x: '= poisson(n)' }, 'runtime/number-range', 'poisson(n)'],
  [
    'gaussian of Infinity',
    { n: Number.POSITIVE_INFINITY, x: '= gaussian(n, 1)' },
    'runtime/not-finite',
    'gaussian(n, 1)',
  ],
  ['exponential of NaN', { n: Number.NaN, x: '= exponential(n)' }, 'runtime/not-finite', 'exponential(n)'],
  ['exponential rate 0', { n: 0, x: '= exponential(n)' }, 'runtime/number-range', 'exponential(n)'],
  [
    'lognormal overflow',
    { n: 1000, x: '= lognormal(n, 0.001)' },
    'runtime/not-finite',
    'lognormal(n, 0.001)',
  ],
  ['random bound beyond 2^53', { n: 1e300, x: '= random(0, n)' }, 'runtime/number-range', 'random(0, n)'],
  ['random bound NaN', { n: Number.NaN, x: '= random(0, n)' }, 'runtime/not-finite', 'random(0, n)'],
  ['random float times huge', { n: 9e15, x: '= random(-n, n) * 1e300' }, 'runtime/not-finite', '*'],
  ['bool of NaN', { n: Number.NaN, x: '= bool(n)' }, 'runtime/not-finite', 'bool(n)'],
  ['multiplication overflow', { n: 1e200, x: '= n * n' }, 'runtime/not-finite', '*'],
  ['addition overflow', { n: 1.7e308, x: '= n + n' }, 'runtime/not-finite', '+'],
  ['subtraction overflow', { n: 1.7e308, x: '= -n - n' }, 'runtime/not-finite', '-'],
  ['division overflow', { n: 1e308, x: '= n / 0.001' }, 'runtime/not-finite', '/'],
  ['duration overflow', { n: 1e308, x: '= duration(hours=1) * n' }, 'runtime/not-finite', '*'],
  ['duration of 1e15 days', { n: 1e15, x: '= duration(days=n)' }, 'runtime/number-range', 'duration(days=n)'],
  [
    'time beyond the Date range',
    { x: '= timestamp + duration(days=99999999) + duration(days=99999999)' },
    'runtime/number-range',
    '+',
  ],
  ['int beyond 2^53', { n: 1e300, x: '= int(n)' }, 'runtime/number-range', 'int(n)'],
  ["float('1e999')", { x: "= float('1e999')" }, 'runtime/not-finite', "float('1e999')"],
  ['round of Infinity', { n: Number.POSITIVE_INFINITY, x: '= round(n)' }, 'runtime/not-finite', 'round(n)'],
  ['abs of NaN', { n: Number.NaN, x: '= abs(n)' }, 'runtime/not-finite', 'abs(n)'],
  ['NaN copied from a sibling', { n: Number.NaN, x: '= n' }, 'runtime/not-finite', 'n'],
  [
    'Infinity through a condition',
    { n: Number.POSITIVE_INFINITY, x: '= true ? n : 0' },
    'runtime/not-finite',
    'true ? n : 0',
  ],
]

describe('numbers at run time: NaN, Infinity and huge values are counted diagnostics, never silent', () => {
  it.each(RUNTIME)(
    '%s',
    (_name, data, code, text) => {
      const story = testStory([{ id: 'a', data }])
      const { rows, issues } = runStory(story, 3)
      for (const r of rows[0]) expect(r.x).toBeNull()
      const diags = issues.toDiagnostics()
      expect(diags.map((d) => [d.code, d.path.at(-1), d.count])).toEqual([[code, 'x', 3]])
      const file = story.sources[story.file]
      expect(file.slice(diags[0].span.start, diags[0].span.end)).toBe(text)
    },
    10_000,
  )
})

const big = 'x'.repeat(900_000)
const VALUES: [string, Record<string, unknown>][] = [
  ['list of long strings', { s: big, x: '= [s, s, s]' }],
  ['map of long strings', { s: big, x: '= {a: s, b: s, c: s}' }],
  ['str() of a large list', { s: 'y'.repeat(600_000), x: '= str([s, s])' }],
  ['upper() past the text limit', { s: 'ß'.repeat(600_000), x: '= upper(s)' }],
  ['datetime pattern that expands', { s: '%A'.repeat(200_000), x: '= datetime(s)' }],
  ['template past the text limit', { s: big, x: '${s}${s}' }],
]

describe('values: every builtin and literal respects the size limits (runtime/limit)', () => {
  it.each(VALUES)(
    '%s',
    (_name, data) => {
      const { rows, issues } = runStory(testStory([{ id: 'a', data }]), 1)
      expect(rows[0][0].x).toBeNull()
      expect(issues.toDiagnostics().map((d) => d.code)).toEqual(['runtime/limit'])
      expect(VALUE_LIMITS.maxText).toBe(1_000_000)
    },
    20_000,
  )
})
