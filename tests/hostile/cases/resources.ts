/** Unbounded resources: history, value sizes, checker recursion, did-you-mean, cycles, funnels, diagnostics. */
import type { HostileCase } from '../types.ts'
import { field, HEAD, oneEvent } from './story.ts'

const memberChain = (n: number) => `=prev.${'a.'.repeat(n)}a`
const sum = (n: number) => `=${Array.from({ length: n }, () => '1').join(' + ')}`
const nested = (n: number) => `=${'('.repeat(n)}1${')'.repeat(n)}`
const cycle = (n: number) =>
  Array.from({ length: n }, (_, i) => `      f${i}: =f${(i + 1) % n} + 1`).join('\n')
const funnel = (n: number) =>
  `${HEAD}events:\n  - id: s0\n    source: s\n    event: e\n    data: { x: 1 }\n` +
  Array.from(
    { length: n },
    (_, i) => `  - id: s${i + 1}\n    after: s${i}\n    source: s\n    event: e\n    data: { x: 1 }\n`,
  ).join('')
// Explicit keys (`? key`), so that YAML's 1024-character limit on implicit keys does not stop long ones first.
const unknownKeys = (n: number, len: number) =>
  `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n${Array.from({ length: n }, (_, i) => `    ? ${`q${i}`.padEnd(len, 'z')}\n    : 1`).join('\n')}\n`
const manyBadEvents = (n: number) =>
  `${HEAD}events:\n${Array.from({ length: n }, (_, i) => `  - id: e${i}\n    source: s\n    event: e\n    bogus: 1\n    repeat: -1\n`).join('')}`

/** The 697-byte kind of story: a 1 MB field kept for ref() 10 000 times over. */
const HISTORY = `${HEAD.replace('2025-01-03', '2025-12-31')}events:
  - id: big
    source: s
    event: e
    repeat: 20000
    every: duration(minutes=20)
    data:
      text: "${'x'.repeat(60_000)}\${index}"
  - id: reader
    source: s
    event: r
    repeat: 20000
    every: duration(minutes=20)
    offset: duration(minutes=10)
    data:
      t: ref(big.text)
`

const growing = (expr: string) =>
  oneEvent(`      v: ${JSON.stringify(expr)}`, '')
    .replace('repeat: 3', 'repeat: 200')
    .replace('hours=1', 'minutes=1')

const c = (
  id: string,
  title: string,
  entry: HostileCase['entry'],
  expect: HostileCase['expect'],
  maxMs: number,
  maxMiB: number,
  owner: HostileCase['owner'],
): HostileCase => ({ id: `resources/${id}`, class: 'resources', title, entry, expect, maxMs, maxMiB, owner })

const templateChain = (n: number) =>
  `${HEAD}templates:\n${Array.from({ length: n }, (_, i) => `  t${i}:\n    ${i + 1 < n ? `use: t${i + 1}\n    ` : 'source: s\n    '}data: { f${i}: 1 }\n`).join('')}events:\n  - id: a\n    use: t0\n    event: e\n`
const prevFields = (n: number) =>
  `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    repeat: 2\n    every: duration(hours=1)\n    data:\n${Array.from({ length: n }, (_, i) => `      f${i}: "=prev.f${i} ?? ${i}"`).join('\n')}\n`

