/** Share-link decoding: garbled, truncated, bombs, oversized and hostile payloads (the decoder never throws). */
import { deflateRawSync } from 'node:zlib'
import {
  linkAroundDeflate,
  linkAroundPayload,
} from '../../../packages/engine/src/share/craft-link.test-util.ts'
import { deflateBombOfZeros } from '../../../packages/engine/src/share/deflate-bomb.test-util.ts'
import { encodeShareLink } from '../../../packages/engine/src/share/index.ts'
import type { HostileCase } from '../types.ts'
import { HEAD, oneEvent } from './story.ts'

const linkOf = (text: string) => () => encodeShareLink({ text })
const json = (v: unknown) => JSON.stringify(v)

const c = (
  id: string,
  title: string,
  link: string | (() => string),
  expect: HostileCase['expect'],
  maxMs = 3000,
  maxMiB = 320,
): HostileCase => ({
  id: `share/${id}`,
  class: 'share-link',
  title,
  entry: { kind: 'decode', link },
  expect,
  maxMs,
  maxMiB,
  owner: 'share',
})

/** Each decodes to one clear `share/*` code (or opens as a self-contained story). */
export const SHARE_CASES: HostileCase[] = [
  c('not-a-link', 'plain text', 'hello world', { codes: ['share/not-a-link'] }),
  c('unknown-version', 'a v9 link', '#s=v9.AAAA', { codes: ['share/unknown-version'] }),
  c('garbled-base64', 'characters outside base64url', '#s=v1.!!!!$$$$%%%%', {
    anyCode: ['share/corrupt', 'share/truncated'],
  }),
  c('truncated', 'a link cut in half', () => linkOf(oneEvent('      x: 1'))().slice(0, 20), {
    anyCode: ['share/truncated', 'share/corrupt'],
  }),
  c('empty-body', 'nothing after the prefix', '#s=v1.', { anyCode: ['share/truncated', 'share/corrupt'] }),
  c(
    'bad-crc',
    'one flipped character',
    () => {
      const l = linkOf(oneEvent('      x: 1'))()
      const i = Math.floor(l.length / 2)
      return l.slice(0, i) + (l[i] === 'A' ? 'B' : 'A') + l.slice(i + 1)
    },
    { anyCode: ['share/corrupt', 'share/truncated'] },
  ),
  c(
    'deflate-bomb-1gb',
    'DEFLATE that inflates to 1 GB of zeros',
    () => linkAroundDeflate(deflateBombOfZeros(1_000_000_000)),
    { codes: ['share/too-large'] },
    5000,
    400,
  ),
  c(
    'deflate-bomb-8mb',
    'DEFLATE that inflates to 8 MB',
    () => linkAroundDeflate(deflateBombOfZeros(8_000_000)),
    { codes: ['share/too-large'] },
  ),
  c('oversized-link', 'a 2.1 million character link', () => `#s=v1.${'A'.repeat(2_100_000)}`, {
    codes: ['share/too-large'],
  }),
  c('payload-not-json', 'a valid frame around text that is not JSON', () => linkAroundPayload('not json {'), {
    codes: ['share/corrupt'],
  }),
  c('payload-not-object', 'a valid frame around a JSON number', () => linkAroundPayload('42'), {
    codes: ['share/corrupt'],
  }),
  c('payload-text-number', 'text is a number', () => linkAroundPayload(json({ text: 5 })), {
    codes: ['share/corrupt'],
  }),
  c(
    'payload-deep-json',
    'a JSON payload nested 200 000 deep',
    () => linkAroundPayload(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    { codes: ['share/corrupt'] },
  ),
  c(
    'payload-invalid-utf8',
    'payload bytes that are not UTF-8',
    () => linkAroundPayload(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
    { codes: ['share/corrupt'] },
  ),
  c(
    'payload-proto',
    'a payload with __proto__ and constructor keys',
    () =>
      linkAroundPayload(
        '{"text":"name: x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      ),
    {},
  ),
  c(
    'payload-text-too-long',
    'a payload whose text is 2.1 M characters',
    () => linkAroundDeflate(deflateRawSync(new TextEncoder().encode(json({ text: 'a'.repeat(2_100_000) })))),
    { codes: ['share/too-large'] },
  ),
  c(
    'payload-seed-infinity',
    'a payload with seed 1e400',
    () => linkAroundPayload(`{"text":${json(oneEvent('      x: 1'))},"seed":1e400}`),
    { anyCode: ['share/corrupt'] },
  ),
  c(
    'linked-alias-bomb',
    'a link whose story is a billion-laughs bomb',
    linkOf(
      `${HEAD}a0: &a0 [l,l,l,l,l,l,l,l,l]\n${Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array.from({ length: 9 }, () => `*a${i}`).join(',')}]`).join('\n')}\nevents: []\n`,
    ),
    { codes: ['limit/alias-count'] },
    6000,
  ),
  c(
    'linked-include',
    'a link whose story includes /proc/self/environ',
    linkOf(`${HEAD}include: [/proc/self/environ]\n${oneEvent('      x: 1', '', '')}`),
    { codes: ['story/include-in-link'], lacks: ['hostile-env-secret-7f3a'] },
  ),
  c(
    'linked-control-chars',
    'a link whose story name has ESC/BEL',
    linkOf(
      `${HEAD.replace('name: hostile', 'name: "\\e[2J\\a"')}events:\n  - id: a\n    source: s\n    event: e\n    bogus: 1\n`,
    ),
    { codes: ['story/unknown-key'] },
  ),
]
