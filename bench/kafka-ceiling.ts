import { createRequire } from 'node:module'
import type * as KafkaJs from '../packages/cli/node_modules/kafkajs/types/index.d.ts'
import { serializeNdjson, streamStory } from '../packages/cli/src/engine.ts'
import { KeyPartitioner } from '../packages/cli/src/sinks/kafka-partitioner.ts'
import { startKafkaMock } from '../packages/cli/src/test-servers/kafka-mock.ts'
import { referenceStoryText } from './engine-case.ts'
import { childCpu } from './server-cpu.ts'

/**
 * `node --conditions=source --import tsx bench/kafka-ceiling.ts [--messages N] [--batch N]
 * [--inflight N] [--acks 1|-1] [--keys] [--headers N] [--send] [--partitions N]`: raw kafkajs
 * against librdkafka's mock cluster, without the sink, to find the client's ceiling on this
 * machine. Values are ~300-byte Buffers; prints messages/s and messages per CPU-second.
 */
// kafkajs is a dependency of the CLI package, not of the workspace root.
const { CompressionTypes, Kafka, logLevel } = createRequire(
  new URL('../packages/cli/package.json', import.meta.url),
)('kafkajs') as typeof KafkaJs
type Message = KafkaJs.Message

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const has = (name: string) => process.argv.includes(`--${name}`)
const N = arg('messages', 200_000)
const batchSize = arg('batch', 1000)
const inflight = arg('inflight', 4)
const acks = arg('acks', 1)
const headerCount = arg('headers', 0)
const keys = has('keys')
const useSend = has('send')

const value = Buffer.from(`{"id":"evt_0000000000","data":"${'x'.repeat(260)}"}`)
const messages: Message[] = []
// `--story`: the benchmark reference story's events (values their NDJSON lines, keys their ids,
// headers source and event), as the sink sends them.
const story = has('story') ? [...streamStory(referenceStoryText(N), { limit: N })] : undefined
for (let i = 0; i < N; i++) {
  const e = story?.[i]
  const m: Message = { value: e ? Buffer.from(serializeNdjson(e)) : value }
  if (e) {
    m.key = Buffer.from(e.id)
    if (headerCount > 0)
      m.headers = has('buffer-headers')
        ? { source: Buffer.from(e.source), event: Buffer.from(e.event) }
        : { source: e.source, event: e.event }
    messages.push(m)
    continue
  }
  if (keys) m.key = Buffer.from(`key-${i % 1000}`)
  if (headerCount > 0) {
    const headers: Record<string, string> = Object.create(null)
    for (let h = 0; h < headerCount; h++) headers[`h${h}`] = `value-${h}`
    m.headers = headers
  }
  messages.push(m)
}

const mock = await startKafkaMock('ceiling-unused')
const kafka = new Kafka({ clientId: 'ceiling', brokers: [mock.bootstrap], logLevel: logLevel.NOTHING })
const producer = kafka.producer({ allowAutoTopicCreation: true, createPartitioner: KeyPartitioner })
await producer.connect()
// One warm-up request creates the topic and loads its metadata.
await producer.send({ topic: 'ceiling', messages: [{ value }], acks })
const server = childCpu('kcat') ?? (() => Number.NaN)
const s0 = server()
const t0 = performance.now()
const c0 = process.cpuUsage()
const running = new Set<Promise<unknown>>()
for (let i = 0; i < N; i += batchSize) {
  const chunk = messages.slice(i, i + batchSize)
  const p = useSend
    ? producer.send({ topic: 'ceiling', messages: chunk, acks, compression: CompressionTypes.None })
    : producer.sendBatch({ topicMessages: [{ topic: 'ceiling', messages: chunk }], acks })
  const tracked: Promise<unknown> = p.finally(() => running.delete(tracked))
  running.add(tracked)
  if (running.size >= inflight) await Promise.race(running)
}
await Promise.all(running)
const ms = performance.now() - t0
const cpu = process.cpuUsage(c0)
const cpuMs = (cpu.user + cpu.system) / 1000
const serverMs = server() - s0
await producer.disconnect()
await mock.stop()
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(
  `batch ${batchSize}, ${inflight} in flight, acks ${acks}, keys ${keys}, headers ${headerCount}, ${useSend ? 'send' : 'sendBatch'}: ` +
    `${fmt((N / ms) * 1000)} msg/s, ${fmt((N / cpuMs) * 1000)} msg/CPU-s, ${((cpuMs / N) * 1000).toFixed(1)} µs CPU/msg, kcat ${(serverMs / 1000).toFixed(2)} CPU-s`,
)
