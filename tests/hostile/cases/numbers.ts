/** Numbers and times: NaN, Infinity, 1e15-day steps, numbers beyond 2^53, and zones that skip a day. */
import type { HostileCase } from '../types.ts'
import { field, HEAD, oneEvent } from './story.ts'

const schedule = (key: 'every' | 'offset' | 'jitter', value: string) =>
  key === 'every'
    ? oneEvent('      x: 1').replace('every: duration(hours=1)', `every: ${value}`)
    : oneEvent('      x: 1', `    ${key}: ${value}\n`)

const delay = (value: string) =>
  `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    repeat: 3\n    every: duration(hours=1)\n    data: { x: 1 }\n  - id: b\n    after: a\n    source: s\n    event: f\n    delay: ${value}\n    data: { x: 1 }\n`

const zone = (tz: string, start: string, end: string, every: string, repeat: number) =>
  `name: zone\norg_id: o\nstart_date: ${start}\nend_date: ${end}\ntimezone: ${tz}\nseed: 1\nevents:\n  - id: a\n    source: s\n    event: e\n    repeat: ${repeat}\n    every: ${every}\n    data: { x: 1 }\n`

const NOT_FINITE = [
  'duration(days=1e15)',
  "duration(hours=float('nan'))",
  "duration(hours=float('inf'))",
  'duration(days=-1e15)',
  'duration(seconds=1e300)',
]

const c = (
  id: string,
  title: string,
  entry: HostileCase['entry'],
  expect: HostileCase['expect'],
  owner: HostileCase['owner'],
): HostileCase => ({
  id: `numbers/${id}`,
  class: 'numbers-times',
  title,
  entry,
  expect,
  maxMs: 4000,
  maxMiB: 300,
  owner,
})