/** Each would hang, blow the stack or allocate gigabytes without a limit in bytes or steps. */
export const RESOURCE_CASES: HostileCase[] = [
  c(
    'template-chain-5000',
    'a 5 000-deep `use:` template chain (230 KB; 16 s to check before)',
    { kind: 'check', story: () => templateChain(5000) },
    {},
    4000,
    400,
    'story',
  ),
  c(
    'template-chain-5000-run',
    'the same template chain, run',
    { kind: 'stream', story: () => templateChain(5000), limit: 5 },
    {},
    4000,
    400,
    'story',
  ),
  c(
    'prev-fields-20000',
    '20 000 fields that each read prev (a 700 KB story)',
    { kind: 'stream', story: () => prevFields(20000), limit: 5 },
    {},
    8000,
    500,
    'expr',
  ),
  c(
    'history-bytes',
    '6 000 occurrences of a 60 KB field kept for ref() (over the 512 MiB budget if all were kept)',
    { kind: 'stream', story: HISTORY, limit: 12000 },
    { codes: ['limit/history'] },
    60000,
    1200,
    'run',
  ),
  c(
    'list-of-strings',
    'a list of strings that doubles every occurrence',
    {
      kind: 'stream',
      story: growing("=(prev.v ?? ['" + 'x'.repeat(1000) + "']) + (prev.v ?? [])"),
      limit: 200,
    },
    { codes: ['runtime/limit'] },
    8000,
    500,
    'expr',
  ),
  c(
    'str-of-list',
    'str() of a list that doubles every occurrence',
    {
      kind: 'stream',
      story: growing("=str(prev.v ?? '" + 'x'.repeat(1000) + "') + str(prev.v ?? '')"),
      limit: 200,
    },
    { codes: ['runtime/limit'] },
    8000,
    500,
    'expr',
  ),
  c(
    'str-of-nested-list',
    'str() of a nested list of strings',
    { kind: 'stream', story: growing("=[prev.v ?? 'x', prev.v ?? 'x', str(prev.v)]"), limit: 200 },
    { anyCode: ['runtime/limit'] },
    8000,
    500,
    'expr',
  ),
  c(
    'template-doubling',
    'a template that doubles its own previous value',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a story template, not a JS one
    { kind: 'stream', story: growing('${prev.v}${prev.v}x'), limit: 200 },
    { codes: ['runtime/limit'] },
    8000,
    500,
    'expr',
  ),
  c(
    'member-chain-3000',
    'a 3 000-deep member chain',
    { kind: 'check', story: field(memberChain(3000)) },
    { anyCode: ['expr/too-complex', 'limit/expression-length'] },
    3000,
    300,
    'expr',
  ),
  c(
    'member-chain-9000',
    'a 9 000-deep member chain (under the length limit)',
    { kind: 'check', story: field(memberChain(9000)) },
    { anyCode: ['expr/too-complex', 'limit/expression-length'] },
    3000,
    300,
    'expr',
  ),
  c(
    'sum-4500',
    'a 4 500-term sum',
    { kind: 'check', story: field(sum(4500)) },
    { anyCode: ['expr/too-complex'] },
    3000,
    300,
    'expr',
  ),
  c(
    'sum-4500-run',
    'a 4 500-term sum, run',
    { kind: 'stream', story: field(sum(4500)) },
    { anyCode: ['expr/too-complex'] },
    3000,
    300,
    'expr',
  ),
  c(
    'parens-5000',
    '5 000 nested parentheses',
    { kind: 'check', story: field(nested(5000)) },
    { anyCode: ['expr/too-complex', 'limit/expression-length'] },
    3000,
    300,
    'expr',
  ),
  c(
    'unary-6000',
    '6 000 unary minus signs',
    { kind: 'check', story: field(`=${'-'.repeat(6000)}1`) },
    { anyCode: ['expr/too-complex'] },
    3000,
    300,
    'expr',
  ),
  c(
    'not-6000',
    "6 000 'not' operators",
    { kind: 'check', story: field(`=${'not '.repeat(3000)}true`) },
    { anyCode: ['expr/too-complex'] },
    3000,
    300,
    'expr',
  ),
  c(
    'ternary-3000',
    '3 000 chained ternaries',
    { kind: 'check', story: field(`=${'true ? 1 : '.repeat(1500)}0`) },
    { anyCode: ['expr/too-complex'] },
    3000,
    300,
    'expr',
  ),
  c(
    'cycle-5000',
    'a 5 000-field cycle (245 MB of diagnostics before)',
    { kind: 'check', story: oneEvent(cycle(5000)) },
    { codes: ['expr/cycle'] },
    5000,
    400,
    'expr',
  ),
  c(
    'cycle-15000',
    'a 15 000-field cycle',
    { kind: 'check', story: oneEvent(cycle(15000)) },
    { anyCode: ['expr/cycle', 'limit/diagnostics'] },
    8000,
    500,
    'expr',
  ),
  c(
    'chain-15000',
    'a 15 000-field chain without a cycle (checker recursion)',
    {
      kind: 'check',
      story: oneEvent(
        Array.from({ length: 15000 }, (_, i) => `      f${i}: =${i === 14999 ? '1' : `f${i + 1}`} + 1`).join(
          '\n',
        ),
      ),
    },
    {},
    8000,
    500,
    'expr',
  ),
  c(
    'did-you-mean-80k',
    '80 KB of unknown keys (quadratic did-you-mean)',
    { kind: 'check', story: unknownKeys(2000, 38) },
    { codes: ['story/unknown-key'] },
    4000,
    400,
    'story',
  ),
  c(
    'did-you-mean-long-key',
    'one 200 KB unknown key',
    { kind: 'check', story: unknownKeys(1, 200_000) },
    { codes: ['story/unknown-key'] },
    3000,
    400,
    'story',
  ),
  c(
    'did-you-mean-names',
    '3 000 unknown names in expressions',
    {
      kind: 'check',
      story: oneEvent(
        Array.from({ length: 3000 }, (_, i) => `      f${i}: =nosuchname${'q'.repeat(30)}${i}`).join('\n'),
      ),
    },
    { anyCode: ['expr/unknown-name', 'limit/diagnostics'] },
    5000,
    400,
    'story',
  ),
  c(
    'funnel-20000',
    '20 000 chained funnel steps',
    { kind: 'check', story: funnel(20000) },
    { codes: ['limit/funnel-depth'] },
    // Linear now (the harm was quadratic); parsing the 20,000-step YAML alone takes 8-9 s on 2 cores
    // and 450-820 MiB (the yaml package's document tree).
    20000,
    1200,
    'story',
  ),
  c(
    'funnel-20000-run',
    '20 000 chained funnel steps, run',
    { kind: 'stream', story: funnel(20000), limit: 10 },
    { codes: ['limit/funnel-depth'] },
    20000,
    1200,
    'story',
  ),
  c(
    'diagnostics-flood',
    '10 000 events with two errors each',
    { kind: 'check', story: manyBadEvents(10000) },
    { codes: ['limit/diagnostics'] },
    8000,
    500,
    'story',
  ),
  c(
    'poisson-nan',
    "poisson(float('nan')) loops forever",
    { kind: 'stream', story: field("=poisson(float('nan'))") },
    { anyCode: ['expr/arguments', 'runtime/not-finite', 'runtime/type-error'] },
    3000,
    300,
    'expr',
  ),
  c(
    'poisson-infinity',
    "poisson(float('inf'))",
    { kind: 'stream', story: field("=poisson(float('inf'))") },
    { anyCode: ['expr/arguments', 'runtime/not-finite', 'runtime/type-error'] },
    3000,
    300,
    'expr',
  ),
  c(
    'poisson-huge',
    'poisson(1e300)',
    { kind: 'stream', story: field('=poisson(1e300)') },
    { anyCode: ['expr/arguments', 'runtime/number-range', 'runtime/limit'] },
    3000,
    300,
    'expr',
  ),
  c(
    'poisson-dynamic-nan',
    'poisson() of a NaN computed at run time',
    { kind: 'stream', story: field("=poisson(float(prev.x ?? 'nan'))") },
    { anyCode: ['expr/arguments', 'runtime/not-finite', 'runtime/type-error'] },
    3000,
    300,
    'expr',
  ),
  c(
    'repeat-huge',
    'repeat: 1e12 (generation stays lazy)',
    {
      kind: 'stream',
      story: oneEvent('      x: 1')
        .replace('repeat: 3', 'repeat: 1000000000000')
        .replace('2025-01-03', '2099-01-01'),
      limit: 1000,
    },
    { minEvents: 1000 },
    3000,
    300,
    'run',
  ),
  c(
    'fan-out-huge',
    'every one of 10 000 parents has 10 000 children',
    {
      kind: 'stream',
      story: `${HEAD}events:\n  - id: p\n    source: s\n    event: e\n    repeat: 10000\n    every: duration(seconds=1)\n    data: { x: 1 }\n  - id: c\n    after: p\n    source: s\n    event: f\n    repeat: 10000\n    every: duration(seconds=1)\n    data: { x: 1 }\n`,
      limit: 1000,
    },
    {},
    6000,
    400,
    'run',
  ),
  c(
    'weighted-1500',
    'weighted() over a 1 500-entry map',
    {
      kind: 'stream',
      story: field(`=weighted({${Array.from({ length: 1500 }, (_, i) => `'k${i}': 1`).join(', ')}})`),
    },
    {},
    4000,
    300,
    'expr',
  ),
]
