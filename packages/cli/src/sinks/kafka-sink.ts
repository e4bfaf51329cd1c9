import { CompressionTypes, Kafka, logLevel, type Message, type Producer, type TopicMessages } from 'kafkajs'
import type { StoryEvent } from '../engine.ts'
import { compileHeaders, type KafkaHeaders } from './kafka-headers.ts'
import { type KafkaSettings, parseKafkaUrl } from './kafka-options.ts'
import { KeyPartitioner } from './kafka-partitioner.ts'
import { errorText, LatencyRecorder, withRetry } from './network-sink-retry.ts'
import { type Corrupt, type NetworkSinkOptions, type Sink, SinkError, type SinkSummary } from './sink.ts'

/** The accepted events of one batch, as parallel arrays: no object per event beyond its message. */
interface Batch {
  topics: string[]
  messages: Message[]
  /** Each event's NDJSON line, for the dead letter. */
  lines: string[]
}

const emptyBatch = (): Batch => ({ topics: [], messages: [], lines: [] })

/**
 * `--to kafka://HOST:PORT/TOPIC`: events go to Kafka through kafkajs, in batches of
 * `batch` messages (one produce request per batch), at most `options.concurrency` batches in
 * flight. The key is `options.key(event)`, the value the event's NDJSON line, and each
 * message carries the envelope fields named by `headers=` (default `source` and `event`).
 * Options: see kafka-options.ts.
 */
export function createKafkaSink(url: URL, options: NetworkSinkOptions): Sink {
  return new KafkaSink(parseKafkaUrl(url), options)
}

class KafkaSink implements Sink {
  private readonly producer: Producer
  private batch: Batch = emptyBatch()
  private readonly headers: (event: StoryEvent) => KafkaHeaders | undefined
  private readonly inflight = new Set<Promise<void>>()
  private readonly latency = new LatencyRecorder()
  private readonly summary: SinkSummary = { sent: 0, retried: 0, failed: 0 }

  constructor(
    private readonly settings: KafkaSettings,
    private readonly options: NetworkSinkOptions,
  ) {
    this.headers = compileHeaders(settings.headers)
    const kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      // Failures are reported in the summary and the dead letter, not as log lines.
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      requestTimeout: 15_000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    })
    this.producer = kafka.producer({
      idempotent: settings.idempotent,
      // The idempotent producer keeps order only with one request in flight per broker.
      maxInFlightRequests: settings.idempotent ? 1 : undefined,
      allowAutoTopicCreation: true,
      // Java-compatible murmur2 on the key: the same key lands on the same partition as with other clients.
      createPartitioner: KeyPartitioner,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    })
  }

  async open(): Promise<void> {
    try {
      await this.producer.connect()
    } catch (e) {
      throw new SinkError(`cannot connect to Kafka at ${this.settings.brokers.join(',')}: ${errorText(e)}`)
    }
  }

  write(event: StoryEvent, line: string, corrupt?: Corrupt): void | Promise<void> {
    // After a stop nothing new is accepted (what was accepted is flushed by close()).
    if (this.options.signal.aborted) return
    // Buffers, not strings: kafkajs would measure and encode each string more than once.
    const value = Buffer.from(corrupt ? corrupt(line) : line)
    const headers = this.headers(event)
    const message: Message = headers
      ? { key: Buffer.from(this.options.key(event)), value, headers }
      : { key: Buffer.from(this.options.key(event)), value }
    const batch = this.batch
    batch.topics.push(this.settings.topic(event))
    batch.messages.push(message)
    batch.lines.push(line)
    if (batch.messages.length >= this.settings.batch) return this.dispatch()
  }

  async close(): Promise<SinkSummary> {
    if (this.batch.messages.length > 0) void this.dispatch()
    await Promise.all(this.inflight)
    await this.producer.disconnect().catch(() => undefined)
    const latencyMs = this.latency.percentiles()
    return latencyMs ? { ...this.summary, latencyMs } : { ...this.summary }
  }

  /** Sends the current batch; resolves when there is room for another one in flight. */
  private dispatch(): Promise<void> | undefined {
    const batch = this.batch
    this.batch = emptyBatch()
    const sending: Promise<void> = this.send(batch).finally(() => this.inflight.delete(sending))
    this.inflight.add(sending)
    if (this.inflight.size >= Math.max(1, this.options.concurrency)) return Promise.race(this.inflight)
    return undefined
  }

  /** One batch, retried as a whole; never rejects: what fails for good goes to the dead letter. */
  private async send(batch: Batch): Promise<void> {
    const topicMessages = groupByTopic(batch)
    const compression = this.settings.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None
    const t0 = performance.now()
    try {
      await withRetry(
        () => this.producer.sendBatch({ topicMessages, acks: this.settings.acks, compression }),
        this.settings.retry,
        () => {
          this.summary.retried += batch.messages.length
        },
      )
      this.summary.sent += batch.messages.length
      this.latency.add(performance.now() - t0, batch.messages.length)
    } catch (e) {
      const reason = `kafka: ${errorText(e)}`
      this.summary.failed += batch.messages.length
      for (const line of batch.lines) this.options.deadLetter?.(line, reason)
    }
  }
}

/** The batch as kafkajs wants it: one entry per topic, messages in their accepted order. */
function groupByTopic({ topics, messages }: Batch): TopicMessages[] {
  // One topic (no template, or one event type): the batch's own array, without a copy.
  const first = topics[0]
  if (topics.every((t) => t === first)) return [{ topic: first, messages }]
  const byTopic = new Map<string, Message[]>()
  for (let i = 0; i < messages.length; i++) {
    let list = byTopic.get(topics[i])
    if (!list) {
      list = []
      byTopic.set(topics[i], list)
    }
    list.push(messages[i])
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }))
}
