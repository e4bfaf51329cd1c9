import { type StoryEvent, serializeNdjson, streamStory } from '../packages/cli/src/engine.ts'
import { createKafkaSink } from '../packages/cli/src/sinks/kafka-sink.ts'
import { startKafkaMock } from '../packages/cli/src/test-servers/kafka-mock.ts'
import { referenceStoryText } from './engine-case.ts'
import { childCpu } from './server-cpu.ts'

/**
 * `node --conditions=source --import tsx bench/kafka-sink-options.ts [--events N] [QUERY...]`:
 * the Kafka sink against librdkafka's mock cluster once per QUERY (URL options such as
 * `headers=none&acks=1`), with the benchmark reference story's events: messages/s and CPU per
 * message of this process, to measure what each option costs.
 */
const eventsFlag = process.argv.indexOf('--events')
const N = eventsFlag > 0 ? Number(process.argv[eventsFlag + 1]) : 200_000
const queries = process.argv.slice(2).filter((a, i, all) => a !== '--events' && all[i - 1] !== '--events')
const events: StoryEvent[] = [...streamStory(referenceStoryText(N), { limit: N })]
const lines = events.map(serializeNdjson)
const signal = new AbortController().signal

const mock = await startKafkaMock('bench-unused')
try {
  for (const q of queries.length > 0 ? queries : ['']) {
    const url = new URL(`kafka://${mock.bootstrap}/bench?idempotent=false${q ? `&${q}` : ''}`)
    const sink = createKafkaSink(url, { key: (e) => e.id, schemas: [], concurrency: 4, signal })
    await sink.open()
    const server = childCpu('kcat')
    const s0 = server?.() ?? 0
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    for (let i = 0; i < events.length; i++) {
      const pending = sink.write(events[i], lines[i])
      if (pending) await pending
    }
    const summary = await sink.close()
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(c0)
    const cpuUs = (cpu.user + cpu.system) / N
    if (summary.sent !== N) throw new Error(`${q}: sent ${summary.sent} of ${N}`)
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
    const kcat = server ? `, kcat ${((server() - s0) / 1000).toFixed(2)} CPU-s` : ''
    console.log(
      `${q || '(defaults)'}: ${fmt((N / ms) * 1000)} msg/s, ${fmt(1e6 / cpuUs)} msg/CPU-s, ${cpuUs.toFixed(1)} µs CPU/msg${kcat}`,
    )
  }
} finally {
  await mock.stop()
}
