/** Studio / worker level: the engine entry points the worker runs (check, export) under size and time budgets. */
import type { HostileCase } from '../types.ts'
import { HEAD, oneEvent } from './story.ts'

const manyEvents = (n: number) =>
  `${HEAD}events:\n${Array.from({ length: n }, (_, i) => `  - id: e${i}\n    source: s\n    event: t${i}\n    after: e${Math.max(0, i - 1)}\n    data:\n      x: =nosuch${i}(prev.y)\n`).join('')}`
const manyFields = (n: number) =>
  oneEvent(Array.from({ length: n }, (_, i) => `      f${i}: =f${i + 1} + f${(i * 7) % n}`).join('\n'))
const unknownKeysKb = (kb: number) =>
  `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n${Array.from({ length: Math.floor((kb * 1024) / 44) }, (_, i) => `    ${`unknown_key_number_${i}`.padEnd(38, 'x')}: 1`).join('\n')}\n`

const c = (
  id: string,
  title: string,
  entry: HostileCase['entry'],
  expect: HostileCase['expect'],
  maxMs: number,
  maxMiB: number,
  owner: HostileCase['owner'],
): HostileCase => ({
  id: `studio/${id}`,
  class: 'studio-worker',
  title,
  entry,
  expect,
  maxMs,
  maxMiB,
  owner,
})

/** What a shared story can make the studio's worker do. */
export const STUDIO_CASES: HostileCase[] = [
  c(
    '800kb-unknown-keys',
    'an 800 KB shared story of unknown keys (the checker was busy forever)',
    { kind: 'worker', story: () => unknownKeysKb(800) },
    { anyCode: ['story/unknown-key', 'limit/diagnostics', 'limit/budget'] },
    8000,
    600,
    'story',
  ),
  c(
    '800kb-events',
    'an 800 KB story of 6 000 funnel steps with unknown functions',
    { kind: 'worker', story: () => manyEvents(6000) },
    { anyCode: ['expr/unknown-function', 'limit/diagnostics', 'limit/funnel-depth', 'limit/budget'] },
    // Bounded well under the studio's 10 s check budget on an idle machine; 8 s was measured in CI.
    20000,
    600,
    'story',
  ),
  c(
    '800kb-fields',
    'an 800 KB story of 20 000 fields that read each other',
    { kind: 'worker', story: () => manyFields(20000) },
    { anyCode: ['expr/cycle', 'limit/diagnostics', 'limit/budget'] },
    8000,
    600,
    'expr',
  ),
  c(
    'check-only-800kb',
    'the same 800 KB fields story through checkStory (live markers)',
    { kind: 'check', story: () => manyFields(20000) },
    { anyCode: ['expr/cycle', 'limit/diagnostics', 'limit/budget'] },
    8000,
    600,
    'expr',
  ),
  c(
    'export-history',
    'a whole-run export that keeps 10 000 large occurrences',
    {
      kind: 'worker',
      story: `${HEAD.replace('2025-01-03', '2025-12-31')}events:\n  - id: a\n    source: s\n    event: e\n    repeat: 20000\n    every: duration(minutes=20)\n    data:\n      t: "${'y'.repeat(60_000)}\${index}"\n  - id: b\n    source: s\n    event: f\n    repeat: 20000\n    every: duration(minutes=20)\n    offset: duration(minutes=10)\n    data:\n      r: ref(a.t)\n`,
      limit: 12000,
    },
    { codes: ['limit/history'] },
    60000,
    1200,
    'run',
  ),
  c(
    'export-csv-proto',
    'a CSV export of event types __proto__/constructor/toString',
    {
      kind: 'worker',
      format: 'csv',
      story: `${HEAD}events:\n${['__proto__', 'constructor', 'toString'].map((t) => `  - id: ${t}\n    source: ${t}\n    event: ${t}\n    repeat: 2\n    every: duration(hours=1)\n    data:\n      ${t}: =1\n`).join('')}`,
    },
    { minEvents: 6 },
    4000,
    300,
    'run',
  ),
  c(
    'deep-member-worker',
    'a 3 000-deep member chain through the worker',
    { kind: 'worker', story: oneEvent(`      x: "=prev.${'a.'.repeat(3000)}a"`) },
    { anyCode: ['expr/too-complex'] },
    4000,
    300,
    'expr',
  ),
  c(
    'sum-worker',
    'a 4 500-term sum through the worker',
    { kind: 'worker', story: oneEvent(`      x: "=${Array.from({ length: 4500 }, () => '1').join('+')}"`) },
    { anyCode: ['expr/too-complex'] },
    4000,
    300,
    'expr',
  ),
  c(
    'include-in-worker',
    'an include in a story the worker got without its files',
    { kind: 'worker', story: `${HEAD}include: [/proc/self/environ]\n${oneEvent('      x: 1', '', '')}` },
    {
      anyCode: ['story/include-missing', 'story/include-in-link', 'limit/include-file'],
      lacks: ['hostile-env-secret-7f3a'],
    },
    4000,
    300,
    'studio',
  ),
  c(
    'poisson-nan-worker',
    "poisson(float('nan')) through the worker",
    { kind: 'worker', story: oneEvent(`      x: "=poisson(float('nan'))"`) },
    { anyCode: ['expr/arguments', 'runtime/not-finite', 'runtime/type-error'] },
    4000,
    300,
    'expr',
  ),
  c(
    'helpers-fake-worker',
    'helpers.fake through the worker',
    { kind: 'worker', story: oneEvent(`      x: "=faker.helpers.fake('{{string.alpha(300000000)}}')"`) },
    { codes: ['expr/unknown-faker'] },
    4000,
    320,
    'expr',
  ),
  c(
    'schedule-nan-worker',
    'every NaN through the worker',
    {
      kind: 'worker',
      story: oneEvent('      x: 1').replace(
        'every: duration(hours=1)',
        "every: duration(hours=float('nan'))",
      ),
    },
    { anyCode: ['schedule/not-finite', 'runtime/type-error'] },
    4000,
    300,
    'run',
  ),
]
