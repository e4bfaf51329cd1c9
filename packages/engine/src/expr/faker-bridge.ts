import { allLocales, Faker, type LocaleDefinition } from '@faker-js/faker'
import type { Rng } from '../runtime/rng.ts'

/** One allowed faker-js method: module name and the function itself (taken from the module's class, once). */
interface AllowedMethod {
  module: string
  method: string
  fn: (...args: unknown[]) => unknown
}

// Methods that take a callback: expressions have no functions, so they can never be called correctly.
const SKIP_METHODS = new Set(['constructor', 'multiple', 'maybe'])

function buildAllowList(): Map<string, AllowedMethod> {
  const out = new Map<string, AllowedMethod>()
  const reference = new Faker({ locale: [allLocales.en, allLocales.base] }) as unknown as Record<
    string,
    unknown
  >
  for (const module of Object.keys(reference).sort()) {
    if (module.startsWith('_') || module === 'fakerCore') continue
    const obj = reference[module]
    if (obj === null || typeof obj !== 'object') continue
    // Methods live on the module classes' prototypes: walk them once, here, never at run time.
    for (
      let proto = Object.getPrototypeOf(obj);
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (SKIP_METHODS.has(method) || method.startsWith('_') || out.has(`${module}.${method}`)) continue
        const d = Object.getOwnPropertyDescriptor(proto, method)
        if (d && typeof d.value === 'function') {
          out.set(`${module}.${method}`, { module, method, fn: d.value as (...args: unknown[]) => unknown })
        }
      }
    }
  }
  return out
}

const ALLOWED = buildAllowList()

/** Every `faker.<module>.<method>` path an expression may call (sorted), for the checker, docs and autocomplete. */
export const FAKER_PATHS: readonly string[] = [...ALLOWED.keys()].sort()

/** A Python Faker name mapped onto faker-js: the target path, keyword names, and how arguments translate. */
export interface PythonFakerName {
  name: string
  target: string
  /** Keyword arguments it accepts (Python's names). */
  kwargs: string[]
  /** Maximum positional arguments. */
  maxArgs: number
  /** Builds the faker-js arguments from positional and keyword ones. */
  args: (pos: unknown[], kw: Record<string, unknown>) => unknown[]
}

const none = (): unknown[] => []
const alias = (name: string, target: string): PythonFakerName => ({
  name,
  target,
  kwargs: [],
  maxArgs: 0,
  args: none,
})

