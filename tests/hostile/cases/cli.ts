/** The CLI as a process: signals while generating, --out onto links/FIFOs/devices, control characters. */
import { encodeShareLink } from '../../../packages/engine/src/share/index.ts'
import type { FileSpec, HostileCase } from '../types.ts'
import { HEAD, oneEvent } from './story.ts'

// About 10 million events: minutes of generation, so a signal always arrives mid-run.
const LONG = `name: long\norg_id: o\nstart_date: 2025-01-01\nend_date: 2045-01-01\nseed: 1\nevents:\n  - id: a\n    source: s\n    event: e\n    repeat: 10000000\n    every: duration(minutes=1)\n    data:\n      n: faker.person.fullName()\n      v: =random(0, 100)\n`
const long: FileSpec = { path: 'long.yaml', text: LONG }
// The same, but `when:` drops every candidate: minutes of work with no output at all.
const silent: FileSpec = {
  path: 'silent.yaml',
  text: LONG.replace('    data:', '    when: bool(0)\n    data:'),
}
const small: FileSpec = { path: 's.yaml', text: oneEvent('      x: 1') }
const TARGET = 'ORIGINAL-TARGET-CONTENT'

const cli = (
  id: string,
  title: string,
  args: string[],
  files: FileSpec[],
  expect: HostileCase['expect'],
  extra: Partial<Extract<HostileCase['entry'], { kind: 'cli' }>> = {},
  maxMs = 20000,
): HostileCase => ({
  id: `cli/${id}`,
  class: 'cli-process',
  title,
  entry: { kind: 'cli', args, ...extra },
  files,
  expect,
  maxMs,
  maxMiB: 400,
  owner: 'cli-http',
})

const control = (id: string, title: string, text: string, command = 'validate'): HostileCase =>
  cli(
    `control-${id}`,
    title,
    command === 'validate' ? ['validate', 'c.yaml'] : ['generate', 'c.yaml', '--quiet'],
    [{ path: 'c.yaml', text }],
    {
      noRawControl: true,
      exit: [1],
    },
  )