const label = (v: string) => v.replace(/duration\(|\)|'|float\(/g, '').replace(/[=.]/g, '-')

/** Nothing is silent: each is a diagnostic with a span, and nothing throws a RangeError. */
export const NUMBER_CASES: HostileCase[] = [
  c(
    'infinity-literal',
    "len('a') * 1e400 silently becomes null",
    { kind: 'stream', story: field("=len('a') * 1e400") },
    { anyCode: ['runtime/not-finite', 'expr/syntax'] },
    'expr',
  ),
  c(
    'time-plus-huge',
    'timestamp + duration(days=1e15) prints a year-2737907009013 timestamp',
    { kind: 'stream', story: field('=timestamp + duration(days=1e15)') },
    {
      anyCode: [
        'runtime/not-finite',
        'runtime/number-range',
        'runtime/limit',
        'schedule/out-of-range',
        'expr/arguments',
      ],
    },
    'expr',
  ),
  c(
    'datetime-huge-year',
    "datetime('%Y') of a time 1e15 days away",
    { kind: 'stream', story: field("=datetime('%Y', timestamp + duration(days=1e15))") },
    {
      anyCode: [
        'runtime/not-finite',
        'runtime/number-range',
        'runtime/limit',
        'schedule/out-of-range',
        'expr/arguments',
      ],
    },
    'expr',
  ),
  ...(['every', 'offset'] as const).flatMap((key) =>
    NOT_FINITE.map((v) =>
      c(
        `${key}-${label(v)}`,
        `${key}: ${v}`,
        { kind: 'stream', story: schedule(key, v) },
        // A literal out of range is caught at the argument; NaN/Infinity from float('nan') at run time.
        { anyCode: ['schedule/not-finite', 'expr/arguments', 'runtime/type-error', 'runtime/not-finite'] },
        'run',
      ),
    ),
  ),
  ...NOT_FINITE.slice(0, 3).map((v) =>
    c(
      `delay-${label(v)}`,
      `delay: ${v}`,
      { kind: 'stream', story: delay(v) },
      { anyCode: ['schedule/not-finite', 'expr/arguments', 'runtime/type-error', 'runtime/not-finite'] },
      'run',
    ),
  ),
  c(
    'jitter-huge',
    'jitter: duration(days=1e15)',
    { kind: 'stream', story: schedule('jitter', 'duration(days=1e15)') },
    { anyCode: ['schedule/not-finite', 'story/jitter-exceeds-step', 'expr/arguments'] },
    'run',
  ),
  c(
    'overflow-multiply',
    '1e308 * 10 is Infinity',
    { kind: 'stream', story: field('=1e308 * 10') },
    { codes: ['runtime/not-finite'] },
    'expr',
  ),
  c(
    'overflow-power',
    '10 ** 400',
    { kind: 'stream', story: field('=10 ** 400') },
    { anyCode: ['runtime/not-finite', 'expr/syntax'] },
    'expr',
  ),
  c(
    'nan-arithmetic',
    "float('nan') + 1",
    { kind: 'stream', story: field("=float('nan') + 1") },
    { anyCode: ['runtime/not-finite', 'runtime/type-error'] },
    'expr',
  ),
  c(
    'inf-minus-inf',
    "float('inf') - float('inf')",
    { kind: 'stream', story: field("=float('inf') - float('inf')") },
    { anyCode: ['runtime/not-finite', 'runtime/type-error'] },
    'expr',
  ),
  c(
    'nan-round',
    "round(float('nan'))",
    { kind: 'stream', story: field("=round(float('nan'))") },
    { anyCode: ['runtime/not-finite', 'expr/arguments', 'runtime/type-error'] },
    'expr',
  ),
  c(
    'random-beyond-2-53',
    'random(0, 1e20) is beyond 2^53',
    { kind: 'stream', story: field('=random(0, 1e20)') },
    { anyCode: ['runtime/number-range', 'expr/arguments'] },
    'expr',
  ),
  c(
    'randint-beyond-2-53',
    'randint(0, 2^60)',
    { kind: 'stream', story: field('=randint(0, 1152921504606846976)') },
    { anyCode: ['runtime/number-range', 'expr/arguments', 'expr/unknown-function'] },
    'expr',
  ),
  c(
    'gaussian-nan',
    "gaussian(0, float('nan'))",
    { kind: 'stream', story: field("=gaussian(0, float('nan'))") },
    { anyCode: ['runtime/not-finite', 'expr/arguments', 'runtime/type-error'] },
    'expr',
  ),
  c(
    'int-of-huge',
    "int('1e400')",
    { kind: 'stream', story: field("=int('1e400')") },
    { anyCode: ['runtime/not-finite', 'runtime/number-range', 'runtime/type-error'] },
    'expr',
  ),
  c(
    'repeat-infinity',
    'repeat: 1e400 (YAML reads Infinity)',
    { kind: 'check', story: oneEvent('      x: 1').replace('repeat: 3', 'repeat: 1e400') },
    { anyCode: ['story/invalid-repeat', 'limit/events'] },
    'story',
  ),
  c(
    'seed-infinity',
    'seed: .inf',
    { kind: 'stream', story: oneEvent('      x: 1').replace('seed: 1', 'seed: .inf') },
    { anyCode: ['story/wrong-type'] },
    'story',
  ),
  c(
    'probability-nan',
    'probability: .nan',
    { kind: 'check', story: oneEvent('      x: 1', '    probability: .nan\n') },
    { codes: ['story/invalid-probability'] },
    'story',
  ),
  c(
    'start-far-future',
    'start_date: +275760-09-13',
    {
      kind: 'stream',
      story: oneEvent('      x: 1')
        .replace('2025-01-01', '+275760-09-13')
        .replace('end_date: 2025-01-03\n', ''),
    },
    { anyCode: ['story/invalid-date', 'schedule/out-of-range', 'schedule/not-finite'] },
    'run',
  ),
  c(
    'every-tiny',
    'every: duration(seconds=1e-300)',
    { kind: 'stream', story: schedule('every', 'duration(seconds=1e-300)'), limit: 100 },
    { anyCode: ['schedule/non-positive-every', 'schedule/not-finite'] },
    'run',
  ),
  c(
    'apia-2011-daily',
    'Pacific/Apia skipped 30 December 2011: daily stays strictly increasing',
    { kind: 'stream', story: zone('Pacific/Apia', '2011-12-25', '2012-01-05', 'duration(days=1)', 12) },
    { increasing: true, minEvents: 10 },
    'run',
  ),
  c(
    'apia-2011-frequency',
    'Pacific/Apia 2011, frequency: daily',
    {
      kind: 'stream',
      story: zone('Pacific/Apia', '2011-12-25', '2012-01-05', 'duration(days=1)', 12).replace(
        'every: duration(days=1)',
        'frequency: daily',
      ),
    },
    { increasing: true, minEvents: 10 },
    'run',
  ),
  c(
    'apia-2011-hourly',
    'Pacific/Apia 2011, hourly across the skipped day',
    { kind: 'stream', story: zone('Pacific/Apia', '2011-12-29', '2012-01-01', 'duration(hours=1)', 60) },
    { increasing: true, minEvents: 40 },
    'run',
  ),
  c(
    'berlin-gap-daily',
    'Europe/Berlin, daily at 02:30 across the spring gap',
    {
      kind: 'stream',
      story: zone('Europe/Berlin', '2025-03-28T02:30:00', '2025-04-02', 'duration(days=1)', 5),
    },
    { increasing: true, minEvents: 5 },
    'run',
  ),
  c(
    'lord-howe-daily',
    'Australia/Lord_Howe (30-minute DST), daily at 02:15',
    {
      kind: 'stream',
      story: zone('Australia/Lord_Howe', '2025-04-04T01:45:00', '2025-04-09', 'duration(days=1)', 5),
    },
    { increasing: true, minEvents: 5 },
    'run',
  ),
  c(
    'kiritimati-monthly',
    'Pacific/Kiritimati skipped 31 December 1994: monthly on the 31st',
    {
      kind: 'stream',
      story: zone('Pacific/Kiritimati', '1994-10-31', '1995-04-01', 'duration(days=1)', 5).replace(
        'every: duration(days=1)',
        'frequency: monthly',
      ),
    },
    { increasing: true, minEvents: 4 },
    'run',
  ),
]