/** The Python Faker names the seed uses (and more), mapped to faker-js: `faker.name()` is `faker.person.fullName()`. */
export const PYTHON_FAKER_NAMES: readonly PythonFakerName[] = [
  alias('name', 'person.fullName'),
  { name: 'name_male', target: 'person.fullName', kwargs: [], maxArgs: 0, args: () => [{ sex: 'male' }] },
  { name: 'name_female', target: 'person.fullName', kwargs: [], maxArgs: 0, args: () => [{ sex: 'female' }] },
  alias('first_name', 'person.firstName'),
  { name: 'first_name_male', target: 'person.firstName', kwargs: [], maxArgs: 0, args: () => ['male'] },
  { name: 'first_name_female', target: 'person.firstName', kwargs: [], maxArgs: 0, args: () => ['female'] },
  alias('last_name', 'person.lastName'),
  alias('prefix', 'person.prefix'),
  alias('suffix', 'person.suffix'),
  alias('job', 'person.jobTitle'),
  alias('email', 'internet.email'),
  alias('free_email', 'internet.email'),
  alias('safe_email', 'internet.exampleEmail'),
  alias('company_email', 'internet.email'),
  alias('user_name', 'internet.username'),
  {
    name: 'password',
    target: 'internet.password',
    kwargs: ['length'],
    maxArgs: 1,
    args: (p, kw) => [{ length: p[0] ?? kw.length ?? 10 }],
  },
  alias('url', 'internet.url'),
  alias('domain_name', 'internet.domainName'),
  alias('ipv4', 'internet.ipv4'),
  alias('ipv6', 'internet.ipv6'),
  alias('mac_address', 'internet.mac'),
  alias('user_agent', 'internet.userAgent'),
  alias('company', 'company.name'),
  alias('catch_phrase', 'company.catchPhrase'),
  alias('bs', 'company.buzzPhrase'),
  alias('address', 'location.streetAddress'),
  alias('street_address', 'location.streetAddress'),
  alias('street_name', 'location.street'),
  alias('building_number', 'location.buildingNumber'),
  alias('city', 'location.city'),
  alias('state', 'location.state'),
  alias('country', 'location.country'),
  alias('country_code', 'location.countryCode'),
  alias('postcode', 'location.zipCode'),
  alias('zipcode', 'location.zipCode'),
  alias('latitude', 'location.latitude'),
  alias('longitude', 'location.longitude'),
  alias('timezone', 'location.timeZone'),
  alias('phone_number', 'phone.number'),
  {
    name: 'sentence',
    target: 'lorem.sentence',
    kwargs: ['nb_words'],
    maxArgs: 1,
    args: (p, kw) => ((p[0] ?? kw.nb_words) === undefined ? [] : [p[0] ?? kw.nb_words]),
  },
  {
    name: 'sentences',
    target: 'lorem.sentences',
    kwargs: ['nb'],
    maxArgs: 1,
    args: (p, kw) => [p[0] ?? kw.nb ?? 3, ' '],
  },
  alias('paragraph', 'lorem.paragraph'),
  alias('text', 'lorem.paragraph'),
  alias('word', 'lorem.word'),
  { name: 'words', target: 'lorem.words', kwargs: ['nb'], maxArgs: 1, args: (p, kw) => [p[0] ?? kw.nb ?? 3] },
  alias('iban', 'finance.iban'),
  alias('swift', 'finance.bic'),
  alias('credit_card_number', 'finance.creditCardNumber'),
  alias('credit_card_provider', 'finance.creditCardIssuer'),
  alias('credit_card_security_code', 'finance.creditCardCVV'),
  alias('currency_code', 'finance.currencyCode'),
  alias('currency_name', 'finance.currencyName'),
  alias('pricetag', 'commerce.price'),
  alias('color_name', 'color.human'),
  alias('hex_color', 'color.rgb'),
  alias('file_name', 'system.fileName'),
  alias('mime_type', 'system.mimeType'),
  alias('license_plate', 'vehicle.vrm'),
  alias('isbn13', 'commerce.isbn'),
  alias('uuid4', 'string.uuid'),
  alias('boolean', 'datatype.boolean'),
  {
    name: 'random_int',
    target: 'number.int',
    kwargs: ['min', 'max'],
    maxArgs: 2,
    args: (p, kw) => [{ min: p[0] ?? kw.min ?? 0, max: p[1] ?? kw.max ?? 9999 }],
  },
]

const PYTHON_BY_NAME = new Map(PYTHON_FAKER_NAMES.map((p) => [p.name, p]))

/** Looks up a Python Faker name (`faker.first_name()`). */
export function pythonFakerName(name: string): PythonFakerName | undefined {
  return PYTHON_BY_NAME.get(name)
}

/** True when `path` (after `faker.`) is an allowed faker-js method or a mapped Python name. */
export function isFakerPath(path: string): boolean {
  return ALLOWED.has(path) || PYTHON_BY_NAME.has(path)
}

/** Every name accepted after `faker.` (faker-js paths and Python names). */
export function allFakerNames(): string[] {
  return [...FAKER_PATHS, ...PYTHON_BY_NAME.keys()]
}