/** Each runs `autosource` as its own process (one per case) in a fresh temp dir. */
export const CLI_CASES: HostileCase[] = [
  cli(
    'sigint-stdout',
    'SIGINT while generating to stdout stops within a second',
    ['generate', 'long.yaml', '--quiet'],
    [long],
    { stopsWithinMs: 1000, exit: [130, 0] },
    { signal: 'SIGINT', signalAfterMs: 800 },
    30000,
  ),
  cli(
    'sigterm-stdout',
    'SIGTERM while generating to stdout stops within a second',
    ['generate', 'long.yaml', '--quiet'],
    [long],
    { stopsWithinMs: 1000, exit: [143, 0] },
    { signal: 'SIGTERM', signalAfterMs: 800 },
    30000,
  ),
  cli(
    'sigint-silent',
    'SIGINT while generating a run that writes nothing (every candidate dropped)',
    ['generate', 'silent.yaml', '--quiet'],
    [silent],
    { stopsWithinMs: 1000, exit: [130, 0] },
    { signal: 'SIGINT', signalAfterMs: 1500 },
    30000,
  ),
  cli(
    'sigterm-silent-out',
    'SIGTERM while generating --out a run that writes nothing',
    ['generate', 'silent.yaml', '--quiet', '--out', 'o.ndjson'],
    [silent],
    { stopsWithinMs: 1000, exit: [143], paths: { 'o.ndjson': ['absent', 'file'] }, noTempLeft: true },
    { signal: 'SIGTERM', signalAfterMs: 1500 },
    30000,
  ),
  cli(
    'sigint-out',
    'SIGINT while generating --out: stops, no partial file, no temp file',
    ['generate', 'long.yaml', '--quiet', '--out', 'out.ndjson'],
    [long],
    { stopsWithinMs: 1000, exit: [130], paths: { 'out.ndjson': 'absent' }, noTempLeft: true },
    { signal: 'SIGINT', signalAfterMs: 2500 },
    30000,
  ),
  cli(
    'sigterm-out',
    'SIGTERM while generating --out',
    ['generate', 'long.yaml', '--quiet', '--out', 'out.ndjson'],
    [long],
    { stopsWithinMs: 1000, exit: [143], paths: { 'out.ndjson': 'absent' }, noTempLeft: true },
    { signal: 'SIGTERM', signalAfterMs: 2500 },
    30000,
  ),
  cli(
    'sigint-out-existing',
    'SIGINT with --out over an existing file keeps the old file',
    ['generate', 'long.yaml', '--quiet', '--out', 'out.ndjson'],
    [long, { path: 'out.ndjson', text: TARGET }],
    { stopsWithinMs: 1000, exit: [130], paths: { 'out.ndjson': 'file' }, noTempLeft: true },
    { signal: 'SIGINT', signalAfterMs: 2500 },
    30000,
  ),
  cli(
    'sigint-csv-dir',
    'SIGINT while writing per-type CSV files into a directory',
    ['generate', 'long.yaml', '--quiet', '--format', 'csv', '--out', 'csv/'],
    [long],
    { stopsWithinMs: 1000, exit: [130], noTempLeft: true },
    { signal: 'SIGINT', signalAfterMs: 2500 },
    30000,
  ),
  cli(
    'out-symlink',
    '--out onto a symlink: written through or refused, the link stays',
    ['generate', 's.yaml', '--quiet', '--out', 'link.ndjson'],
    [small, { path: 'target.txt', text: TARGET }, { path: 'link.ndjson', symlink: 'target.txt' }],
    { paths: { 'link.ndjson': 'symlink', 'target.txt': 'file' }, noTempLeft: true },
  ),
  cli(
    'out-dangling-symlink',
    '--out onto a dangling symlink',
    ['generate', 's.yaml', '--quiet', '--out', 'link.ndjson'],
    [small, { path: 'link.ndjson', symlink: 'nowhere/x.txt' }],
    { paths: { 'link.ndjson': 'symlink' }, noTempLeft: true },
  ),
  cli(
    'out-fifo',
    '--out onto a FIFO: written through or refused, the FIFO stays',
    ['generate', 's.yaml', '--quiet', '--out', 'pipe'],
    [small, { path: 'pipe', fifo: true }],
    { paths: { pipe: 'fifo' }, noTempLeft: true },
    { fifoReader: 'pipe' },
  ),
  cli(
    'out-device',
    '--out onto a device node (or a link to /dev/null): never replaced',
    ['generate', 's.yaml', '--quiet', '--out', 'null'],
    [small, { path: 'null', nullDevice: true }],
    { paths: { null: ['device', 'symlink'] }, noTempLeft: true },
  ),
  cli(
    'out-dev-null',
    '--out /dev/null writes through',
    ['generate', 's.yaml', '--quiet', '--out', '/dev/null'],
    [small],
    { exit: 0, noTempLeft: true },
  ),
  cli(
    'csv-type-traversal',
    'CSV per-type files: an event type ../escaped must not leave the directory',
    ['generate', 't.yaml', '--quiet', '--format', 'csv', '--out', 'csv/'],
    [{ path: 't.yaml', text: oneEvent('      x: 1').replace('event: e', 'event: ../escaped') }],
    { paths: { 'escaped.csv': 'absent' }, noTempLeft: true },
  ),
  cli(
    'csv-type-proto',
    'CSV per-type files for event types __proto__ and constructor',
    ['generate', 't.yaml', '--quiet', '--format', 'csv', '--out', 'csv/'],
    [
      {
        path: 't.yaml',
        text: `${HEAD}events:\n  - id: a\n    source: s\n    event: __proto__\n    data: { x: 1 }\n  - id: b\n    source: s\n    event: constructor\n    data: { x: 1 }\n`,
      },
    ],
    { exit: 0, paths: { 'csv/__proto__.csv': ['file', 'absent'] }, noTempLeft: true },
  ),
  cli(
    'csv-type-long',
    'CSV per-type files for a 300-character event type (longer than a file name may be)',
    ['generate', 't.yaml', '--quiet', '--format', 'csv', '--out', 'csv/'],
    [{ path: 't.yaml', text: oneEvent('      x: 1').replace('event: e', `event: ${'e'.repeat(300)}`) }],
    { exit: [0, 1], lacks: ['internal error', '    at '], noTempLeft: true },
  ),
  cli(
    'csv-type-slash',
    'CSV per-type files for an event type with a slash and a NUL',
    ['generate', 't.yaml', '--quiet', '--format', 'csv', '--out', 'csv/'],
    [{ path: 't.yaml', text: oneEvent('      x: 1').replace('event: e', 'event: "a/b\\0c"') }],
    {
      exit: [0, 1],
      lacks: ['internal error', '    at '],
      paths: { 'csv/a': ['absent', 'file'] },
      noTempLeft: true,
    },
  ),
  cli(
    'link-control',
    '--link whose story puts ESC sequences into diagnostics',
    ['generate', '--link', '{link}', '--quiet'],
    [],
    { noRawControl: true, exit: 1 },
    {
      link: () =>
        encodeShareLink({
          text: `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    "\\e]0;pwned\\a": 1\n`,
        }),
    },
  ),
  control(
    'esc-name',
    'ESC sequences in an unknown key reach the terminal',
    `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    "\\e]0;pwned\\a\\e[2J": 1\n`,
  ),
  control(
    'bel-cr-id',
    'BEL and CR in an unknown after: id',
    `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    after: "x\\a\\rFAKE OK\\r"\n`,
  ),
  control(
    'raw-esc-frame',
    'a raw ESC byte in a line shown in a code frame',
    `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    data:\n      x: "=nosuch(1) # \u001b[31mred\u001b[0m"\n`,
  ),
  control(
    'c1-csi',
    'a C1 CSI (U+009B) in a message',
    `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    use: "\u009b2J"\n`,
  ),
  control(
    'generate-esc',
    'generate (not validate) prints the same escaped frame',
    `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    "\\e[2Jbogus": 1\n`,
    'generate',
  ),
  cli(
    'link-garbage',
    '--link with a garbled link: a clear error, no stack trace',
    ['generate', '--link', '#s=v1.%%%%\u001b[2J', '--quiet'],
    [],
    { anyCode: ['share/corrupt', 'share/not-a-link'], exit: [1, 2], noRawControl: true, lacks: ['    at '] },
  ),
  cli(
    'link-huge',
    '--link of 120 000 characters',
    ['generate', '--link', `#s=v1.${'A'.repeat(120_000)}`, '--quiet'],
    [],
    { anyCode: ['share/corrupt', 'share/truncated', 'share/too-large'], exit: [1, 2], lacks: ['    at '] },
  ),
  cli(
    'validate-fifo-include',
    'validate a story that includes a FIFO: no hang',
    ['validate', 'i.yaml'],
    [
      { path: 'i.yaml', text: `${HEAD}include: [pipe.yaml]\n${oneEvent('      x: 1', '', '')}` },
      { path: 'pipe.yaml', fifo: true },
    ],
    { codes: ['limit/include-file'], exit: 1 },
  ),
]
