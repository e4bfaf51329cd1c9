import type { Span } from '../diagnostics/span.ts'
import type { Rng } from '../runtime/rng.ts'
import { Duration } from '../schedule/duration.ts'
import { calendarParts, formatIso, strftime } from '../schedule/zone.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import type { Expr } from './ast.ts'
import type { EvalContext, Evaluator } from './eval-context.ts'
import { ExprRuntimeError, isPlainMap, toText, typeOf, type ValueType } from './values.ts'

/** One parameter of a builtin function. */
export interface ParamSpec {
  name: string
  /** Accepted static types (`any`: anything). */
  types: ValueType[] | 'any'
  doc: string
  optional?: boolean
  /** Takes all remaining positional arguments. */
  rest?: boolean
  /** Only as `name=value` (e.g. `duration(hours=1)`). */
  keywordOnly?: boolean
  /** Default, as documented. */
  default?: string
}

/** A documented example; its output is computed by the guide renderer with a fixed seed unless given. */
export interface BuiltinExample {
  expression: string
  /** Output to show when the example needs story context (ref, lookup) and cannot run alone. */
  output?: string
}

/** An argument as the compiler sees it: its node, its closure, and its value when it is a constant. */
export interface ArgInfo {
  node: Expr
  evaluate: Evaluator
  constant: boolean
  value?: unknown
  /** For a map literal argument: one closure per entry value, by key (lets `switch` evaluate lazily). */
  entries?: Map<string, Evaluator>
}

/** What a builtin's `compile` hook receives. */
export interface CompileInput {
  /** Arguments in parameter order (undefined: not given); rest arguments follow in `rest`. */
  args: (ArgInfo | undefined)[]
  rest: ArgInfo[]
  span: Span
}

/** A runtime call site: the call's span and, per argument, whether it was written as a float. */
export interface CallSite {
  span: Span
  floatArgs: boolean[]
}

/** A function of the expression language: signature, docs and implementation, in one place. */
export interface Builtin {
  name: string
  /** The signature as the docs show it. */
  signature: string
  summary: string
  params: ParamSpec[]
  /** Static type of the result (`any` when it depends on the arguments). */
  returns: ValueType | ValueType[]
  returnsDoc: string
  /** Draws from the occurrence's random stream. */
  random: boolean
  examples: BuiltinExample[]
  /** Evaluates with positional arguments in parameter order (rest arguments appended). */
  impl?: (c: EvalContext, args: unknown[], site: CallSite) => unknown
  /** Builds a specialised closure at compile time (constant arguments, lazy branches); undefined: use `impl`. */
  compile?: (input: CompileInput) => Evaluator | undefined
  /** Extra static checks on the argument nodes (e.g. negative weights); returns problems. */
  check?: (args: (Expr | undefined)[], rest: Expr[]) => { code: string; message: string; span: Span }[]
  /** Compiled by the story compiler itself (`ref`, `lookup`): needs the other definitions. */
  special?: 'ref'
}

function num(v: unknown, what: string, span: Span): number {
  if (typeof v === 'number') return v
  throw new ExprRuntimeError('runtime/type-error', `${what} must be a number, not ${typeOf(v)}`, span)
}

function timeArg(c: EvalContext, v: unknown, span: Span): ZonedTime {
  if (v === undefined) return new ZonedTime(c.scope.timeMs, c.scope.timezone)
  if (v instanceof ZonedTime) return v
  if (typeof v === 'string') {
    const ms = Date.parse(v)
    if (!Number.isNaN(ms)) return new ZonedTime(ms, c.scope.timezone)
  }
  throw new ExprRuntimeError('runtime/type-error', `expected a timestamp, not ${typeOf(v)}`, span)
}

function listOrRest(args: unknown[], span: Span, fn: string): unknown[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0]
  if (args.length === 0)
    throw new ExprRuntimeError('runtime/type-error', `${fn}() needs at least one value`, span)
  return args
}

/** A float-written argument is a number literal with a decimal point, or a `float(...)` call. */
export function writtenAsFloat(e: Expr | undefined): boolean {
  if (!e) return false
  if (e.type === 'number') return e.isFloat
  if (e.type === 'call' && e.callee.type === 'name' && e.callee.name === 'float') return true
  return false
}

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

