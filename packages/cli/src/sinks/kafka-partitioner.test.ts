import { Partitioners } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { KeyPartitioner, murmur2 } from './kafka-partitioner.ts'

const partitionMetadata = [0, 1, 2, 3, 4, 5, 6].map((partitionId) => ({
  partitionId,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}))

/** Keys of every length from 0 to 40, ASCII and multi-byte, plus event-id shapes. */
function keys(): string[] {
  const out: string[] = []
  for (let n = 0; n <= 40; n++) out.push('k'.repeat(n), 'é€😀x'.repeat(n).slice(0, n), String(n * 7919))
  for (let i = 0; i < 2000; i++) out.push(`evt_${(i * 2654435761) % 4294967296}`, `usr_${i}@example.com`)
  return out
}

describe('KeyPartitioner', () => {
  it('puts every key on the partition kafkajs (and the Java client) put it on', () => {
    const theirs = Partitioners.DefaultPartitioner()
    const ours = KeyPartitioner()
    for (const key of keys()) {
      const args = { topic: 't', partitionMetadata, message: { key, value: 'v' } }
      expect(ours(args), key).toBe(theirs(args))
      expect(ours({ ...args, message: { key: Buffer.from(key), value: 'v' } }), key).toBe(theirs(args))
    }
  })

  it('matches Java murmur2 on known values', () => {
    // From the Kafka client's UtilsTest (murmur2 of these byte strings).
    expect(murmur2(Buffer.from('21'))).toBe(-973932308)
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482)
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536)
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829)
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971)
    expect(murmur2(Buffer.from('abc'))).toBe(479470107)
  })

  it('keeps an explicit partition, and spreads messages without a key over live partitions', () => {
    const ours = KeyPartitioner()
    expect(ours({ topic: 't', partitionMetadata, message: { key: 'x', partition: 5, value: 'v' } })).toBe(5)
    const seen = new Set<number>()
    for (let i = 0; i < 14; i++) seen.add(ours({ topic: 't', partitionMetadata, message: { value: 'v' } }))
    expect(seen.size).toBe(7)
  })
})
