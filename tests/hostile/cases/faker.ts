/** Faker as a way around every limit: an allow-list with argument caps, no template helpers. */
import type { HostileCase } from '../types.ts'
import { field } from './story.ts'

const UNKNOWN = 'expr/unknown-faker'
const ARGS = 'expr/arguments'

// [id, expression, codes any of which must appear]
const CALLS: [string, string, string[]][] = [
  ['string-length-as-text', "faker.string.alpha('300000000')", [ARGS, UNKNOWN]],
  ['string-length-kwarg-text', "faker.string.alpha(length='300000000')", [ARGS, UNKNOWN]],
  ['string-length-object', "faker.string.alpha({'length': {'min': 300000000, 'max': 300000000}})", [ARGS]],
  ['string-length-float-text', "faker.string.numeric('3e8')", [ARGS, UNKNOWN]],
  ['helpers-fake', "faker.helpers.fake('{{string.alpha(300000000)}}')", [UNKNOWN]],
  ['helpers-fake-date', "faker.helpers.fake('{{date.recent}}')", [UNKNOWN]],
  ['helpers-mustache', "faker.helpers.mustache('{{a}}', {'(a+)+$': 'x'})", [UNKNOWN]],
  ['helpers-from-regexp', "faker.helpers.fromRegExp('a{1,300000000}')", [UNKNOWN, ARGS]],
  ['helpers-from-regexp-nested', "faker.helpers.fromRegExp('((a{1,999}){1,999}){1,999}')", [UNKNOWN, ARGS]],
  ['helpers-multiple', "faker.helpers.multiple('x', {'count': 300000000})", [UNKNOWN, ARGS]],
  ['helpers-array-elements', 'faker.helpers.arrayElements([1, 2, 3], 300000000)', [ARGS, UNKNOWN]],
  ['helpers-unique-array', "faker.helpers.uniqueArray(['a'], 300000000)", [ARGS, UNKNOWN]],
  [
    'date-betweens',
    "faker.date.betweens({'from': '2020-01-01', 'to': '2021-01-01', 'count': 30000000})",
    [ARGS, UNKNOWN],
  ],
  ['finance-account-number', 'faker.finance.accountNumber(100000000)', [ARGS]],
  ['finance-account-number-text', "faker.finance.accountNumber('100000000')", [ARGS, UNKNOWN]],
  ['lorem-paragraphs', 'faker.lorem.paragraphs(100000000)', [ARGS]],
  ['lorem-words-range', "faker.lorem.words({'min': 100000000, 'max': 100000000})", [ARGS]],
  ['image-data-uri', "faker.image.dataUri({'width': 100000, 'height': 100000})", [ARGS, UNKNOWN]],
  ['seed', 'faker.seed(1)', [UNKNOWN]],
  ['set-ref-date', "faker.setDefaultRefDate('2000-01-01')", [UNKNOWN]],
  ['raw-definitions', 'faker.rawDefinitions.person.first_name()', [UNKNOWN]],
  ['definitions', 'faker.definitions.person.first_name()', [UNKNOWN]],
  [
    'helpers-replace-symbols',
    "faker.helpers.replaceCreditCardSymbols('#'.repeat(9))",
    [UNKNOWN, ARGS, 'expr/unsafe'],
  ],
  ['date-soon-huge', 'faker.date.soon({"days": 1e300})', [ARGS, 'runtime/not-finite']],
]

/** Each call is refused statically (the allow-list decides before anything runs). */
export const FAKER_CASES: HostileCase[] = [
  ...CALLS.map(
    ([id, expr, anyCode]): HostileCase => ({
      id: `faker/${id}`,
      class: 'faker',
      title: `${expr} is refused before it runs`,
      entry: { kind: 'stream', story: field(expr), limit: 3 },
      expect: { anyCode },
      maxMs: 4000,
      maxMiB: 320,
      owner: 'expr',
    }),
  ),
  {
    id: 'faker/dynamic-length',
    class: 'faker',
    title: 'a length computed at run time (300 million) is stopped with runtime/limit',
    entry: {
      kind: 'stream',
      story: field('faker.string.alpha(n)').replace('      x:', '      n: =300000000\n      x:'),
      limit: 3,
    },
    expect: { codes: ['runtime/limit'] },
    maxMs: 4000,
    maxMiB: 320,
    owner: 'expr',
  },
  {
    id: 'faker/dynamic-count-text',
    class: 'faker',
    title: 'a count that is a string at run time',
    entry: {
      kind: 'stream',
      story: field('faker.lorem.words(n)').replace('      x:', '      n: =str(300000000)\n      x:'),
      limit: 3,
    },
    expect: { anyCode: ['runtime/limit', 'runtime/faker-error', 'runtime/type-error'] },
    maxMs: 4000,
    maxMiB: 320,
    owner: 'expr',
  },
  ...['faker.date.recent()', 'faker.date.soon()', 'faker.git.commitEntry()', 'faker.date.birthdate()'].map(
    (expr): HostileCase => ({
      id: `faker/deterministic-${expr.split('.').slice(1, 3).join('-').replace('()', '')}`,
      class: 'faker',
      title: `${expr} gives the same bytes on every run (no wall clock)`,
      entry: { kind: 'stream', story: field(expr), limit: 3 },
      expect: { deterministic: true, minEvents: 3 },
      maxMs: 4000,
      maxMiB: 320,
      owner: 'expr',
    }),
  ),
]
