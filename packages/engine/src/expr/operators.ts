import type { Span } from '../diagnostics/span.ts'
import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import type { BinaryOp } from './ast.ts'
import type { EvalContext, Evaluator } from './eval-context.ts'
import { TIME_LIMITS } from './limits.ts'
import {
  checkContainer,
  checkText,
  ExprRuntimeError,
  equals,
  parseIsoTime,
  toText,
  typeOf,
} from './values.ts'

/** A number an operator produced, or `runtime/not-finite` when it overflowed to Infinity (or is NaN). */
export function finite(v: number, span: Span): number {
  if (Number.isFinite(v)) return v
  throw new ExprRuntimeError('runtime/not-finite', `the result is ${v} (beyond about ±1.8e308)`, span)
}

function finiteDuration(d: Duration, span: Span): Duration {
  if (Number.isFinite(d.days) && Number.isFinite(d.ms)) return d
  throw new ExprRuntimeError('runtime/not-finite', 'the duration is infinite (beyond about ±1.8e308)', span)
}

function inDateRange(t: ZonedTime, span: Span): ZonedTime {
  // A time beyond what a JS Date holds cannot be read back or compared reliably.
  if (Math.abs(t.ms) <= TIME_LIMITS.maxEpochMs) return t
  throw new ExprRuntimeError('runtime/number-range', 'the time is beyond the year 275,760', span)
}

/** The closure of a binary operator over its compiled operands. */
export function binaryEvaluator(op: BinaryOp, l: Evaluator, r: Evaluator, span: Span): Evaluator {
  switch (op) {
    case '+':
      return (c) => {
        const a = l(c)
        const b = r(c)
        return typeof a === 'number' && typeof b === 'number' ? finite(a + b, span) : add(a, b, span, c)
      }
    case '-':
      return (c) => {
        const a = l(c)
        const b = r(c)
        return typeof a === 'number' && typeof b === 'number' ? finite(a - b, span) : subtract(a, b, span, c)
      }
    case '*':
      return (c) => multiply(l(c), r(c), span)
    case '/':
      return (c) => divide(l(c), r(c), span, false)
    case '%':
      return (c) => divide(l(c), r(c), span, true)
    case '==':
      return (c) => equals(l(c), r(c))
    case '!=':
      return (c) => !equals(l(c), r(c))
    case '<':
      return (c) => compare(l(c), r(c), span, c) < 0
    case '<=':
      return (c) => compare(l(c), r(c), span, c) <= 0
    case '>':
      return (c) => compare(l(c), r(c), span, c) > 0
    case '>=':
      return (c) => compare(l(c), r(c), span, c) >= 0
    case 'in':
      return (c) => contains(r(c), l(c), span)
  }
}

/**
 * A time read back from the output (`prev.created`, `ref(e.created)`: kept fields are the JSON
 * form, an ISO string) where time arithmetic needs it (`other` is a duration, or a time when
 * `orTime`): the time itself; anything else is returned as is.
 */
function asTime(v: unknown, other: unknown, orTime: boolean, c: EvalContext): unknown {
  if (typeof v !== 'string' || !(other instanceof Duration || (orTime && other instanceof ZonedTime)))
    return v
  return parseIsoTime(v, c.scope.timezone) ?? v
}

function add(a: unknown, b: unknown, span: Span, c: EvalContext): unknown {
  // `prev.created + duration(hours=1)` is a time, not text; a string plus a time stays text.
  a = asTime(a, b, false, c)
  b = asTime(b, a, false, c)
  if (typeof a === 'string' && b !== null && b !== undefined) return checkText(a + toText(b), span)
  if (typeof b === 'string' && a !== null && a !== undefined) return checkText(toText(a) + b, span)
  if (a instanceof ZonedTime && b instanceof Duration) return inDateRange(a.add(b), span)
  if (a instanceof Duration && b instanceof ZonedTime) return inDateRange(b.add(a), span)
  if (a instanceof Duration && b instanceof Duration) return new Duration(a.days + b.days, a.ms + b.ms)
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a, ...b]
    checkContainer(out, out, span)
    return out
  }
  throw new ExprRuntimeError('runtime/type-error', `cannot add ${typeOf(a)} and ${typeOf(b)}`, span)
}

function subtract(a: unknown, b: unknown, span: Span, c: EvalContext): unknown {
  a = asTime(a, b, true, c)
  b = asTime(b, a, true, c)
  if (a instanceof ZonedTime && b instanceof Duration)
    return inDateRange(a.add(new Duration(-b.days, -b.ms)), span)
  if (a instanceof ZonedTime && b instanceof ZonedTime) return new Duration(0, a.ms - b.ms)
  if (a instanceof Duration && b instanceof Duration) return new Duration(a.days - b.days, a.ms - b.ms)
  throw new ExprRuntimeError('runtime/type-error', `cannot subtract ${typeOf(b)} from ${typeOf(a)}`, span)
}

function multiply(a: unknown, b: unknown, span: Span): unknown {
  if (typeof a === 'number' && typeof b === 'number') return finite(a * b, span)
  if (a instanceof Duration && typeof b === 'number')
    return finiteDuration(new Duration(a.days * b, a.ms * b), span)
  if (typeof a === 'number' && b instanceof Duration)
    return finiteDuration(new Duration(b.days * a, b.ms * a), span)
  throw new ExprRuntimeError('runtime/type-error', `cannot multiply ${typeOf(a)} by ${typeOf(b)}`, span)
}

function divide(a: unknown, b: unknown, span: Span, mod: boolean): unknown {
  const op = mod ? '%' : '/'
  if (typeof b === 'number' && b === 0 && (typeof a === 'number' || a instanceof Duration)) {
    throw new ExprRuntimeError('runtime/division-by-zero', `${mod ? 'modulo' : 'division'} by zero`, span)
  }
  if (typeof a === 'number' && typeof b === 'number') return finite(mod ? a % b : a / b, span)
  if (!mod && a instanceof Duration && typeof b === 'number')
    return finiteDuration(new Duration(a.days / b, a.ms / b), span)
  throw new ExprRuntimeError('runtime/type-error', `cannot compute ${typeOf(a)} ${op} ${typeOf(b)}`, span)
}

function compare(a: unknown, b: unknown, span: Span, c: EvalContext): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  a = asTime(a, b, true, c)
  b = asTime(b, a, true, c)
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (a instanceof ZonedTime && b instanceof ZonedTime) return a.ms - b.ms
  if (a instanceof Duration && b instanceof Duration) return a.approxMs - b.approxMs
  throw new ExprRuntimeError('runtime/type-error', `cannot compare ${typeOf(a)} with ${typeOf(b)}`, span)
}

function contains(hay: unknown, needle: unknown, span: Span): boolean {
  if (Array.isArray(hay)) return hay.some((x) => equals(x, needle))
  if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle)
  if (hay !== null && typeof hay === 'object' && !(hay instanceof ZonedTime) && !(hay instanceof Duration)) {
    return typeof needle === 'string' && Object.hasOwn(hay, needle)
  }
  throw new ExprRuntimeError(
    'runtime/type-error',
    `\`in\` needs a list, map or string on the right, not ${typeOf(hay)}`,
    span,
  )
}