/** A cumulative weight table for `weighted`, or a problem message. */
export function weightTable(
  values: unknown[],
  weights: unknown[],
): { values: unknown[]; cumulative: number[] } | string {
  if (values.length === 0) return 'weighted() needs at least one value'
  if (values.length !== weights.length) return 'weighted() needs as many weights as values'
  const cumulative: number[] = []
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (typeof w !== 'number' || !Number.isFinite(w))
      return `weight of \`${toText(values[i])}\` must be a number`
    if (w < 0) return `weight of \`${toText(values[i])}\` is negative (${w})`
    total += w
    cumulative.push(total)
  }
  if (total <= 0) return 'weighted() needs a positive total weight'
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total
  return { values, cumulative }
}

function pickWeighted(rng: Rng, t: { values: unknown[]; cumulative: number[] }): unknown {
  const u = rng.next()
  const cum = t.cumulative
  // Binary search: large tables stay fast.
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (u < cum[mid]) hi = mid
    else lo = mid + 1
  }
  return t.values[lo]
}

/** The values and weights of `weighted({...})` or `weighted([values], [weights])` arguments. */
function weightedParts(a: unknown, b: unknown): [unknown[], unknown[]] | string {
  if (b === undefined) {
    if (!isPlainMap(a)) return `weighted() takes a map {value: weight}, not ${typeOf(a)}`
    const keys = Object.keys(a)
    return [keys, keys.map((k) => a[k])]
  }
  if (!Array.isArray(a) || !Array.isArray(b)) return 'weighted(values, weights) takes two lists'
  return [a, b]
}

function mapEntryValues(
  e: Expr | undefined,
): { values: unknown[]; spans: Span[]; weights: Expr[] } | undefined {
  if (e?.type !== 'map') return undefined
  return {
    values: e.entries.map((x) => x.keyValue),
    spans: e.entries.map((x) => x.keySpan),
    weights: e.entries.map((x) => x.value),
  }
}

function cmp(a: unknown, b: unknown, span: Span): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (a instanceof ZonedTime && b instanceof ZonedTime) return a.ms - b.ms
  if (a instanceof Duration && b instanceof Duration) return a.approxMs - b.approxMs
  throw new ExprRuntimeError('runtime/type-error', `cannot compare ${typeOf(a)} with ${typeOf(b)}`, span)
}

/** Rounds half away from zero to `d` decimals (0..15), as `round` does; -0 becomes 0. */
function roundTo(v: number, d: number): number {
  const f = 10 ** Math.max(0, Math.min(15, d))
  const r = (Math.sign(v) * Math.round(Math.abs(v) * f + Number.EPSILON * f)) / f
  return r === 0 ? 0 : r
}

/** `fixed(x, digits)`: the text of `x` with exactly `digits` decimals. */
function fixed(x: unknown, n: unknown, span: Span): string {
  const v = num(x, 'fixed() value', span)
  const d = n === undefined ? 2 : num(n, 'fixed() digits', span)
  if (!Number.isInteger(d) || d < 0 || d > 20)
    throw new ExprRuntimeError(
      'runtime/type-error',
      `fixed() digits must be an integer from 0 to 20, not ${d}`,
      span,
    )
  if (!Number.isFinite(v)) throw new ExprRuntimeError('runtime/type-error', `fixed() of ${v}`, span)
  // Round first (half away from zero, like round()), then print: toFixed alone rounds 1.005 down.
  const r = d <= 15 ? roundTo(v, d) : v
  return (r === 0 ? 0 : r).toFixed(d)
}

const NUM: ValueType[] = ['number']
const STR: ValueType[] = ['string']
const TIME: ValueType[] = ['time', 'string']

const calendarHelper = (
  name: string,
  field: 'weekday' | 'hour' | 'day' | 'month' | 'year' | 'minute',
  doc: string,
): Builtin => ({
  name,
  signature: `${name}(t)`,
  summary: doc,
  params: [
    {
      name: 't',
      types: TIME,
      doc: "a timestamp (default: this occurrence's `timestamp`)",
      optional: true,
      default: 'timestamp',
    },
  ],
  returns: 'number',
  returnsDoc: 'an integer',
  random: false,
  examples: [{ expression: `${name}(timestamp)` }],
  impl: (c, [t], site) => calendarParts(timeArg(c, t, site.span).ms, c.scope.timezone)[field],
})

