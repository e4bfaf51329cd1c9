import { NUMBER_LIMITS } from '../limits.ts'
import { ExprRuntimeError } from '../values.ts'
import { inRange, NUM, num } from './args.ts'
import type { Builtin, NumberRange, Rng } from './types.ts'

/** Bounds `random()` accepts: integers beyond 2^53 are not exact in JSON. */
const SAFE_RANGE: NumberRange = { min: -NUMBER_LIMITS.maxSafeInteger, max: NUMBER_LIMITS.maxSafeInteger }
/** Poisson means: NaN or Infinity would never stop drawing; above this draws are no longer cheap. */
const LAMBDA_RANGE: NumberRange = { min: 0, max: NUMBER_LIMITS.maxPoissonLambda }
/** Exponential rates (the mean is 1/rate). */
const RATE_RANGE: NumberRange = { min: 0, minExclusive: true }

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9): accurate to ~15 digits for x > 0.
  const g = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  x -= 1
  let a = g[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += g[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** A Poisson draw: Knuth's product method for small lambda, Hoermann's PTRS above 30. */
export function poisson(rng: Rng, lambda: number): number {
  // NaN or Infinity would loop forever: callers validate, and this refuses anyway.
  if (!(lambda <= NUMBER_LIMITS.maxPoissonLambda)) throw new RangeError(`poisson() lambda ${lambda}`)
  if (lambda <= 0) return 0
  if (lambda < 30) {
    const limit = Math.exp(-lambda)
    let k = 0
    let p = rng.next()
    while (p > limit) {
      k++
      p *= rng.next()
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invalpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = rng.next() - 0.5
    const v = rng.next()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logGamma(k + 1)
    )
      return k
  }
}

/** The random-draw functions: uniform, normal, Poisson, exponential, log-normal, boolean, UUID. */
export const RANDOM_BUILTINS: Record<string, Builtin> = {
  random: {
    name: 'random',
    signature: 'random(min, max)',
    summary:
      'A uniform random number. An integer in [min, max] (both inclusive) when both bounds are written as integers; a float in [min, max) when either is written with a decimal point (`1.0`) or is a non-integer value. `random()` is a float in [0, 1).',
    params: [
      {
        name: 'min',
        types: NUM,
        doc: 'lower bound (within ±2^53)',
        optional: true,
        default: '0',
        range: SAFE_RANGE,
      },
      {
        name: 'max',
        types: NUM,
        doc: 'upper bound (within ±2^53)',
        optional: true,
        default: '1.0',
        range: SAFE_RANGE,
      },
    ],
    returns: 'number',
    returnsDoc: 'an integer or a float',
    random: true,
    examples: [
      { expression: 'random(1, 6)' },
      { expression: 'random(0.0, 1.0)' },
      { expression: 'random(10, 99.5)' },
    ],
    impl: (c, [min, max], site) => {
      if (min === undefined) return c.rng.next()
      // Bounds beyond 2^53 would draw numbers JSON cannot hold exactly: runtime/number-range.
      const lo = num(min, 'random() min', site.span, SAFE_RANGE)
      const hi = num(max ?? 1, 'random() max', site.span, SAFE_RANGE)
      const asFloat =
        site.floatArgs[0] ||
        site.floatArgs[1] ||
        max === undefined ||
        !Number.isInteger(lo) ||
        !Number.isInteger(hi)
      if (hi < lo)
        throw new ExprRuntimeError(
          'runtime/type-error',
          `random() max (${hi}) is below min (${lo})`,
          site.span,
        )
      return asFloat ? c.rng.float(lo, hi) : c.rng.int(lo, hi)
    },
    compile: ({ args }) => {
      const [a, b] = args
      // The common `random(1, 6)` with literal integers: no argument arrays, no checks per call.
      if (
        a?.constant &&
        b?.constant &&
        a.node.type === 'number' &&
        b.node.type === 'number' &&
        !a.node.isFloat &&
        !b.node.isFloat
      ) {
        const lo = a.node.value
        const n = b.node.value - lo + 1
        if (
          n >= 1 &&
          Number.isInteger(lo) &&
          Number.isInteger(n) &&
          inRange(lo, SAFE_RANGE) &&
          inRange(lo + n - 1, SAFE_RANGE)
        )
          return (c) => lo + Math.floor(c.rng.next() * n)
      }
      return undefined
    },
    check: ([a, b]) => {
      if (a && !b)
        return [
          {
            code: 'expr/arguments',
            message: 'random() takes no arguments or both bounds: random(min, max)',
            span: a.span,
          },
        ]
      if (a?.type === 'number' && b?.type === 'number' && b.value < a.value) {
        return [
          {
            code: 'expr/arguments',
            message: `random() max (${b.value}) is below min (${a.value})`,
            span: b.span,
          },
        ]
      }
      return []
    },
  },
  gaussian: {
    name: 'gaussian',
    signature: 'gaussian(mean, stddev)',
    summary: 'A normally distributed random float.',
    params: [
      { name: 'mean', types: NUM, doc: 'the mean', optional: true, default: '0' },
      { name: 'stddev', types: NUM, doc: 'the standard deviation', optional: true, default: '1' },
    ],
    returns: 'number',
    returnsDoc: 'a float',
    random: true,
    examples: [{ expression: 'gaussian(100, 15)' }, { expression: 'round(gaussian(50, 10), 1)' }],
    impl: (c, [mean, sd], site) =>
      c.rng.gaussian(num(mean ?? 0, 'mean', site.span), num(sd ?? 1, 'stddev', site.span)),
  },
  uuid4: {
    name: 'uuid4',
    signature: 'uuid4()',
    summary: 'A version 4 UUID drawn from the seeded generator (the same seed gives the same UUIDs).',
    params: [],
    returns: 'string',
    returnsDoc: 'a UUID string',
    random: true,
    examples: [{ expression: 'uuid4()' }],
    compile: () => (c) => c.rng.uuid4(),
  },
  bool: {
    name: 'bool',
    signature: 'bool(p)',
    summary:
      'A random boolean: true with probability `p` (default 0.5). To test truthiness, use `not not x`.',
    params: [
      { name: 'p', types: NUM, doc: 'probability of true, in [0, 1]', optional: true, default: '0.5' },
    ],
    returns: 'boolean',
    returnsDoc: 'true or false',
    random: true,
    examples: [{ expression: 'bool(0.8)' }],
    impl: (c, [p], site) => c.rng.next() < (p === undefined ? 0.5 : num(p, 'bool() probability', site.span)),
  },
  poisson: {
    name: 'poisson',
    signature: 'poisson(lambda)',
    summary: 'A Poisson-distributed random integer with mean `lambda` (counts per interval).',
    params: [{ name: 'lambda', types: NUM, doc: 'the mean (0 to 1e9)', range: LAMBDA_RANGE }],
    returns: 'number',
    returnsDoc: 'an integer >= 0',
    random: true,
    examples: [{ expression: 'poisson(3)' }],
    impl: (c, [l], site) => poisson(c.rng, num(l, 'poisson() lambda', site.span, LAMBDA_RANGE)),
  },
  exponential: {
    name: 'exponential',
    signature: 'exponential(rate)',
    summary: 'An exponentially distributed random float with the given rate (mean 1/rate): waiting times.',
    params: [
      {
        name: 'rate',
        types: NUM,
        doc: 'events per unit (> 0)',
        optional: true,
        default: '1',
        range: RATE_RANGE,
      },
    ],
    returns: 'number',
    returnsDoc: 'a float >= 0',
    random: true,
    examples: [{ expression: 'exponential(0.5)' }],
    impl: (c, [r], site) => {
      const rate = r === undefined ? 1 : num(r, 'exponential() rate', site.span, RATE_RANGE)
      return -Math.log(1 - c.rng.next()) / rate
    },
  },
  lognormal: {
    name: 'lognormal',
    signature: 'lognormal(mu, sigma)',
    summary:
      'A log-normally distributed random float: `exp(gaussian(mu, sigma))` (prices, durations, sizes).',
    params: [
      { name: 'mu', types: NUM, doc: 'mean of the logarithm', optional: true, default: '0' },
      { name: 'sigma', types: NUM, doc: 'standard deviation of the logarithm', optional: true, default: '1' },
    ],
    returns: 'number',
    returnsDoc: 'a float > 0',
    random: true,
    examples: [{ expression: 'round(lognormal(3, 0.5), 2)' }],
    impl: (c, [mu, sigma], site) =>
      Math.exp(
        c.rng.gaussian(
          mu === undefined ? 0 : num(mu, 'mu', site.span),
          sigma === undefined ? 1 : num(sigma, 'sigma', site.span),
        ),
      ),
  },
}
