import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { runStory } from '../generate/run-test-story.ts'
import { isKnownLocale, localeChain, normalizeLocale } from '../story/locales.ts'
import { FAKER_METHODS, fakerMethod } from './faker-allow-list.ts'
import { FAKER_PATHS, isFakerPath } from './faker-bridge.ts'
import { diagnose, testStory } from './test-story.ts'

/** Each diagnostic as [code, the exact text its span covers in the file]. */
function found(data: Record<string, unknown>): [string, string, string][] {
  const { story, diagnostics } = diagnose(data)
  const file = story.sources[story.file]
  return diagnostics.map((d: Diagnostic) => [d.code, file.slice(d.span.start, d.span.end), d.message])
}

// [name, expression, code, text under the span, words the message must contain]
const STATIC: [string, string, string, string, string][] = [
  ['string-typed length', "faker.string.alpha('300000000')", 'expr/arguments', "'300000000'", '10,000'],
  ['huge length', 'faker.string.alpha(300000000)', 'expr/arguments', '300000000', '10,000'],
  ['huge length keyword', 'faker.string.alpha(length=1000000000)', 'expr/arguments', '1000000000', '10,000'],
  ['float length', 'faker.string.numeric(2.5)', 'expr/arguments', '2.5', 'integer'],
  [
    'template helper fake',
    "faker.helpers.fake('{{person.firstName}}')",
    'expr/unknown-faker',
    'faker.helpers.fake',
    'unknown',
  ],
  [
    'mustache ReDoS',
    "faker.helpers.mustache('{{a}}', {'(a+)+$': 'x'})",
    'expr/unknown-faker',
    'faker.helpers.mustache',
    'unknown',
  ],
  [
    'fromRegExp repetition',
    "faker.helpers.fromRegExp('a{1,300000000}')",
    'expr/unknown-faker',
    'faker.helpers.fromRegExp',
    'unknown',
  ],
  [
    'callback helper',
    "faker.helpers.multiple('x')",
    'expr/unknown-faker',
    'faker.helpers.multiple',
    'unknown',
  ],
  [
    'betweens count',
    'faker.date.betweens(from=timestamp, to=timestamp, count=30000000)',
    'expr/arguments',
    '30000000',
    '1,000',
  ],
  ['accountNumber length', 'faker.finance.accountNumber(100000000)', 'expr/arguments', '100000000', '10,000'],
  ['lorem words', 'faker.lorem.words(1e9)', 'expr/arguments', '1e9', '1,000'],
  ['lorem paragraphs', 'faker.lorem.paragraphs(1000)', 'expr/arguments', '1000', '100'],
  ['unknown option', 'faker.string.alpha(bogus=1)', 'expr/arguments', 'bogus', 'option'],
  [
    'nested range option',
    'faker.string.numeric(length={min: 0, max: 1e9})',
    'expr/arguments',
    '{min: 0, max: 1e9}',
    '10,000',
  ],
  ['sentence words', 'faker.lorem.sentence(1e9)', 'expr/arguments', '1e9', '1,000'],
  ['arrayElements count', "faker.helpers.arrayElements(['a'], 1e9)", 'expr/arguments', '1e9', '100,000'],
  ['romanNumeral beyond 3999', 'faker.number.romanNumeral(5000)', 'expr/arguments', '5000', '3,999'],
  ['commitSha length', 'faker.git.commitSha(length=1e9)', 'expr/arguments', '1e9', '40'],
  ['past years', 'faker.date.past(years=1e9)', 'expr/arguments', '1e9', '10,000'],
  ['boolean probability', 'faker.datatype.boolean(2)', 'expr/arguments', '2', 'from 0 to 1'],
  ['enum option', "faker.string.alpha(casing='weird')", 'expr/arguments', "'weird'", "'upper'"],
  [
    'options map literal',
    'faker.number.int({min: 1, max: 1e300})',
    'expr/arguments',
    '{min: 1, max: 1e300}',
    '2^53',
  ],
  ['too many arguments', 'faker.person.fullName(1, 2)', 'expr/arguments', '2', 'at most 1'],
  ['no-argument method', 'faker.person.jobTitle(5)', 'expr/arguments', '5', 'no arguments'],
  ['keywords where none fit', "faker.person.firstName(x='y')", 'expr/arguments', 'x', 'no keyword'],
  ['list expected', "faker.helpers.arrayElement('abc')", 'expr/arguments', "'abc'", 'list'],
  [
    'refDate not a time',
    "faker.date.past(refDate='not a date')",
    'expr/arguments',
    "'not a date'",
    'timestamp',
  ],
  [
    'password pattern (a RegExp in faker)',
    "faker.internet.password(pattern='x')",
    'expr/arguments',
    'pattern',
    'option',
  ],
  ['recent days', 'faker.date.recent(days=1e12)', 'expr/arguments', '1e12', '3,650,000'],
  ['python password length', 'faker.password(100000000)', 'expr/arguments', '100000000', '1,000'],
  ['python words', 'faker.words(nb=5000)', 'expr/arguments', '5000', '1,000'],
  ['python too many', 'faker.uuid4(1)', 'expr/arguments', '1', 'at most 0'],
  ['python keyword', 'faker.sentence(words=3)', 'expr/arguments', 'words', 'no argument'],
  ['private member', 'faker.person._locale()', 'expr/unknown-faker', 'faker.person._locale', 'unknown'],
  ['core', 'faker.fakerCore.randomizer()', 'expr/unknown-faker', 'faker.fakerCore.randomizer', 'unknown'],
  [
    'jwt with payload (code in maps)',
    'faker.internet.jwt({payload: {}})',
    'expr/unknown-faker',
    'faker.internet.jwt',
    'unknown',
  ],
]