/** Every function of the expression language, in documentation order. */
export const BUILTINS: readonly Builtin[] = [
  {
    name: 'random',
    signature: 'random(min, max)',
    summary:
      'A uniform random number. An integer in [min, max] (both inclusive) when both bounds are written as integers; a float in [min, max) when either is written with a decimal point (`1.0`) or is a non-integer value. `random()` is a float in [0, 1).',
    params: [
      { name: 'min', types: NUM, doc: 'lower bound', optional: true, default: '0' },
      { name: 'max', types: NUM, doc: 'upper bound', optional: true, default: '1.0' },
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
      const lo = num(min, 'random() min', site.span)
      const hi = num(max ?? 1, 'random() max', site.span)
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
        if (n >= 1 && Number.isInteger(lo) && Number.isInteger(n))
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
  {
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
  {
    name: 'datetime',
    signature: 'datetime(format, t)',
    summary:
      "This occurrence's timestamp (or `t`), formatted: `iso` (default; ISO 8601 with the story zone's offset), `unix` (seconds, a number), `unix_ms` (milliseconds, a number), or a strftime pattern (`%Y-%m-%d %H:%M`).",
    params: [
      {
        name: 'format',
        types: STR,
        doc: '`iso`, `unix`, `unix_ms` or a strftime pattern',
        optional: true,
        default: "'iso'",
      },
      { name: 't', types: TIME, doc: 'the time to format', optional: true, default: 'timestamp' },
    ],
    returns: ['string', 'number'],
    returnsDoc: 'a string (a number for `unix` and `unix_ms`)',
    random: false,
    examples: [
      { expression: 'datetime()' },
      { expression: "datetime('%Y-%m-%d %H:%M')" },
      { expression: "datetime('unix')" },
      { expression: "datetime('%A', timestamp + duration(days=1))" },
    ],
    impl: (c, [format, t], site) => {
      const time = timeArg(c, t, site.span)
      const f = format === undefined ? 'iso' : format
      if (typeof f !== 'string')
        throw new ExprRuntimeError(
          'runtime/type-error',
          `datetime() format must be a string, not ${typeOf(f)}`,
          site.span,
        )
      if (f === 'iso') return formatIso(time.ms, c.scope.timezone)
      if (f === 'unix') return Math.floor(time.ms / 1000)
      if (f === 'unix_ms') return Math.floor(time.ms)
      return strftime(time.ms, c.scope.timezone, f)
    },
  },
  {
    name: 'duration',
    signature: 'duration(days=, hours=, minutes=, seconds=, milliseconds=, weeks=)',
    summary:
      'A length of time. Days (and weeks) are calendar days in the story zone; the rest is absolute time. Written out as ISO 8601 (`PT1H30M`); adds to and subtracts from timestamps.',
    params: [
      { name: 'days', types: NUM, doc: 'calendar days', optional: true, keywordOnly: true },
      { name: 'hours', types: NUM, doc: 'hours', optional: true, keywordOnly: true },
      { name: 'minutes', types: NUM, doc: 'minutes', optional: true, keywordOnly: true },
      { name: 'seconds', types: NUM, doc: 'seconds', optional: true, keywordOnly: true },
      { name: 'milliseconds', types: NUM, doc: 'milliseconds', optional: true, keywordOnly: true },
      { name: 'weeks', types: NUM, doc: 'weeks (7 calendar days)', optional: true, keywordOnly: true },
    ],
    returns: 'duration',
    returnsDoc: 'a duration (ISO 8601 in the output)',
    random: false,
    examples: [
      { expression: 'duration(hours=1, minutes=30)' },
      { expression: 'duration(days=random(1, 7))' },
      { expression: '= timestamp + duration(days=1)' },
    ],
    impl: (_c, [days, hours, minutes, seconds, milliseconds, weeks], site) =>
      Duration.of({
        days: days === undefined ? 0 : num(days, 'days', site.span),
        hours: hours === undefined ? 0 : num(hours, 'hours', site.span),
        minutes: minutes === undefined ? 0 : num(minutes, 'minutes', site.span),
        seconds: seconds === undefined ? 0 : num(seconds, 'seconds', site.span),
        milliseconds: milliseconds === undefined ? 0 : num(milliseconds, 'milliseconds', site.span),
        weeks: weeks === undefined ? 0 : num(weeks, 'weeks', site.span),
      }),
  },
  {
    name: 'seconds_between',
    signature: 'seconds_between(start, end)',
    summary:
      'The seconds from `start` to `end` (negative when `end` is earlier), with millisecond precision: "time since the parent" is `seconds_between(ref(signup.timestamp), timestamp)`. Either may be an ISO 8601 string (what `prev.x` and `ref(e.x)` read of a time field). `end - start` is the same span as a duration.',
    params: [
      { name: 'start', types: TIME, doc: 'the earlier time' },
      { name: 'end', types: TIME, doc: 'the later time', optional: true, default: 'timestamp' },
    ],
    returns: 'number',
    returnsDoc: 'a number of seconds',
    random: false,
    examples: [
      { expression: 'seconds_between(timestamp - duration(hours=1), timestamp)' },
      { expression: "seconds_between('2024-12-31T23:59:30.000+00:00')" },
      {
        expression: 'seconds_between(ref(user.signup.timestamp), timestamp)',
        output: 'the seconds since the referenced signup occurred, e.g. `93784` (26 h 3 min 4 s)',
      },
    ],
    impl: (c, [start, end], site) => {
      const a = timeArg(c, start, site.span)
      const b = timeArg(c, end, site.span)
      return (b.ms - a.ms) / 1000
    },
  },
  {
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
  {
    name: 'choice',
    signature: 'choice(list)',
    summary: 'A uniform pick from a list (or from the arguments: `choice(a, b, c)`).',
    params: [{ name: 'items', types: ['list', 'any'], doc: 'a list, or several values', rest: true }],
    returns: 'any',
    returnsDoc: 'one of the items',
    random: true,
    examples: [
      { expression: "choice(['free', 'pro', 'enterprise'])" },
      { expression: "choice('heads', 'tails')" },
    ],
    impl: (c, args, site) => {
      const items = listOrRest(args, site.span, 'choice')
      if (items.length === 0)
        throw new ExprRuntimeError('runtime/type-error', 'choice() of an empty list', site.span)
      return items[Math.floor(c.rng.next() * items.length)]
    },
    compile: ({ rest }) => {
      const only = rest.length === 1 ? rest[0] : undefined
      if (only?.constant && Array.isArray(only.value) && only.value.length > 0) {
        const items = only.value
        const n = items.length
        // Items are constants: copy lists/maps so no two events share one object.
        return (c) => copyValue(items[Math.floor(c.rng.next() * n)])
      }
      return undefined
    },
    check: (_args, rest) =>
      rest.length === 1 && rest[0].type === 'list' && rest[0].items.length === 0
        ? [{ code: 'expr/arguments', message: 'choice() of an empty list', span: rest[0].span }]
        : [],
  },
  {
    name: 'weighted',
    signature: 'weighted({value: weight, ...})',
    summary:
      'A weighted pick. Weights are normalised (they need not sum to 1); a negative weight is an error. Also `weighted([values], [weights])`. Number keys (`{1: 0.5, 2: 0.5}`) give numbers.',
    params: [
      { name: 'choices', types: ['map', 'list'], doc: 'a map from value to weight (or a list of values)' },
      { name: 'weights', types: ['list'], doc: 'weights, when `choices` is a list', optional: true },
    ],
    returns: 'any',
    returnsDoc: 'one of the values',
    random: true,
    examples: [
      { expression: "weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})" },
      { expression: "weighted(['a', 'b'], [3, 1])" },
    ],
    impl: (c, [a, b], site) => {
      const parts = weightedParts(a, b)
      const t = typeof parts === 'string' ? parts : weightTable(parts[0], parts[1])
      if (typeof t === 'string') throw new ExprRuntimeError('runtime/type-error', t, site.span)
      return pickWeighted(c.rng, t)
    },
    compile: ({ args: [a, b] }) => {
      let values: unknown[] | undefined
      let weights: unknown[] | undefined
      // A map literal keeps its keys as written: number keys give numbers.
      const entries = mapEntryValues(a?.node)
      if (b === undefined && entries && entries.weights.every((w) => w.type === 'number')) {
        values = entries.values
        weights = entries.weights.map((w) => (w.type === 'number' ? w.value : 0))
      } else if (a?.constant && b?.constant && Array.isArray(a.value) && Array.isArray(b.value)) {
        values = a.value
        weights = b.value
      }
      if (!values || !weights) return undefined
      const t = weightTable(values, weights)
      if (typeof t === 'string') return undefined
      return (c) => copyValue(pickWeighted(c.rng, t))
    },
    check: ([a, b]) => {
      const out: { code: string; message: string; span: Span }[] = []
      const entries = mapEntryValues(a)
      if (b === undefined && entries) {
        entries.weights.forEach((w, i) => {
          if (w.type === 'number' && w.value < 0) {
            out.push({
              code: 'expr/negative-weight',
              message: `weight of \`${String(entries.values[i])}\` is negative (${w.value})`,
              span: w.span,
            })
          }
        })
        if (entries.values.length === 0)
          out.push({ code: 'expr/arguments', message: 'weighted() needs at least one value', span: a!.span })
      }
      if (b?.type === 'list') {
        for (const w of b.items) {
          if (w.type === 'number' && w.value < 0)
            out.push({ code: 'expr/negative-weight', message: `weight ${w.value} is negative`, span: w.span })
        }
        if (a?.type === 'list' && a.items.length !== b.items.length) {
          out.push({
            code: 'expr/arguments',
            message: 'weighted() needs as many weights as values',
            span: b.span,
          })
        }
      }
      return out
    },
  },
  {
    name: 'switch',
    signature: 'switch(value, {case: result, ..., default: x})',
    summary:
      "Maps a value to a result. Cases are compared as text (`1` matches `'1'`); `default` is used when nothing matches (none and no default: a runtime problem, the field becomes null). Only the chosen result is evaluated.",
    params: [
      { name: 'value', types: 'any', doc: 'the value to look up' },
      { name: 'cases', types: ['map'], doc: 'a map from case to result, optionally with `default`' },
    ],
    returns: 'any',
    returnsDoc: 'the matching result',
    random: false,
    examples: [
      { expression: "switch('pro', {'free': 0, 'pro': 99, 'enterprise': 499})" },
      { expression: "switch('trial', {'pro': 99, default: 0})" },
    ],
    impl: (_c, [value, cases], site) => {
      if (!isPlainMap(cases))
        throw new ExprRuntimeError(
          'runtime/type-error',
          `switch() cases must be a map, not ${typeOf(cases)}`,
          site.span,
        )
      const key = toText(value)
      if (Object.hasOwn(cases, key)) return cases[key]
      if (Object.hasOwn(cases, 'default')) return cases.default
      throw new ExprRuntimeError(
        'runtime/no-case',
        `switch() has no case for \`${key}\` and no default`,
        site.span,
      )
    },
    compile: ({ args: [value, cases], span }) => {
      if (!value || !cases || cases.node.type !== 'map') return undefined
      // Lazy branches: only the matching result runs (and draws randomness).
      const branches = cases.entries
      if (!branches) return undefined
      const fallback = branches.get('default')
      const v = value.evaluate
      return (c) => {
        const key = toText(v(c))
        const b = branches.get(key) ?? fallback
        if (!b)
          throw new ExprRuntimeError(
            'runtime/no-case',
            `switch() has no case for \`${key}\` and no default`,
            span,
          )
        return b(c)
      }
    },
  },
  {
    name: 'ref',
    signature: 'ref(event.field)',
    summary:
      "A field of the referenced event's occurrence with the same index (under `after`: the parent occurrence); if that event has fewer occurrences, the latest one at or before this occurrence's time, never a later one. The event is the longest prefix of the dotted path that is an event id (`ref(user.signup.user_id)`: event `user.signup`, field `user_id`); more segments read into the field. `ref(e.timestamp)`, `ref(e.id)` and `ref(e.index)` read the occurrence's time (a time in the story zone), event id and index when `e` has no data field of that name.",
    params: [
      {
        name: 'path',
        types: 'any',
        doc: '`event_id.field`, written as a name path (or a string for ids that are not names)',
      },
    ],
    returns: 'any',
    returnsDoc: "the field's value (null when there is no such occurrence)",
    random: false,
    examples: [{ expression: 'ref(user.signup.user_id)', output: '"4f1c…" (the signup\'s user_id)' }],
    special: 'ref',
  },
  {
    name: 'lookup',
    signature: 'lookup(event.field)',
    summary:
      'A field of a random earlier occurrence of the referenced event (drawn from the seeded stream). Same path rules as `ref`, including the envelope fields `timestamp`, `id` and `index`.',
    params: [{ name: 'path', types: 'any', doc: '`event_id.field`' }],
    returns: 'any',
    returnsDoc: "the field's value (null when there is no earlier occurrence)",
    random: true,
    examples: [{ expression: 'lookup(user.signup.user_id)', output: 'a user_id of some earlier signup' }],
    special: 'ref',
  },
  {
    name: 'int',
    signature: 'int(x)',
    summary: 'Converts to an integer: numbers are truncated, strings are parsed, booleans are 0 or 1.',
    params: [{ name: 'x', types: ['number', 'string', 'boolean'], doc: 'the value' }],
    returns: 'number',
    returnsDoc: 'an integer',
    random: false,
    examples: [{ expression: 'int(3.9)' }, { expression: "int('42')" }],
    impl: (_c, [x], site) => {
      const n = typeof x === 'boolean' ? Number(x) : typeof x === 'string' ? Number(x.trim()) : x
      if (typeof n !== 'number' || Number.isNaN(n) || (typeof x === 'string' && x.trim() === '')) {
        throw new ExprRuntimeError(
          'runtime/type-error',
          `int() cannot convert ${typeOf(x)} \`${toText(x)}\``,
          site.span,
        )
      }
      return Math.trunc(n)
    },
  },
  {
    name: 'float',
    signature: 'float(x)',
    summary: 'Converts to a number (strings are parsed). `random(float(1), 6)` draws a float.',
    params: [{ name: 'x', types: ['number', 'string', 'boolean'], doc: 'the value' }],
    returns: 'number',
    returnsDoc: 'a number',
    random: false,
    examples: [{ expression: "float('2.5')" }],
    impl: (_c, [x], site) => {
      const n = typeof x === 'boolean' ? Number(x) : typeof x === 'string' ? Number(x.trim()) : x
      if (typeof n !== 'number' || Number.isNaN(n) || (typeof x === 'string' && x.trim() === '')) {
        throw new ExprRuntimeError(
          'runtime/type-error',
          `float() cannot convert ${typeOf(x)} \`${toText(x)}\``,
          site.span,
        )
      }
      return n
    },
  },
  {
    name: 'str',
    signature: 'str(x)',
    summary:
      'Converts to text, as a template would (null is empty, maps and lists are JSON, times are ISO 8601).',
    params: [{ name: 'x', types: 'any', doc: 'the value' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: 'str(42)' }, { expression: 'str(duration(minutes=90))' }],
    impl: (_c, [x]) => toText(x),
  },
  {
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
  {
    name: 'round',
    signature: 'round(x, n)',
    summary: 'Rounds to `n` decimal places (default 0), half away from zero.',
    params: [
      { name: 'x', types: NUM, doc: 'the number' },
      { name: 'n', types: NUM, doc: 'decimal places', optional: true, default: '0' },
    ],
    returns: 'number',
    returnsDoc: 'a number',
    random: false,
    examples: [{ expression: 'round(3.14159, 2)' }, { expression: 'round(2.5)' }],
    impl: (_c, [x, n], site) =>
      roundTo(
        num(x, 'round() value', site.span),
        n === undefined ? 0 : Math.trunc(num(n, 'round() places', site.span)),
      ),
  },
  {
    name: 'fixed',
    signature: 'fixed(x, digits)',
    summary:
      'Formats a number as text with exactly `digits` decimals (default 2), rounded half away from zero like `round`: money amounts as payloads write them (Shopify\'s `"61.06"`, `"5.00"`).',
    params: [
      { name: 'x', types: NUM, doc: 'the number' },
      {
        name: 'digits',
        types: NUM,
        doc: 'decimals, 0 to 20',
        optional: true,
        default: '2',
      },
    ],
    returns: 'string',
    returnsDoc: 'a string such as `"61.06"`',
    random: false,
    examples: [
      { expression: 'fixed(61.0571, 2)' },
      { expression: 'fixed(5)' },
      { expression: 'fixed(1234.5, 0)' },
      { expression: 'fixed(lognormal(3, 0.5))' },
    ],
    impl: (_c, [x, n], site) => fixed(x, n, site.span),
    check: ([, n]) =>
      n?.type === 'number' && !(Number.isInteger(n.value) && n.value >= 0 && n.value <= 20)
        ? [
            {
              code: 'expr/arguments',
              message: 'fixed() digits must be an integer from 0 to 20',
              span: n.span,
            },
          ]
        : [],
  },
  {
    name: 'min',
    signature: 'min(a, b, ...)',
    summary: 'The smallest of the arguments (or of one list argument).',
    params: [{ name: 'values', types: 'any', doc: 'numbers, strings or times', rest: true }],
    returns: 'any',
    returnsDoc: 'the smallest value',
    random: false,
    examples: [{ expression: 'min(3, 1, 2)' }, { expression: 'min([5, 4])' }],
    impl: (_c, args, site) =>
      listOrRest(args, site.span, 'min').reduce((a, b) => (cmp(b, a, site.span) < 0 ? b : a)),
  },
  {
    name: 'max',
    signature: 'max(a, b, ...)',
    summary: 'The largest of the arguments (or of one list argument).',
    params: [{ name: 'values', types: 'any', doc: 'numbers, strings or times', rest: true }],
    returns: 'any',
    returnsDoc: 'the largest value',
    random: false,
    examples: [{ expression: 'max(3, 1, 2)' }, { expression: 'max(0, gaussian(10, 5))' }],
    impl: (_c, args, site) =>
      listOrRest(args, site.span, 'max').reduce((a, b) => (cmp(b, a, site.span) > 0 ? b : a)),
  },
  {
    name: 'abs',
    signature: 'abs(x)',
    summary: 'The absolute value.',
    params: [{ name: 'x', types: NUM, doc: 'the number' }],
    returns: 'number',
    returnsDoc: 'a number',
    random: false,
    examples: [{ expression: 'abs(-4)' }],
    impl: (_c, [x], site) => Math.abs(num(x, 'abs() value', site.span)),
  },
  {
    name: 'floor',
    signature: 'floor(x)',
    summary: 'Rounds down to an integer.',
    params: [{ name: 'x', types: NUM, doc: 'the number' }],
    returns: 'number',
    returnsDoc: 'an integer',
    random: false,
    examples: [{ expression: 'floor(2.7)' }],
    impl: (_c, [x], site) => Math.floor(num(x, 'floor() value', site.span)),
  },
  {
    name: 'ceil',
    signature: 'ceil(x)',
    summary: 'Rounds up to an integer.',
    params: [{ name: 'x', types: NUM, doc: 'the number' }],
    returns: 'number',
    returnsDoc: 'an integer',
    random: false,
    examples: [{ expression: 'ceil(2.1)' }],
    impl: (_c, [x], site) => Math.ceil(num(x, 'ceil() value', site.span)),
  },
  {
    name: 'len',
    signature: 'len(x)',
    summary: 'The length of a string or list, or the number of keys of a map.',
    params: [{ name: 'x', types: ['string', 'list', 'map'], doc: 'the value' }],
    returns: 'number',
    returnsDoc: 'an integer',
    random: false,
    examples: [{ expression: "len('hello')" }, { expression: 'len([1, 2, 3])' }],
    impl: (_c, [x], site) => {
      if (typeof x === 'string' || Array.isArray(x)) return x.length
      if (isPlainMap(x)) return Object.keys(x).length
      throw new ExprRuntimeError('runtime/type-error', `len() of a ${typeOf(x)}`, site.span)
    },
  },
  {
    name: 'upper',
    signature: 'upper(s)',
    summary: 'Upper-cases text.',
    params: [{ name: 's', types: STR, doc: 'the text' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: "upper('pro')" }],
    impl: (_c, [s], site) => {
      if (typeof s !== 'string')
        throw new ExprRuntimeError('runtime/type-error', `upper() of a ${typeOf(s)}`, site.span)
      return s.toUpperCase()
    },
  },
  {
    name: 'lower',
    signature: 'lower(s)',
    summary: 'Lower-cases text.',
    params: [{ name: 's', types: STR, doc: 'the text' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: "lower('Hello')" }],
    impl: (_c, [s], site) => {
      if (typeof s !== 'string')
        throw new ExprRuntimeError('runtime/type-error', `lower() of a ${typeOf(s)}`, site.span)
      return s.toLowerCase()
    },
  },
  {
    name: 'poisson',
    signature: 'poisson(lambda)',
    summary: 'A Poisson-distributed random integer with mean `lambda` (counts per interval).',
    params: [{ name: 'lambda', types: NUM, doc: 'the mean (>= 0)' }],
    returns: 'number',
    returnsDoc: 'an integer >= 0',
    random: true,
    examples: [{ expression: 'poisson(3)' }],
    impl: (c, [l], site) => poisson(c.rng, num(l, 'poisson() lambda', site.span)),
  },
  {
    name: 'exponential',
    signature: 'exponential(rate)',
    summary: 'An exponentially distributed random float with the given rate (mean 1/rate): waiting times.',
    params: [{ name: 'rate', types: NUM, doc: 'events per unit (> 0)', optional: true, default: '1' }],
    returns: 'number',
    returnsDoc: 'a float >= 0',
    random: true,
    examples: [{ expression: 'exponential(0.5)' }],
    impl: (c, [r], site) => {
      const rate = r === undefined ? 1 : num(r, 'exponential() rate', site.span)
      if (!(rate > 0))
        throw new ExprRuntimeError('runtime/type-error', 'exponential() rate must be positive', site.span)
      return -Math.log(1 - c.rng.next()) / rate
    },
  },
  {
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
  calendarHelper(
    'weekday',
    'weekday',
    'The day of the week of a timestamp in the story zone: 0 = Monday ... 6 = Sunday.',
  ),
  calendarHelper('hour', 'hour', 'The hour (0-23) of a timestamp in the story zone.'),
  calendarHelper('minute', 'minute', 'The minute (0-59) of a timestamp in the story zone.'),
  calendarHelper('day', 'day', 'The day of the month (1-31) of a timestamp in the story zone.'),
  calendarHelper('month', 'month', 'The month (1-12) of a timestamp in the story zone.'),
  calendarHelper('year', 'year', 'The year of a timestamp in the story zone.'),
]

/** A deep copy of a constant list or map, so no two events share one object. */
export function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyValue)
  if (isPlainMap(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) {
      const x = copyValue(v[k])
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true })
      else out[k] = x
    }
    return out
  }
  return v
}

const BY_NAME = new Map(BUILTINS.map((b) => [b.name, b]))

/** Looks up a builtin by name. */
export function getBuiltin(name: string): Builtin | undefined {
  return BY_NAME.get(name)
}

/** The names of all builtins plus `faker`, for did-you-mean and autocomplete. */
export function builtinNames(): string[] {
  return [...BY_NAME.keys()]
}

/** A builtin as plain data (no functions): safe to post to a worker, for completion and hover. */
export interface BuiltinInfo {
  name: string
  signature: string
  /** The summary, as the guide shows it. */
  doc: string
  /** The first example, as written in a story. */
  example?: string
  params: { name: string; type: string; doc: string; optional: boolean; keywordOnly: boolean }[]
  returns: string
  random: boolean
}

/** Every builtin as plain data (what the studio's autocomplete and hover show). */
export function builtinDocs(): BuiltinInfo[] {
  return BUILTINS.map((b) => ({
    name: b.name,
    signature: b.signature,
    doc: b.summary,
    example: b.examples[0]?.expression,
    params: b.params.map((p) => ({
      name: p.name,
      type: p.types === 'any' ? 'any' : p.types.join(' | '),
      doc: p.doc,
      optional: Boolean(p.optional || p.rest),
      keywordOnly: Boolean(p.keywordOnly),
    })),
    returns: b.returnsDoc,
    random: b.random,
  }))
}