/** Normalises a story locale (`en-US`, `de_DE`) to the faker-js locales to use, most specific first, or undefined. */
export function fakerLocaleChain(locale: string): LocaleDefinition[] | undefined {
  const locales = allLocales as Record<string, LocaleDefinition>
  const norm = locale.replace('-', '_')
  const lang = norm.split('_')[0]
  const chain: LocaleDefinition[] = []
  for (const name of [norm, lang]) {
    if (Object.hasOwn(locales, name) && !chain.includes(locales[name])) chain.push(locales[name])
  }
  if (chain.length === 0) return undefined
  for (const fallback of ['en', 'base']) if (!chain.includes(locales[fallback])) chain.push(locales[fallback])
  return chain
}

/** True when faker-js has a locale for this story `locale` value (for the loader's check). */
export function isFakerLocale(locale: string): boolean {
  return fakerLocaleChain(locale) !== undefined
}

// Modules whose numeric arguments are lengths or counts (`faker.lorem.words(1e9)`, `faker.string.alpha(1e9)`).
const COUNTED_MODULES = new Set([
  'lorem',
  'string',
  'helpers',
  'word',
  'internet',
  'git',
  'image',
  'system',
  'hacker',
  'commerce',
])

/** Largest length or count a faker call may ask for. */
export const FAKER_MAX_COUNT = 10_000

function tooBig(v: unknown): boolean {
  if (typeof v === 'number') return v > FAKER_MAX_COUNT
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    for (const k of ['length', 'count', 'min', 'max', 'sentenceCount', 'wordCount', 'width', 'height']) {
      if (Object.hasOwn(o, k) && tooBig(o[k])) return true
    }
  }
  return false
}

/** Rejects lengths and counts that would make faker build enormous values (a story must not exhaust memory). */
function guardSizes(args: unknown[]): void {
  for (const a of args) {
    if (tooBig(a)) throw new Error(`lengths and counts are limited to ${FAKER_MAX_COUNT}`)
    // fromRegExp quantifiers: `a{1000000000}`.
    if (typeof a === 'string' && /\{\s*\d{6,}/.test(a))
      throw new Error(`repetitions are limited to ${FAKER_MAX_COUNT}`)
  }
}

/** "0".."99": email suffixes without a number-to-text conversion per email. */
const NUMBERS_0_99: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i))

/** A compiled faker call: takes evaluated arguments, draws from the bridge's current Rng. */
export type FakerCall = (args: unknown[], kwargs: Record<string, unknown> | null) => unknown

/**
 * One faker-js instance per compiled story, drawing from whatever Rng the resolver sets as
 * `rng` (faker's Randomizer interface), with dates relative to the occurrence (`refMs`),
 * never the wall clock.
 */
export class FakerBridge {
  /** The Rng faker draws from; the resolver points it at the current field's stream. */
  rng: Rng
  /** Reference instant for faker's date methods (the occurrence time). */
  refMs = 0
  readonly faker: Faker

  constructor(locale: string, rng: Rng) {
    this.rng = rng
    const randomizer = {
      next: (): number => this.rng.next(),
      seed: (): void => {},
    }
    this.faker = new Faker({ locale: fakerLocaleChain(locale) ?? fakerLocaleChain('en')!, randomizer })
    this.faker.setDefaultRefDate(() => new Date(this.refMs))
  }

  /** Compiles `faker.<path>` into a call, or undefined when the path is not allowed. */
  resolve(path: string): FakerCall | undefined {
    const py = PYTHON_BY_NAME.get(path)
    const target = py ? py.target : path
    const allowed = ALLOWED.get(target)
    if (!allowed) return undefined
    const fast = this.fastPath(target, py)
    const mod = (this.faker as unknown as Record<string, unknown>)[allowed.module]
    const fn = allowed.fn
    const guarded = COUNTED_MODULES.has(allowed.module)
    const general: FakerCall = (args, kwargs) => {
      const argv = py ? py.args(args, kwargs ?? {}) : kwargs ? [...args, kwargs] : args
      if (guarded) guardSizes(argv)
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
    if (py && py.args !== none) return undefined
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
