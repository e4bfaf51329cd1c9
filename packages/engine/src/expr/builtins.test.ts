import { describe, expect, it } from 'vitest'
import { evalField, runStory, sampleField } from '../generate/run-test-story.ts'
import { Duration } from '../schedule/duration.ts'
import { BUILTINS, builtinDocs, getBuiltin } from './builtins.ts'
import { diagnose, testStory } from './test-story.ts'

const N = 100_000

function proportions(values: unknown[]): Map<unknown, number> {
  const m = new Map<unknown, number>()
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1)
  for (const [k, n] of m) m.set(k, n / values.length)
  return m
}

function meanSd(values: number[]): { mean: number; sd: number } {
  let s = 0
  let q = 0
  for (const v of values) {
    s += v
    q += v * v
  }
  const mean = s / values.length
  return { mean, sd: Math.sqrt(q / values.length - mean * mean) }
}

describe('random', () => {
  it('random(1, 6) is an integer with both bounds inclusive, uniform (100k draws)', () => {
    const v = sampleField('random(1, 6)', N) as number[]
    const p = proportions(v)
    expect([...p.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6])
    for (const x of p.values()) expect(Math.abs(x - 1 / 6)).toBeLessThan(0.01)
  })

  it('random(-2, 2) with negative literals stays an integer, inclusive', () => {
    const v = sampleField('random(-2, 2)', 20_000) as number[]
    expect([...new Set(v)].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2])
  })

  it('random(0.0, 1.0) is a float in [min, max) when a bound is written with a decimal point', () => {
    const v = sampleField('random(0.0, 1.0)', N) as number[]
    expect(v.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(v.some((x) => !Number.isInteger(x))).toBe(true)
    expect(Math.abs(meanSd(v).mean - 0.5)).toBeLessThan(0.01)
    const w = sampleField('random(1, 6.0)', 1000) as number[]
    expect(w.some((x) => !Number.isInteger(x))).toBe(true)
  })

  it('integer-ness follows values when bounds are computed: integers give integers, floats give floats', () => {
    expect((sampleField('= random(index, index + 2)', 200) as number[]).every(Number.isInteger)).toBe(true)
    expect((sampleField('= random(float(1), 2)', 200) as number[]).some((x) => !Number.isInteger(x))).toBe(
      true,
    )
    expect((sampleField('= random(0.5 * 2, 3)', 200) as number[]).some((x) => !Number.isInteger(x))).toBe(
      false,
    )
  })
})

describe('distributions (100k draws, fixed seeds)', () => {
  it('gaussian(mean, sd): mean and stddev within 1%', () => {
    const { mean, sd } = meanSd(sampleField('gaussian(50, 10)', N) as number[])
    expect(Math.abs(mean - 50) / 50).toBeLessThan(0.01)
    expect(Math.abs(sd - 10) / 10).toBeLessThan(0.01)
  })

  it('weighted: proportions within 1% (weights normalised)', () => {
    const p = proportions(sampleField("weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})", N))
    expect(Math.abs(p.get('google')! - 0.6)).toBeLessThan(0.01)
    expect(Math.abs(p.get('direct')! - 0.3)).toBeLessThan(0.01)
    expect(Math.abs(p.get('referral')! - 0.1)).toBeLessThan(0.01)
    const q = proportions(sampleField("weighted({'a': 6, 'b': 3, 'c': 1})", N))
    expect(Math.abs(q.get('a')! - 0.6)).toBeLessThan(0.01)
  })

  it('weighted: list form and number keys', () => {
    const p = proportions(sampleField("weighted(['x', 'y'], [1, 3])", N))
    expect(Math.abs(p.get('y')! - 0.75)).toBeLessThan(0.01)
    expect(new Set(sampleField('weighted({1: 1, 2: 1})', 100))).toEqual(new Set([1, 2]))
  })

  it('choice: uniform (each of 4 within 1%)', () => {
    const p = proportions(sampleField("choice(['a', 'b', 'c', 'd'])", N))
    expect(p.size).toBe(4)
    for (const x of p.values()) expect(Math.abs(x - 0.25)).toBeLessThan(0.01)
    expect(new Set(sampleField("choice('h', 't')", 200))).toEqual(new Set(['h', 't']))
  })

  it('bool(p), poisson, exponential, lognormal have the right means', () => {
    expect(Math.abs(meanSd((sampleField('bool(0.3)', N) as boolean[]).map(Number)).mean - 0.3)).toBeLessThan(
      0.01,
    )
    expect(Math.abs(meanSd(sampleField('poisson(4)', N) as number[]).mean - 4) / 4).toBeLessThan(0.01)
    const big = meanSd(sampleField('poisson(100)', N) as number[])
    expect(Math.abs(big.mean - 100) / 100).toBeLessThan(0.01)
    expect(Math.abs(big.sd - 10) / 10).toBeLessThan(0.02)
    expect(Math.abs(meanSd(sampleField('exponential(2)', N) as number[]).mean - 0.5) / 0.5).toBeLessThan(0.01)
    const ln = meanSd((sampleField('lognormal(0, 0.5)', N) as number[]).map(Math.log))
    expect(Math.abs(ln.sd - 0.5) / 0.5).toBeLessThan(0.01)
  })
})

