import { ZonedTime } from '../schedule/zoned-time.ts'
import { TIME_LIMITS } from './limits.ts'
import { isPlainMap, typeOf } from './values.ts'

/** One accepted form of a faker argument (or of one option key), with its caps. */
export type FakerShape =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'string'; maxLength: number }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'boolean' }
  | { kind: 'time' }
  | { kind: 'list'; maxItems: number }
  | { kind: 'map'; maxKeys: number }
  | { kind: 'options'; keys: Readonly<Record<string, readonly FakerShape[]>> }

/** One positional parameter of an allowed faker method: its name and the forms it accepts. */
export interface FakerParam {
  name: string
  shapes: readonly FakerShape[]
}

/** One faker-js method the language exposes, with every argument it may take. */
export interface FakerMethodSpec {
  /** `module.method`, as written after `faker.`. */
  path: string
  params: readonly FakerParam[]
}

/** An integer in [min, max]. */
export const int = (min: number, max: number): FakerShape => ({ kind: 'integer', min, max })
/** A finite number in [min, max]. */
export const num = (min: number, max: number): FakerShape => ({ kind: 'number', min, max })
/** A string of at most `maxLength` characters. */
export const str = (maxLength: number): FakerShape => ({ kind: 'string', maxLength })
/** One of the given values. */
export const oneOf = (...values: (string | number)[]): FakerShape => ({ kind: 'enum', values })
/** true or false. */
export const bool: FakerShape = { kind: 'boolean' }
/** A timestamp: a time value, an ISO 8601 string or epoch milliseconds. */
export const time: FakerShape = { kind: 'time' }
/** A list of at most `maxItems` values. */
export const list = (maxItems: number): FakerShape => ({ kind: 'list', maxItems })
/** A map of at most `maxKeys` keys. */
export const map = (maxKeys: number): FakerShape => ({ kind: 'map', maxKeys })
/** An options map: only these keys, each with its own forms. */
export const opts = (keys: Record<string, FakerShape | readonly FakerShape[]>): FakerShape => ({
  kind: 'options',
  keys: Object.fromEntries(
    Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? v : [v as FakerShape]]),
  ) as Record<string, readonly FakerShape[]>,
})
/** A count or length: an integer in [min, max], or `{min, max}` of such integers. */
export const range = (min: number, max: number): FakerShape[] => [
  int(min, max),
  opts({ min: int(min, max), max: int(min, max) }),
]
/** A positional parameter. */
export const param = (name: string, ...shapes: (FakerShape | FakerShape[])[]): FakerParam => ({
  name,
  shapes: shapes.flat(),
})
/** A method entry. */
export const method = (path: string, ...params: FakerParam[]): FakerMethodSpec => ({ path, params })

function fmt(n: number): string {
  const sign = n < 0 ? '-' : ''
  if (Math.abs(n) === Number.MAX_SAFE_INTEGER) return `${sign}(2^53 - 1)`
  if (Math.abs(n) === Number.MAX_VALUE) return `${sign}1.8e308`
  if (Math.abs(n) === Number.MIN_VALUE) return `${sign}5e-324`
  return n.toLocaleString('en-US')
}

/** How a shape reads in a message or the docs ("an integer from 0 to 10,000"). */
export function describeShape(s: FakerShape): string {
  switch (s.kind) {
    case 'integer':
      return `an integer from ${fmt(s.min)} to ${fmt(s.max)}`
    case 'number':
      return `a number from ${fmt(s.min)} to ${fmt(s.max)}`
    case 'string':
      return `a string of at most ${fmt(s.maxLength)} characters`
    case 'enum':
      return `one of ${s.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}`
    case 'boolean':
      return 'true or false'
    case 'time':
      return 'a timestamp'
    case 'list':
      return `a list of at most ${fmt(s.maxItems)} items`
    case 'map':
      return `a map of at most ${fmt(s.maxKeys)} keys`
    case 'options':
      return `options {${Object.keys(s.keys).join(', ')}}`
  }
}

/** How a list of alternative shapes reads ("an integer from 0 to 10 or options {min, max}"). */
export function describeShapes(shapes: readonly FakerShape[]): string {
  return shapes.map(describeShape).join(' or ')
}

