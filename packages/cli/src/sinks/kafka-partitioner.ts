import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs'

/**
 * Partitions by key exactly as the Java client (and kafkajs's DefaultPartitioner) do:
 * `toPositive(murmur2(key)) % partitions`, so one key always lands on one partition whatever
 * client wrote it. kafkajs computes murmur2 through a 64-bit Long emulation that allocates
 * objects per 4 bytes of key (a tenth of the sink's CPU in a profile); this one uses 32-bit
 * integer arithmetic (`Math.imul`) and gives the same numbers. A message without a key goes
 * round-robin over the partitions that have a leader.
 */
export const KeyPartitioner: ICustomPartitioner = () => {
  const next = new Map<string, number>()
  return ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== undefined && message.partition !== null) return message.partition
    const key = message.key
    if (key !== undefined && key !== null)
      return toPositive(murmur2(typeof key === 'string' ? Buffer.from(key) : key)) % partitionMetadata.length
    const live = partitionMetadata.filter((p) => p.leader >= 0)
    const n = next.get(topic) ?? 0
    next.set(topic, n + 1)
    return live.length > 0 ? live[n % live.length].partitionId : n % partitionMetadata.length
  }
}

const M = 0x5bd1e995

/** Kafka's murmur2 (Java `Utils.murmur2`, seed 0x9747b28c) of the key's bytes, as a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  let h = 0x9747b28c ^ length
  const whole = length & ~3
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
    k = Math.imul(k, M)
    k ^= k >>> 24
    k = Math.imul(k, M)
    h = Math.imul(h, M) ^ k
  }
  // The last 1-3 bytes, as Java's switch with fall-through.
  const rest = length & 3
  if (rest === 3) h ^= data[whole + 2] << 16
  if (rest >= 2) h ^= data[whole + 1] << 8
  if (rest >= 1) {
    h ^= data[whole]
    h = Math.imul(h, M)
  }
  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}

function toPositive(x: number): number {
  return x & 0x7fffffff
}
