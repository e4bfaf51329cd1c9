import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { encodeWireCase, WIRE_CASES, WIRE_NOW, type WireCase, type WireMessage } from './kafka-wire-cases.ts'

// The installed kafkajs is the patched one (patches/kafkajs@2.2.4.patch); the golden file holds
// what the unpatched 2.2.4 encoded for the same cases (kafka-wire-capture.ts).
const require = createRequire(import.meta.url)
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => KafkaDecoder
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  d: KafkaDecoder,
) => Promise<DecodedBatch>
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition') as (
  args: unknown,
) => Record<string, unknown[]>

interface KafkaDecoder {
  readInt16(): number
  readInt32(): number
  readString(): string | null
  readBytes(): Buffer
}
interface DecodedBatch {
  firstTimestamp: string
  producerId: string
  producerEpoch: number
  firstSequence: number
  inTransaction: boolean
  lastOffsetDelta: number
  records: {
    key: Buffer | null
    value: Buffer | null
    headers: Record<string, unknown>
    timestamp: string
    offset: string
  }[]
}
interface Golden {
  zlib: string
  cases: Record<string, { payload: string; frame?: string }>
}

const golden = JSON.parse(
  readFileSync(new URL('./kafka-wire.golden.json', import.meta.url), 'utf8'),
) as Golden

/** A produce request payload (v3-v7) read back: per topic and partition, the raw batch and its decoding. */
async function decodeProduce(payload: Buffer) {
  const d = new Decoder(payload)
  const head = { transactionalId: d.readString(), acks: d.readInt16(), timeout: d.readInt32() }
  const topics: {
    topic: string | null
    partitions: { partition: number; raw: Buffer; batch: DecodedBatch }[]
  }[] = []
  for (let t = d.readInt32(); t > 0; t--) {
    const topic = d.readString()
    const partitions = []
    for (let p = d.readInt32(); p > 0; p--) {
      const partition = d.readInt32()
      const raw = d.readBytes()
      partitions.push({ partition, raw, batch: await decodeRecordBatch(new Decoder(raw)) })
    }
    topics.push({ topic, partitions })
  }
  return { head, topics }
}

/** Bit-by-bit CRC32C (Castagnoli, reflected 0x82F63B78): slow and obviously right. */
function referenceCrc32C(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const b of bytes) {
    crc ^= b
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

const asBuffer = (v: Buffer | string | null | undefined) => (v == null ? null : Buffer.from(v))

/** What a consumer should see of a message: kafkajs's decoder gives Buffers and arrays for repeated keys. */
function expected(m: WireMessage, offset: number) {
  const headers: Record<string, unknown> = Object.create(null)
  for (const [k, v] of Object.entries(m.headers ?? {}))
    headers[k] = Array.isArray(v) ? v.map((x) => Buffer.from(x)) : Buffer.from(v)
  return {
    key: asBuffer(m.key),
    value: asBuffer(m.value),
    headers,
    timestamp: String(m.timestamp ?? WIRE_NOW),
    offset: String(offset),
  }
}

describe('kafkajs produce requests, patched against unpatched', () => {
  it('the golden file covers every case', () => {
    expect(Object.keys(golden.cases).sort()).toEqual(WIRE_CASES.map((c) => c.name).sort())
  })

  it.each(WIRE_CASES.map((c) => [c.name, c] as [string, WireCase]))('%s: the same bytes', async (name, c) => {
    const { payload, frame } = await encodeWireCase(c)
    const want = golden.cases[name]
    // gzip's bytes are zlib's: with another zlib than at capture time, compare what was compressed.
    if (c.compression === 0 || process.versions.zlib === golden.zlib) {
      expect(payload.toString('hex')).toBe(want.payload)
      if (want.frame) expect(frame?.toString('hex')).toBe(want.frame)
    } else {
      const strip = (x: Awaited<ReturnType<typeof decodeProduce>>) =>
        x.topics.map((t) => ({ ...t, partitions: t.partitions.map(({ raw: _, ...p }) => p) }))
      expect(strip(await decodeProduce(payload))).toEqual(
        strip(await decodeProduce(Buffer.from(want.payload, 'hex'))),
      )
    }
  })

  it.each(WIRE_CASES.map((c) => [c.name, c] as [string, WireCase]))(
    '%s: reads back through kafkajs',
    async (_, c) => {
      const { payload } = await encodeWireCase(c)
      const back = await decodeProduce(payload)
      expect(back.head).toEqual({ transactionalId: c.transactionalId ?? null, acks: c.acks, timeout: 30_000 })
      expect(back.topics.map((t) => t.topic)).toEqual(c.topicData.map((t) => t.topic))
      c.topicData.forEach((t, ti) => {
        t.partitions.forEach((p, pi) => {
          const got = back.topics[ti].partitions[pi]
          expect(got.partition).toBe(p.partition)
          const records = got.batch.records.map(({ key, value, headers, timestamp, offset }) => ({
            key,
            value,
            headers,
            timestamp,
            offset,
          }))
          expect(records).toEqual(p.messages.map(expected))
          expect(got.batch.lastOffsetDelta).toBe(p.messages.length - 1)
          expect(got.batch.producerId).toBe(String(c.producerId ?? -1))
          expect(got.batch.firstSequence).toBe(p.firstSequence ?? 0)
          expect(got.batch.inTransaction).toBe(c.transactionalId !== undefined)
          // The CRC (bytes 17-20 of the record set) covers everything from the attributes on.
          expect(got.raw.readUInt32BE(17)).toBe(referenceCrc32C(got.raw.subarray(21)))
        })
      })
    },
  )
})

describe('the patched kafkajs helpers', () => {
  it('crc32C matches the bitwise CRC32C at every length and alignment', () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff))
    // 0xE3069283 is CRC32C("123456789"), the standard check value.
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283)
    for (let start = 0; start < 9; start++)
      for (let end = start; end <= bytes.length; end += 1 + (end % 13)) {
        const part = bytes.subarray(start, end)
        expect(crc32C(part)).toBe(referenceCrc32C(part))
      }
  })

  it('groups messages by partition in order, partitions in ascending order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ value: String(i), partition: (i * 7) % 5 }))
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata: [0, 1, 2, 3, 4].map((partitionId) => ({ partitionId, leader: 1 })),
      messages,
      partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    })
    expect(Object.keys(grouped)).toEqual(['0', '1', '2', '3', '4'])
    for (const [p, list] of Object.entries(grouped))
      expect(list).toEqual(messages.filter((m) => String(m.partition) === p))
    expect(
      groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner: () => 0 }),
    ).toEqual({})
  })
})
