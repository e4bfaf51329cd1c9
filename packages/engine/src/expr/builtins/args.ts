import type { Span } from '../../diagnostics/span.ts'
import { ZonedTime } from '../../schedule/zoned-time.ts'
import type { Expr } from '../ast.ts'
import type { EvalContext } from '../eval-context.ts'
import { ExprRuntimeError, isPlainMap, setKey, typeOf, type ValueType } from '../values.ts'
import type { NumberRange } from './types.ts'

/** Static types of number parameters. */
export const NUM: ValueType[] = ['number']
/** Static types of text parameters. */
export const STR: ValueType[] = ['string']
/** Static types of time parameters (an ISO string read back through prev/ref counts). */
export const TIME: ValueType[] = ['time', 'string']

const fmt = (n: number): string => n.toLocaleString('en-US')

/** How a range reads in a message ("from 0 to 1,000,000,000", "above 0"). */
export function describeRange(r: NumberRange): string {
  const low = r.min === undefined ? '' : r.minExclusive ? `above ${fmt(r.min)}` : `at least ${fmt(r.min)}`
  if (r.min !== undefined && r.max !== undefined && !r.minExclusive)
    return `from ${fmt(r.min)} to ${fmt(r.max)}`
  const high = r.max === undefined ? '' : `at most ${fmt(r.max)}`
  return [low, high].filter(Boolean).join(' and ')
}

/** True when a finite number is inside the range. */
export function inRange(v: number, r: NumberRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? v <= r.min : v < r.min)) return false
  return r.max === undefined || v <= r.max
}

/**
 * A number argument: anything else is `runtime/type-error`, NaN or Infinity (a YAML `.nan`, a
 * computed overflow) is `runtime/not-finite`, outside `range` is `runtime/number-range`.
 */
export function num(v: unknown, what: string, span: Span, range?: NumberRange): number {
  if (typeof v !== 'number')
    throw new ExprRuntimeError('runtime/type-error', `${what} must be a number, not ${typeOf(v)}`, span)
  if (!Number.isFinite(v)) throw new ExprRuntimeError('runtime/not-finite', `${what} is ${v}`, span)
  if (range && !inRange(v, range))
    throw new ExprRuntimeError(
      'runtime/number-range',
      `${what} must be ${describeRange(range)}, not ${v}`,
      span,
    )
  return v
}

/** A time argument (default: the occurrence's time); an ISO string counts. */
export function timeArg(c: EvalContext, v: unknown, span: Span): ZonedTime {
  if (v === undefined) return new ZonedTime(c.scope.timeMs, c.scope.timezone)
  if (v instanceof ZonedTime) return v
  if (typeof v === 'string') {
    const ms = Date.parse(v)
    if (!Number.isNaN(ms)) return new ZonedTime(ms, c.scope.timezone)
  }
  throw new ExprRuntimeError('runtime/type-error', `expected a timestamp, not ${typeOf(v)}`, span)
}

/** The items of `f(list)` or `f(a, b, c)`. */
export function listOrRest(args: unknown[], span: Span, fn: string): unknown[] {
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

/** A deep copy of a constant list or map, so no two events share one object. */
export function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyValue)
  if (isPlainMap(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) setKey(out, k, copyValue(v[k]))
    return out
  }
  return v
}