describe('pure functions', () => {
  const cases: [string, unknown][] = [
    ['int(3.9)', 3],
    ["int('42')", 42],
    ['int(-3.9)', -3],
    ["float('2.5')", 2.5],
    ['str(42)', '42'],
    ['str(duration(minutes=90))', 'PT1H30M'],
    ['round(3.14159, 2)', 3.14],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.005, 2)', 1.01],
    ['min(3, 1, 2)', 1],
    ['max([5, 4])', 5],
    ["min('b', 'a')", 'a'],
    ["upper('pro')", 'PRO'],
    ["lower('Hello')", 'hello'],
    ['abs(-4)', 4],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ["len('hello')", 5],
    ['len({a: 1})', 1],
    ["switch('pro', {'free': 0, 'pro': 99})", 99],
    ["switch('x', {'pro': 99, default: 0})", 0],
    ["switch(2, {1: 'one', 2: 'two'})", 'two'],
    ['duration(hours=1, minutes=30)', 'PT1H30M'],
    ['datetime()', '2025-01-01T00:00:00.000+00:00'],
    ["datetime('%Y-%m-%d %H:%M')", '2025-01-01 00:00'],
    ["datetime('unix')", 1735689600],
    ["datetime('unix_ms')", 1735689600000],
    ["datetime('%A', timestamp + duration(days=1))", 'Thursday'],
    ['weekday(timestamp)', 2],
    ['weekday()', 2],
    ['hour(timestamp + duration(hours=5))', 5],
    ['day(timestamp)', 1],
    ['month(timestamp)', 1],
    ['year(timestamp)', 2025],
    ['fixed(61.0571, 2)', '61.06'],
    ['fixed(5)', '5.00'],
    ['fixed(1.005, 2)', '1.01'],
    ['fixed(2.5, 0)', '3'],
    ['fixed(-2.5, 0)', '-3'],
    ['fixed(-0.001)', '0.00'],
    ['fixed(1234.5, 0)', '1235'],
    ['fixed(0.1 + 0.2, 2)', '0.30'],
    ['fixed(19.999, 2)', '20.00'],
    ['fixed(3, 4)', '3.0000'],
    ['seconds_between(timestamp - duration(hours=1), timestamp)', 3600],
    ['seconds_between(timestamp, timestamp - duration(milliseconds=1500))', -1.5],
    ["seconds_between('2024-12-31T23:59:30.000+00:00')", 30],
    ["seconds_between('2024-12-31T19:00:00-05:00', '2025-01-01T00:00:10Z')", 10],
  ]
  it.each(cases)('%s = %j', (text, expected) => {
    const [v] = evalField(text)
    expect(v instanceof Duration ? v.toISOString() : v).toEqual(expected)
  })

  it('uuid4() values are v4 UUIDs', () => {
    for (const u of sampleField('uuid4()', 100))
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('fixed(x, digits): money strings', () => {
  it('always has exactly `digits` decimals and matches round(x, digits)', () => {
    // Same field name and seed: the same draws, so the two columns line up.
    const rounded = sampleField('round(round(lognormal(3, 1), 3), 2)', 2000) as number[]
    const texts = sampleField('fixed(round(lognormal(3, 1), 3), 2)', 2000) as string[]
    texts.forEach((t, i) => {
      expect(t).toMatch(/^\d+\.\d\d$/)
      expect(Number(t)).toBe(rounded[i])
    })
  })

  it('rejects digits outside 0..20 (checker for literals, runtime otherwise) and non-numbers', () => {
    expect(diagnose({ a: 'fixed(1, 21)' }).diagnostics.map((d) => d.code)).toEqual(['expr/arguments'])
    expect(diagnose({ a: 'fixed(1, 1.5)' }).diagnostics.map((d) => d.code)).toEqual(['expr/arguments'])
    expect(diagnose({ a: "fixed('1')" }).diagnostics.map((d) => d.code)).toEqual(['expr/arguments'])
    const story = testStory([{ id: 'a', data: { d: -1, a: 'fixed(1, d)' } }])
    const run = runStory(story, 1)
    expect(run.rows[0][0].a).toBeNull()
    expect(run.issues.toDiagnostics().map((d) => d.code)).toEqual(['runtime/type-error'])
  })
})

describe('the registry', () => {
  it('documents every function with a signature, summary, return and example', () => {
    for (const b of BUILTINS) {
      expect(b.signature.startsWith(`${b.name}(`)).toBe(true)
      expect(b.summary.length).toBeGreaterThan(10)
      expect(b.returnsDoc.length).toBeGreaterThan(0)
      expect(b.examples.length).toBeGreaterThan(0)
      expect(b.impl || b.compile || b.special).toBeTruthy()
      for (const p of b.params) expect(p.doc.length).toBeGreaterThan(0)
    }
  })

  it('has every function of SPEC section 3', () => {
    for (const name of [
      'random',
      'gaussian',
      'datetime',
      'duration',
      'uuid4',
      'choice',
      'weighted',
      'ref',
      'switch',
      'lookup',
      'int',
      'float',
      'str',
      'round',
      'min',
      'max',
      'upper',
      'lower',
      'bool',
      'poisson',
      'exponential',
      'lognormal',
      'weekday',
      'hour',
      'day',
      'month',
    ]) {
      expect(getBuiltin(name), name).toBeDefined()
    }
  })
})

describe('builtinDocs', () => {
  it('is plain data that survives structured cloning (worker messages)', () => {
    const docs = builtinDocs()
    expect(structuredClone(docs)).toEqual(docs)
    expect(docs.find((d) => d.name === 'random')).toMatchObject({
      signature: 'random(min, max)',
      example: 'random(1, 6)',
    })
  })
})