describe('faker allow-list: hostile literal arguments are expr/arguments at their span', () => {
  it.each(STATIC)(
    '%s',
    (_name, expression, code, text, words) => {
      const got = found({ x: expression })
      expect(got.map(([c, t]) => [c, t])).toEqual([[code, text]])
      expect(got[0][2]).toContain(words)
    },
    10_000,
  )
})

// [name, data, field, code]: arguments computed at run time, checked before faker runs.
const DYNAMIC: [string, Record<string, unknown>, string, string][] = [
  ['string-typed length', { n: 300000000, x: 'faker.string.alpha(str(n))' }, 'x', 'runtime/limit'],
  ['computed length', { n: 300000000, x: 'faker.string.alpha(n)' }, 'x', 'runtime/limit'],
  [
    'computed count',
    { n: 30000000, x: 'faker.date.betweens(from=timestamp, to=timestamp, count=n)' },
    'x',
    'runtime/limit',
  ],
  ['computed accountNumber', { n: 100000000, x: 'faker.finance.accountNumber(n)' }, 'x', 'runtime/limit'],
  ['computed option map', { n: 1e9, x: 'faker.lorem.words({min: 1, max: n})' }, 'x', 'runtime/limit'],
  ['computed python length', { n: 1e9, x: 'faker.password(length=n)' }, 'x', 'runtime/limit'],
  ['string where a list belongs', { s: 'abc', x: 'faker.helpers.arrayElement(s)' }, 'x', 'runtime/limit'],
  ['NaN length', { n: Number.NaN, x: 'faker.string.alpha(n)' }, 'x', 'runtime/limit'],
  ['faker rejects min > max', { x: 'faker.number.int(min=10, max=1)' }, 'x', 'runtime/faker-error'],
]

describe('faker allow-list: computed arguments are checked at run time (field null, counted)', () => {
  it.each(DYNAMIC)(
    '%s',
    (_name, data, field, code) => {
      const story = testStory([{ id: 'a', data }])
      const { rows, issues } = runStory(story, 3)
      for (const r of rows[0]) expect(r[field]).toBeNull()
      const diags = issues.toDiagnostics()
      expect(diags.map((d) => [d.code, d.path.at(-1), d.count])).toEqual([[code, field, 3]])
      // The span points at the call inside the field's text.
      const file = story.sources[story.file]
      expect(file.slice(diags[0].span.start, diags[0].span.end)).toMatch(/^faker\./)
    },
    10_000,
  )
})

