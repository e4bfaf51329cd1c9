import type { Span } from '../diagnostics/span.ts'
import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import { VALUE_LIMITS } from './limits.ts'

/** A runtime problem inside one expression; the field becomes null and generation goes on. */
export class ExprRuntimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Span in the expression's text (mapped to the file by the field that reports it). */
    readonly span: Span,
  ) {
    super(message)
  }
}

/** Static value types the checker tracks (`any` when unknown until run time). */
export type ValueType =
  | 'number'
  | 'string'
  | 'boolean'
  | 'null'
  | 'list'
  | 'map'
  | 'time'
  | 'duration'
  | 'any'

/** The type name of a runtime value, for messages. */
export function typeOf(v: unknown): ValueType {
  if (v === null || v === undefined) return 'null'
  switch (typeof v) {
    case 'number':
      return 'number'
    case 'string':
      return 'string'
    case 'boolean':
      return 'boolean'
  }
  if (Array.isArray(v)) return 'list'
  if (v instanceof ZonedTime) return 'time'
  if (v instanceof Duration) return 'duration'
  return 'map'
}

/** JS-like truthiness: null, false, 0, NaN and '' are false; everything else is true. */
export function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v))
}

/** A plain data map (built by the story: literal maps, YAML maps, ref'd fields), not an instance of anything. */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const p = Object.getPrototypeOf(v)
  return p === Object.prototype || p === null
}

/** Sets a key on an output object so that `__proto__` stays an ordinary own data key. */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
  else obj[key] = value
}

/**
 * Reads `obj[key]` for data only: own keys of plain maps, integer indexes of lists and
 * strings. Nothing else is reachable (no prototype, no methods), so values cannot leak code.
 */
export function getMember(obj: unknown, key: unknown, span: Span): unknown {
  if (obj === null || obj === undefined) return null
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key === 'number' && Number.isInteger(key)) {
      const i = key < 0 ? obj.length + key : key
      return i >= 0 && i < obj.length ? obj[i] : null
    }
    throw new ExprRuntimeError(
      'runtime/type-error',
      `a ${typeOf(obj)} is indexed by integers, not by ${typeOf(key)}`,
      span,
    )
  }
  if (isPlainMap(obj)) {
    const k =
      typeof key === 'string'
        ? key
        : typeof key === 'number' || typeof key === 'boolean'
          ? String(key)
          : undefined
    if (k === undefined)
      throw new ExprRuntimeError('runtime/type-error', `a map key must be a string, not ${typeOf(key)}`, span)
    return Object.hasOwn(obj, k) ? (obj[k] ?? null) : null
  }
  throw new ExprRuntimeError('runtime/type-error', `cannot read \`${String(key)}\` of a ${typeOf(obj)}`, span)
}

/** How a value prints inside a template or `str()`: null is empty, maps and lists are JSON. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof ZonedTime || v instanceof Duration) return v.toString()
  return JSON.stringify(v) ?? ''
}

/** Structural equality for data values (times and durations compare by instant and length). */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined) a = null
  if (b === undefined) b = null
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b
  if (a instanceof ZonedTime && b instanceof ZonedTime) return a.ms === b.ms
  if (a instanceof Duration && b instanceof Duration) return a.days === b.days && a.ms === b.ms
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]))
  if (isPlainMap(a) && isPlainMap(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k]))
  }
  return false
}

/** Converts what a faker method returns into an output value (Date -> ZonedTime, bigint -> string). */
export function fromForeign(v: unknown, tz: string): unknown {
  if (v === undefined) return null
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : v
  const out = foreignValue(v, tz, 0)
  // Lists and maps (`faker.date.betweens()`, `faker.helpers.arrayElements([timestamp, ...])`):
  // measured once so the output converts any time inside to its JSON form.
  if (out !== null && typeof out === 'object') measure(out)
  return out
}

function foreignValue(v: unknown, tz: string, depth: number): unknown {
  if (v === undefined) return null
  if (typeof v === 'bigint') return v.toString()
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) return new ZonedTime(v.getTime(), tz)
  if (depth >= VALUE_LIMITS.maxDepth) return v
  if (Array.isArray(v)) {
    return v.some((x) => x instanceof Date || typeof x === 'bigint' || (x !== null && typeof x === 'object'))
      ? v.map((x) => foreignValue(x, tz, depth + 1))
      : v
  }
  return v
}

