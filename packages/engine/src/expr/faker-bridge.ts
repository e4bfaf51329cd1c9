import { Faker } from '@faker-js/faker'
import { localeChain } from '../story/locales.ts'
import { FAKER_METHODS, fakerMethod } from './faker-allow-list.ts'
import {
  isPlainAlias,
  PYTHON_FAKER_NAMES,
  type PythonFakerName,
  pythonFakerName,
} from './faker-python-names.ts'
import { checkFakerArgs, type FakerMethodSpec } from './faker-shapes.ts'
import { FAKER_LIMITS } from './limits.ts'

/** What faker draws from: the field's random stream (only `next()` is needed). */
export interface RandomSource {
  next(): number
}

/** A faker argument that breaks the allow-list table (a cap, a type, an unknown option): `runtime/limit`. */
export class FakerArgumentError extends Error {}

type FakerFn = (...args: unknown[]) => unknown

/** The function behind each allowed path, taken from faker's module classes once, at load. */
function buildFunctions(): Map<string, { module: string; fn: FakerFn }> {
  const reference = new Faker({ locale: localeChain('en')! }) as unknown as Record<string, unknown>
  const out = new Map<string, { module: string; fn: FakerFn }>()
  for (const spec of FAKER_METHODS) {
    const [module, name] = spec.path.split('.')
    // From the module class's prototype: instances hold copies bound to their own faker.
    let fn: unknown
    for (let proto = Object.getPrototypeOf(reference[module] ?? {}); proto && proto !== Object.prototype; ) {
      const d = Object.getOwnPropertyDescriptor(proto, name)
      if (d) {
        fn = d.value
        break
      }
      proto = Object.getPrototypeOf(proto)
    }
    // The table is checked by tests against the installed faker; a missing method is a bug here.
    if (typeof fn !== 'function') throw new Error(`faker allow-list: faker.${spec.path} does not exist`)
    out.set(spec.path, { module, fn: fn as FakerFn })
  }
  return out
}

const FUNCTIONS = buildFunctions()

/** Every `faker.<module>.<method>` path an expression may call (sorted), for the checker, docs and autocomplete. */
export const FAKER_PATHS: readonly string[] = FAKER_METHODS.map((m) => m.path)

export { PYTHON_FAKER_NAMES, type PythonFakerName, pythonFakerName } from './faker-python-names.ts'

/** Every name accepted after `faker.` (faker-js paths and Python names). */
export function allFakerNames(): string[] {
  return [...FAKER_PATHS, ...PYTHON_FAKER_NAMES.map((p) => p.name)]
}

/** True when `path` (after `faker.`) is an allowed faker-js method or a mapped Python name. */
export function isFakerPath(path: string): boolean {
  return fakerMethod(path) !== undefined || pythonFakerName(path) !== undefined
}

/** "0".."99": email suffixes without a number-to-text conversion per email. */
const NUMBERS_0_99: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i))

/** A compiled faker call: takes evaluated arguments, draws from the bridge's current Rng. */
export type FakerCall = (args: unknown[], kwargs: Record<string, unknown> | null) => unknown

/**
 * One faker-js instance per compiled story, drawing from whatever Rng the resolver sets as
 * `rng` (faker's Randomizer interface), with dates relative to the occurrence (`refMs`),
 * never the wall clock. Only allow-listed methods are reachable, and every argument list is
 * checked against the table before faker sees it.
 */
export class FakerBridge {
  /** The Rng faker draws from; the resolver points it at the current field's stream. */
  rng: RandomSource
  /** Reference instant for faker's date methods (the occurrence time). */
  refMs = 0
  readonly faker: Faker

  constructor(locale: string, rng: RandomSource) {
    this.rng = rng
    const randomizer = {
      next: (): number => this.rng.next(),
      seed: (): void => {},
    }
    this.faker = new Faker({ locale: localeChain(locale) ?? localeChain('en')!, randomizer })
    // Every faker default "now" (date.*, git.commitDate, string.ulid ...) is the occurrence time.
    this.faker.setDefaultRefDate(() => new Date(this.refMs))
  }

  /** Compiles `faker.<path>` into a call, or undefined when the path is not allowed. */
  resolve(path: string): FakerCall | undefined {
    const py = pythonFakerName(path)
    const target = py ? py.target : path
    const spec = fakerMethod(target)
    const found = FUNCTIONS.get(target)
    if (!spec || !found) return undefined
    const fast = this.fastPath(target, py)
    const mod = (this.faker as unknown as Record<string, unknown>)[found.module]
    const fn = found.fn
    const general: FakerCall = (args, kwargs) => {
      const argv = py ? py.args(args, kwargs ?? {}) : kwargs ? [...args, kwargs] : args
      guard(spec, argv)
      return fn.apply(mod, argv)
    }
    if (!fast) return general
    return (args, kwargs) => (args.length === 0 && kwargs === null ? fast() : general(args, kwargs))
  }

  /**
   * Direct picks from the locale's word lists for the hottest generators (names, emails):
   * no faker template machinery. Used only for argument-less calls in locales whose full
   * name is "first last"; values come from the same lists faker uses.
   */
  private fastPath(target: string, py: PythonFakerName | undefined): (() => string) | undefined {
    if (py && !isPlainAlias(py)) return undefined
    const person = this.faker.rawDefinitions.person
    const firsts = person?.first_name?.generic
    const lasts = person?.last_name?.generic
    const patterns = person?.name
    const westernOrder =
      patterns?.some((p) => p.value === '{{person.firstName}} {{person.lastName}}') ?? false
    if (!firsts?.length || !lasts?.length || !westernOrder) return undefined
    const pick = (list: readonly string[]): string => list[Math.floor(this.rng.next() * list.length)]
    switch (target) {
      case 'person.fullName':
        return () => `${pick(firsts)} ${pick(lasts)}`
      case 'person.firstName':
        return () => pick(firsts)
      case 'person.lastName':
        return () => pick(lasts)
      case 'internet.email': {
        const providers = this.faker.rawDefinitions.internet?.free_email
        if (!providers?.length) return undefined
        // Cleaned once here, not per email: same lists, same lengths, so the same draws pick the same words.
        const clean = (s: string): string => s.replace(/[^A-Za-z0-9._+-]+/g, '')
        const cleanFirsts = firsts.map(clean)
        const cleanLasts = lasts.map(clean)
        return () => {
          const first = pick(cleanFirsts)
          const strategy = Math.floor(this.rng.next() * 3)
          let local: string
          if (strategy === 0) local = first + NUMBERS_0_99[Math.floor(this.rng.next() * 100)]
          else {
            const sep = this.rng.next() < 0.5 ? '.' : '_'
            local = first + sep + pick(cleanLasts)
            if (strategy === 2) local += NUMBERS_0_99[Math.floor(this.rng.next() * 100)]
          }
          return `${local}@${pick(providers)}`
        }
      }
      default:
        return undefined
    }
  }
}

/** Throws FakerArgumentError when `argv` breaks the table (checked before faker allocates anything). */
function guard(spec: FakerMethodSpec, argv: readonly unknown[]): void {
  if (argv.length === 0) return
  const problem = checkFakerArgs(spec, argv)
  if (problem) throw new FakerArgumentError(problem)
}

/** Largest length a faker call may ask for (kept for the guide; the table in faker-allow-list.ts holds every cap). */
export const FAKER_MAX_COUNT = FAKER_LIMITS.maxLength
