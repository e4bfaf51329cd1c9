import { createRequire } from 'node:module'

/**
 * Produce requests, encoded by the installed kafkajs, for a varied set of batches: the
 * cases behind kafka-wire.golden.json (captured from the unpatched kafkajs 2.2.4 by
 * kafka-wire-capture.ts) and kafka-wire.test.ts, which proves that our kafkajs patch
 * (patches/kafkajs@2.2.4.patch) puts the very same bytes on the wire.
 */

// kafkajs's protocol modules are CommonJS files without type declarations.
const require = createRequire(import.meta.url)
const PRODUCE = 'kafkajs/src/protocol/requests/produce'
const produceV3 = require(`${PRODUCE}/v3/request`) as (args: unknown) => { encode(): Promise<Encoded> }
const produceV7 = require(`${PRODUCE}/v7/request`) as (args: unknown) => { encode(): Promise<Encoded> }
const frame = require('kafkajs/src/protocol/request') as (args: unknown) => Promise<Encoded>
const Long = require('kafkajs/src/utils/long') as { fromValue(v: number | string): unknown }

interface Encoded {
  buffer: Buffer
}

/** One message as a kafkajs caller may pass it. */
export interface WireMessage {
  key?: Buffer | string | null
  value: Buffer | string | null
  headers?: Record<string, Buffer | string | (Buffer | string)[]>
  timestamp?: string
}

/** One produce request: its topics, partitions and messages, and the request's own fields. */
export interface WireCase {
  name: string
  version: 3 | 7
  acks: -1 | 0 | 1
  compression: 0 | 1
  transactionalId?: string
  producerId?: number
  producerEpoch?: number
  topicData: {
    topic: string
    partitions: { partition: number; firstSequence?: number; messages: WireMessage[] }[]
  }[]
  /** Also encode the whole frame (size, api key and version, correlation id, client id). */
  frame?: boolean
}

/** Date.now() while a case is encoded: the batch timestamp of messages without their own. */
export const WIRE_NOW = 1_767_225_600_000

// A deterministic ~300-byte NDJSON-like line, as the sink sends (no Math.random: same bytes each run).
function line(i: number): string {
  return `{"id":"evt_${String(i).padStart(10, '0')}","source":"shop","event":"order.paid","data":{"n":${i},"pad":"${'x'.repeat(i % 7 === 0 ? 0 : 200 + (i % 50))}"}}`
}

function storyLike(count: number, headers: boolean): WireMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`evt_${String(i).padStart(10, '0')}`),
    value: Buffer.from(line(i)),
    ...(headers ? { headers: { source: 'shop', event: i % 3 === 0 ? 'order.paid' : 'user.signup' } } : {}),
  }))
}

const odd: WireMessage[] = [
  { key: null, value: '' },
  { key: 'plain-key', value: 'a string value' },
  { key: Buffer.from('buffer-key'), value: Buffer.alloc(0) },
  { value: 'ünïcødé ✓ 日本語 🎉' },
  { key: 'ключ', value: Buffer.from('{"emoji":"🚀"}'), headers: { 'x-ü': 'wert-ö' } },
  { key: 'k', value: null },
  { key: 'k3', value: 'three headers', headers: { a: 'string', b: Buffer.from([0, 1, 2, 255]), c: '' } },
  { key: 'multi', value: 'array header', headers: { trace: ['one', Buffer.from('two')], single: 'x' } },
  { key: 'big', value: 'x'.repeat(20_000), headers: { h: 'y'.repeat(300) } },
]

const timed: WireMessage[] = [
  { key: 'a', value: 'first', timestamp: '1767225600123' },
  { key: 'b', value: 'earlier', timestamp: '1767225500000' },
  // String timestamps sort as text: '999' comes after '1000', so deltas can be negative.
  { key: 'c', value: 'text sort', timestamp: '1000' },
  { key: 'd', value: 'text sort', timestamp: '999' },
]

// Deltas past 2^31 ms need the 64-bit varint.
const farApart: WireMessage[] = [
  { key: 'old', value: 'old', timestamp: '1000000000000' },
  { key: 'new', value: 'new', timestamp: '1767225600000' },
]

/** The batches the golden file holds. */
export const WIRE_CASES: WireCase[] = [
  {
    name: 'story events, 2 headers, 3 partitions, none',
    version: 7,
    acks: -1,
    compression: 0,
    topicData: [
      {
        topic: 'bench',
        partitions: [
          { partition: 0, messages: storyLike(60, true) },
          { partition: 1, messages: storyLike(3, true) },
          { partition: 2, messages: storyLike(1, true) },
        ],
      },
    ],
  },
  {
    name: 'story events, no headers, acks 1',
    version: 7,
    acks: 1,
    compression: 0,
    topicData: [{ topic: 'bench', partitions: [{ partition: 0, messages: storyLike(40, false) }] }],
  },
  {
    name: 'story events, 2 headers, gzip',
    version: 7,
    acks: -1,
    compression: 1,
    topicData: [{ topic: 'bench', partitions: [{ partition: 3, messages: storyLike(30, true) }] }],
  },
  {
    name: 'odd keys, values and headers, none, two topics',
    version: 3,
    acks: 1,
    compression: 0,
    topicData: [
      { topic: 'odd', partitions: [{ partition: 0, messages: odd }] },
      { topic: 'shop.order.paid', partitions: [{ partition: 5, messages: odd.slice(2, 5) }] },
    ],
  },
  {
    name: 'odd keys, values and headers, gzip',
    version: 7,
    acks: 0,
    compression: 1,
    frame: true,
    topicData: [{ topic: 'odd', partitions: [{ partition: 1, messages: odd }] }],
  },
  {
    name: 'message timestamps, idempotent producer fields',
    version: 7,
    acks: -1,
    compression: 0,
    producerId: 4711,
    producerEpoch: 3,
    topicData: [
      { topic: 't', partitions: [{ partition: 0, firstSequence: 42, messages: timed }] },
      { topic: 't2', partitions: [{ partition: 0, firstSequence: 0, messages: farApart }] },
    ],
  },
  {
    name: 'transactional, gzip, timestamps',
    version: 7,
    acks: -1,
    compression: 1,
    transactionalId: 'tx-1',
    producerId: 9,
    producerEpoch: 1,
    topicData: [
      { topic: 't', partitions: [{ partition: 2, firstSequence: 7, messages: [...timed, ...farApart] }] },
    ],
  },
]

/** The case's produce request payload (and frame, if asked) as the installed kafkajs encodes it. */
export async function encodeWireCase(c: WireCase): Promise<{ payload: Buffer; frame?: Buffer }> {
  const request = (c.version === 3 ? produceV3 : produceV7)({
    acks: c.acks,
    timeout: 30_000,
    compression: c.compression,
    transactionalId: c.transactionalId,
    producerId: c.producerId === undefined ? undefined : Long.fromValue(c.producerId),
    producerEpoch: c.producerEpoch,
    // Not cloned: structuredClone would turn the Buffers into plain Uint8Arrays.
    topicData: c.topicData,
  })
  const realNow = Date.now
  Date.now = () => WIRE_NOW
  try {
    const payload = Buffer.from((await request.encode()).buffer)
    if (!c.frame) return { payload }
    const framed = await frame({ correlationId: 77, clientId: 'autosource', request })
    return { payload, frame: Buffer.from(framed.buffer) }
  } finally {
    Date.now = realNow
  }
}