export { VALUE_LIMITS }

interface Measure {
  depth: number
  weight: number
  /** Holds a ZonedTime or Duration somewhere inside (output must convert it to its JSON form). */
  time: boolean
}

const measures = new WeakMap<object, Measure>()
const TIME_LEAF: Measure = { depth: 1, weight: 1, time: true }

/**
 * Nesting depth and weight (characters of text plus one per value, shared parts counted each
 * time, as JSON output would) of a value, memoised per container so repeated checks stay cheap.
 */
export function measure(v: unknown): Measure {
  if (typeof v === 'string') return { depth: 0, weight: v.length + 1, time: false }
  if (v === null || typeof v !== 'object') return { depth: 0, weight: 1, time: false }
  if (v instanceof ZonedTime || v instanceof Duration) return TIME_LEAF
  const known = measures.get(v)
  if (known) return known
  let depth = 0
  let weight = 1
  let time = false
  const add = (x: unknown): void => {
    const m = measure(x)
    depth = Math.max(depth, m.depth)
    weight += m.weight
    if (m.time) time = true
  }
  if (Array.isArray(v)) for (const x of v) add(x)
  else if (isPlainMap(v)) for (const k of Object.keys(v)) add(v[k])
  const m = { depth: depth + 1, weight, time }
  measures.set(v, m)
  return m
}

/** Throws when a list or map built from `items` is deeper or heavier than the limits; records its measure. */
export function checkContainer(container: object, items: unknown[], span: Span): void {
  let depth = 0
  let weight = 1
  let time = false
  for (const x of items) {
    // Text and scalars inline: no measure object per item.
    if (typeof x === 'string') {
      weight += x.length + 1
      continue
    }
    if (x === null || typeof x !== 'object') {
      weight++
      continue
    }
    const m = measure(x)
    if (m.depth > depth) depth = m.depth
    weight += m.weight
    if (m.time) time = true
  }
  if (depth + 1 > VALUE_LIMITS.maxDepth) {
    throw new ExprRuntimeError(
      'runtime/limit',
      `value nests deeper than ${VALUE_LIMITS.maxDepth} levels`,
      span,
    )
  }
  if (weight > VALUE_LIMITS.maxWeight) {
    throw new ExprRuntimeError(
      'runtime/limit',
      `value is larger than ${VALUE_LIMITS.maxWeight} characters`,
      span,
    )
  }
  measures.set(container, { depth: depth + 1, weight, time })
}

/**
 * A value as it goes into an event's `data` (SPEC section 4: plain JSON): times and durations
 * become their ISO strings. Only containers the engine measured as holding one are copied, so
 * plain values (literals, strings, ref'd data) pass with one type check and no walk.
 */
export function toOutputValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof ZonedTime || v instanceof Duration) return v.toJSON()
  const m = measures.get(v)
  if (!m?.time) return v
  let out: unknown[] | Record<string, unknown>
  if (Array.isArray(v)) out = v.map(toOutputValue)
  else if (isPlainMap(v)) {
    const map: Record<string, unknown> = {}
    for (const k of Object.keys(v)) setKey(map, k, toOutputValue(v[k]))
    out = map
  } else return v
  // Same size as the original, as far as the limits care; nothing left to convert.
  measures.set(out, { depth: m.depth, weight: m.weight, time: false })
  return out
}

// ISO 8601 with a date, a time and an explicit offset: the form output timestamps take.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/**
 * Reads a time from an ISO 8601 timestamp string with an offset (what `prev.x` and `ref(e.x)`
 * see of a time field, since kept fields come from the output), in zone `tz`; else undefined.
 */
export function parseIsoTime(v: string, tz: string): ZonedTime | undefined {
  if (v.length < 16 || v.length > 40 || !ISO_TIME.test(v)) return undefined
  const ms = Date.parse(v)
  return Number.isNaN(ms) ? undefined : new ZonedTime(ms, tz)
}

/** Throws when a built string is longer than the limit. */
export function checkText(s: string, span: Span): string {
  if (s.length > VALUE_LIMITS.maxText) {
    throw new ExprRuntimeError('runtime/limit', `text longer than ${VALUE_LIMITS.maxText} characters`, span)
  }
  return s
}
