/** YAML bombs, size and depth: the loader's limits in bytes and steps. */
import type { HostileCase } from '../types.ts'
import { HEAD, oneEvent } from './story.ts'

const laughs = (levels: number) => {
  let s = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for (let i = 1; i < levels; i++)
    s += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`
  return `${HEAD}${s}events:\n  - id: a\n    source: s\n    event: e\n    data:\n      x: *a${levels - 1}\n`
}
const mergeBomb = () => {
  let s = 'b0: &b0 { k: 1 }\n'
  for (let i = 1; i < 12; i++)
    s += `b${i}: &b${i}\n${Array.from({ length: 8 }, (_, j) => `  k${j}: *b${i - 1}`).join('\n')}\n  <<: *b${i - 1}\n`
  return `${HEAD}${s}events:\n  - id: a\n    source: s\n    event: e\n    data:\n      <<: *b11\n`
}
const blockDepth = (n: number) =>
  `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    data:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 3)}k${i}:`).join('\n')} 1\n`

const c = (
  id: string,
  title: string,
  story: string | (() => string),
  expect: HostileCase['expect'],
  maxMs = 4000,
  maxMiB = 400,
): HostileCase => ({
  id: `yaml/${id}`,
  class: 'yaml',
  title,
  entry: { kind: 'check', story },
  expect,
  maxMs,
  maxMiB,
  owner: 'story',
})

/** Loader limits: each is one clear diagnostic, fast and small. */
export const YAML_CASES: HostileCase[] = [
  c('billion-laughs', 'billion laughs (9^9 aliases)', laughs(9), { codes: ['limit/alias-count'] }),
  c('laughs-in-data', 'alias fan-out inside data (9^6)', laughs(6), { anyCode: ['limit/alias-count'] }),
  c('merge-key-bomb', 'merge keys that double at every level', mergeBomb(), {
    anyCode: ['limit/alias-count'],
  }),
  c(
    'flow-depth-10000',
    '10 000 nested flow sequences',
    () => `${HEAD}x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    { codes: ['limit/depth'] },
  ),
  c(
    'flow-map-depth',
    '10 000 nested flow maps',
    () => `${HEAD}x: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`,
    { codes: ['limit/depth'] },
  ),
  c('block-depth-300', '300 levels of block mappings', () => blockDepth(300), { codes: ['limit/depth'] }),
  c('file-size', 'a 2.1 MB story', () => `${HEAD}# ${'x'.repeat(2_100_000)}\n`, {
    codes: ['limit/file-size'],
  }),
  c(
    'file-size-multibyte',
    'a story of 700 000 four-byte characters (2.8 MB of UTF-8)',
    () => `${HEAD}# ${'😀'.repeat(700_000)}\n`,
    { anyCode: ['limit/file-size'] },
  ),
  c(
    'comment-1.9mb',
    'a 1.9 MB comment (under the limit)',
    () => `${HEAD}# ${'x'.repeat(1_900_000)}\n${oneEvent('      x: 1', '', '')}`,
    {},
  ),
  c('long-scalar', 'a 1.9 MB single data string', () => oneEvent(`      x: "${'y'.repeat(1_900_000)}"`), {}),
  c(
    'keys-50000',
    '50 000 keys in one mapping',
    () => oneEvent(Array.from({ length: 50000 }, (_, i) => `      k${i}: 1`).join('\n')),
    {},
    8000,
    500,
  ),
  c(
    'duplicate-keys',
    '20 000 duplicate keys',
    () => oneEvent(Array.from({ length: 20000 }, () => '      k: 1').join('\n')),
    {},
    6000,
  ),
  c(
    'unclosed-calls',
    '5 000 unclosed calls',
    () => oneEvent(Array.from({ length: 5000 }, (_, i) => `      k${i}: faker.person.firstName(`).join('\n')),
    {},
    6000,
  ),
  c(
    'flow-commas',
    'an unquoted call with 100 000 commas in a flow map',
    () =>
      `${HEAD}events:\n  - { id: a, source: s, event: e, data: { x: choice(${Array.from({ length: 100000 }, () => '1').join(', ')}) } }\n`,
    {},
    6000,
  ),
  c(
    'js-tags',
    '!!js/function and custom tags run nothing',
    `${HEAD}x: !!js/function "function(){ return process.exit(3) }"\ny: !<tag:yaml.org,2002:js/regexp> /a/\n${oneEvent('      x: 1', '', '')}`,
    {},
  ),
  c(
    'binary-tag',
    'a 1 MB !!binary value',
    () => `${HEAD}x: !!binary ${'QUFB'.repeat(250_000)}\n${oneEvent('      x: 1', '', '')}`,
    {},
  ),
  c(
    'nul-bytes',
    'NUL and other C0 bytes in the file',
    `${HEAD}\u0000\u0001x: 1\n${oneEvent('      x: "\u0000"', '', '')}`,
    {},
  ),
  c('bom-crlf', 'a BOM and CRLF line ends', `\ufeff${oneEvent('      x: 1').replaceAll('\n', '\r\n')}`, {
    absent: ['expr/syntax'],
  }),
  c('lone-surrogates', 'lone UTF-16 surrogates in keys and values', oneEvent('      "\ud800": "\udfff"'), {}),
  c(
    'many-documents',
    '10 000 YAML documents',
    () => `${oneEvent('      x: 1')}${'---\na: 1\n'.repeat(10000)}`,
    {},
  ),
  c(
    'anchor-names',
    '20 000 anchors with long names',
    () =>
      oneEvent(Array.from({ length: 20000 }, (_, i) => `      k${i}: &${'n'.repeat(60)}${i} 1`).join('\n')),
    {},
    6000,
  ),
]