/** Why `v` does not fit `s` (a message without the subject), or undefined when it fits. */
function misfit(s: FakerShape, v: unknown): string | undefined {
  switch (s.kind) {
    case 'integer':
    case 'number':
      if (typeof v !== 'number') return typeOf(v)
      if (!Number.isFinite(v)) return String(v)
      if (s.kind === 'integer' && !Number.isInteger(v)) return String(v)
      return v < s.min || v > s.max ? fmt(v) : undefined
    case 'string':
      if (typeof v !== 'string') return typeOf(v)
      return v.length > s.maxLength ? `a string of ${fmt(v.length)} characters` : undefined
    case 'enum':
      return s.values.includes(v as string | number)
        ? undefined
        : typeof v === 'string'
          ? `'${v.slice(0, 40)}'`
          : typeOf(v)
    case 'boolean':
      return typeof v === 'boolean' ? undefined : typeOf(v)
    case 'time':
      if (v instanceof ZonedTime) return undefined
      if (typeof v === 'number')
        return Number.isFinite(v) && Math.abs(v) <= TIME_LIMITS.maxEpochMs ? undefined : String(v)
      if (typeof v === 'string')
        return v.length <= TIME_LIMITS.maxTimeText && !Number.isNaN(Date.parse(v)) ? undefined : 'a string'
      return typeOf(v)
    case 'list':
      if (!Array.isArray(v)) return typeOf(v)
      return v.length > s.maxItems ? `a list of ${fmt(v.length)} items` : undefined
    case 'map':
      if (!isPlainMap(v)) return typeOf(v)
      return Object.keys(v).length > s.maxKeys ? 'a larger map' : undefined
    case 'options':
      return isPlainMap(v) ? undefined : typeOf(v)
  }
}

/**
 * Checks one argument value against its accepted forms; returns the problem as a full message
 * (`what` names it: "faker.string.alpha() argument `length`"), or undefined when it fits. An
 * options map is checked key by key: unknown keys and misfit values are problems.
 */
export function checkFakerValue(what: string, shapes: readonly FakerShape[], v: unknown): string | undefined {
  const options = shapes.find((s) => s.kind === 'options')
  if (options && options.kind === 'options' && isPlainMap(v)) return checkOptions(what, options, v)
  for (const s of shapes) if (misfit(s, v) === undefined) return undefined
  // Say what is wrong with the closest form: a number out of range, not just "number".
  const got = shapes.map((s) => misfit(s, v)).find((m) => m !== undefined && m !== typeOf(v)) ?? typeOf(v)
  return `${what} must be ${describeShapes(shapes)}, not ${got}`
}

function checkOptions(
  what: string,
  s: Extract<FakerShape, { kind: 'options' }>,
  v: Record<string, unknown>,
): string | undefined {
  for (const k of Object.keys(v)) {
    if (!Object.hasOwn(s.keys, k)) {
      const keys = Object.keys(s.keys)
      return `${what} has no option \`${k.slice(0, 40)}\` (options: ${keys.join(', ') || 'none'})`
    }
    // null/undefined options are faker's defaults.
    if (v[k] === null || v[k] === undefined) continue
    const p = checkFakerValue(`${what} option \`${k}\``, s.keys[k], v[k])
    if (p) return p
  }
  return undefined
}

/**
 * Checks a whole faker argument list (positional values, then the keyword options map if any)
 * against a method's parameters; the first problem as a message, or undefined.
 */
export function checkFakerArgs(spec: FakerMethodSpec, argv: readonly unknown[]): string | undefined {
  const name = `faker.${spec.path}()`
  if (argv.length > spec.params.length) {
    return spec.params.length === 0
      ? `${name} takes no arguments`
      : `${name} takes at most ${spec.params.length} argument(s)`
  }
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]
    if (v === undefined || v === null) continue
    const p = spec.params[i]
    const problem = checkFakerValue(`${name} argument \`${p.name}\``, p.shapes, v)
    if (problem) return problem
  }
  return undefined
}
