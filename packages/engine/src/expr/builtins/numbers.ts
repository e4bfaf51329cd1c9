import type { Span } from '../../diagnostics/span.ts'
import { Duration } from '../../schedule/duration.ts'
import { ZonedTime } from '../../schedule/zoned-time.ts'
import { NUMBER_LIMITS } from '../limits.ts'
import { ExprRuntimeError, toText, typeOf } from '../values.ts'
import { listOrRest, NUM, num } from './args.ts'
import type { Builtin } from './types.ts'

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

/** Numbers: conversions, rounding, formatting, extremes. */
export const NUMBER_BUILTINS: Record<string, Builtin> = {
  int: {
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
      const t = Math.trunc(n)
      if (!Number.isFinite(t))
        throw new ExprRuntimeError('runtime/not-finite', `int() of \`${toText(x)}\` is ${t}`, site.span)
      if (Math.abs(t) > NUMBER_LIMITS.maxSafeInteger)
        throw new ExprRuntimeError(
          'runtime/number-range',
          `int() of \`${toText(x)}\` is beyond 2^53, not exact in JSON`,
          site.span,
        )
      return t
    },
  },
  float: {
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
  round: {
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
  fixed: {
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
  min: {
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
  max: {
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
  abs: {
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
  floor: {
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
  ceil: {
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
}