describe('faker allow-list table', () => {
  it('lists only methods the installed faker has, each once, sorted', () => {
    const paths = FAKER_METHODS.map((m) => m.path)
    expect(new Set(paths).size).toBe(paths.length)
    expect([...paths].sort()).toEqual(paths)
    expect(FAKER_PATHS).toEqual(paths)
    for (const p of [
      'helpers.fake',
      'helpers.mustache',
      'helpers.fromRegExp',
      'helpers.multiple',
      'helpers.maybe',
    ])
      expect(isFakerPath(p), p).toBe(false)
  })

  it('keeps every faker method the library stories and the seed use', () => {
    for (const p of [
      'string.alphanumeric',
      'string.numeric',
      'string.alpha',
      'string.uuid',
      'internet.email',
      'internet.username',
      'internet.ipv4',
      'person.fullName',
      'person.firstName',
      'number.int',
      'company.name',
      'lorem.paragraph',
      'location.zipCode',
      'helpers.arrayElement',
      'helpers.weightedArrayElement',
      'git.commitSha',
      'git.commitMessage',
      'commerce.productName',
      'system.mimeType',
      'vehicle.vrm',
    ])
      expect(fakerMethod(p), p).toBeDefined()
  })

  it('every method runs at its largest allowed arguments without a problem, quickly', () => {
    const data = {
      a: 'faker.string.alpha(10000)',
      b: 'faker.lorem.words(1000)',
      c: 'faker.lorem.paragraphs(100)',
      d: 'faker.date.betweens(from=timestamp - duration(days=1), to=timestamp, count=1000)',
      e: 'faker.finance.accountNumber(10000)',
      f: "faker.helpers.arrayElements(['a', 'b', 'c'], 1000)",
      g: 'faker.internet.password(length=1000, memorable=true)',
      h: 'faker.lorem.sentences(1000)',
    }
    const { rows, issues } = runStory(testStory([{ id: 'a', data }]), 1)
    expect(issues.toDiagnostics()).toEqual([])
    expect(String(rows[0][0].a)).toHaveLength(10000)
    expect(rows[0][0].d).toHaveLength(1000)
  }, 20_000)

  it('every argument-less method produces a value', () => {
    const data: Record<string, unknown> = {}
    FAKER_METHODS.forEach((m, i) => {
      const needsArgs =
        m.path.startsWith('helpers.') ||
        ['string.fromCharacters', 'date.between', 'date.betweens'].includes(m.path)
      if (!needsArgs) data[`f${i}`] = `faker.${m.path}()`
    })
    const { rows, issues } = runStory(testStory([{ id: 'a', data }]), 1)
    expect(issues.toDiagnostics()).toEqual([])
    for (const [k, v] of Object.entries(rows[0][0])) expect(v, String(data[k])).not.toBeNull()
  }, 20_000)
})

describe('faker never reads the wall clock', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('date methods and defaults give the same values at any system time', () => {
    const data = {
      past: 'faker.date.past()',
      soon: 'faker.date.soon()',
      any: 'faker.date.anytime()',
      birth: 'faker.date.birthdate()',
      ulid: 'faker.string.ulid()',
      commit: 'faker.git.commitDate()',
      entry: 'faker.git.commitEntry()',
    }
    // And every method callable without arguments.
    FAKER_METHODS.forEach((m, i) => {
      if (
        !m.path.startsWith('helpers.') &&
        !['string.fromCharacters', 'date.between', 'date.betweens'].includes(m.path)
      )
        (data as Record<string, string>)[`m${i}`] = `faker.${m.path}()`
    })
    const run = (): string => JSON.stringify(runStory(testStory([{ id: 'a', data }]), 3).rows)
    vi.useFakeTimers({ now: Date.UTC(2001, 0, 1) })
    const a = run()
    vi.setSystemTime(Date.UTC(2040, 6, 1))
    expect(run()).toBe(a)
  })
})

describe('one locale rule', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en_US'],
    ['en_us', 'en_US'],
    ['pt-BR', 'pt_BR'],
    ['de_DE', 'de'],
    ['sr_RS_latin', 'sr_RS_latin'],
    ['xx_YY', undefined],
    ['', undefined],
    ['__proto__', undefined],
  ])('%s', (locale, name) => {
    expect(normalizeLocale(locale)).toBe(name)
    expect(isKnownLocale(locale)).toBe(name !== undefined)
    expect(localeChain(locale) !== undefined).toBe(name !== undefined)
  })

  it('a story in en-US compiles and runs (the loader and the bridge agree)', () => {
    const { rows } = runStory(testStory([{ id: 'a', data: { n: 'faker.name()' } }], { locale: 'en-US' }), 2)
    expect(typeof rows[0][0].n).toBe('string')
  })
})
