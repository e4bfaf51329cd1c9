import { afterEach, describe, expect, it } from 'vitest'
import { type KafkaMock, kcatPath, startKafkaMock } from '../test-servers/kafka-mock.ts'
import { feed, storyEvents } from '../test-servers/sink-events.ts'
import { createKafkaSink } from './kafka-sink.ts'
import type { NetworkSinkOptions } from './sink.ts'
import { SinkError } from './sink.ts'

// CI installs kcat (.ci/run); only a developer machine without it may skip, and it says so.
const haveKcat = kcatPath() !== undefined
if (!haveKcat && process.env.CI === 'true')
  throw new Error('CI=true but kcat is missing: .ci/run installs it')
if (!haveKcat) console.warn('kafka-sink tests skipped: kcat is not installed (apt-get install -y kcat)')

function options(extra: Partial<NetworkSinkOptions> = {}): NetworkSinkOptions & { dead: string[] } {
  const dead: string[] = []
  return {
    key: (e) => e.id,
    schemas: [],
    concurrency: 2,
    signal: new AbortController().signal,
    deadLetter: (line) => dead.push(line),
    dead,
    ...extra,
  }
}

// The mock cluster (librdkafka 2.0.2) reports controller id 0, which no broker has, so
// kafkajs cannot find where to ask for a producer id: tests against it run non-idempotent.
const MOCK = 'idempotent=false'

describe.skipIf(!haveKcat)('kafka sink against the librdkafka mock cluster', () => {
  let mock: KafkaMock | undefined
  afterEach(async () => {
    await mock?.stop()
    mock = undefined
  })

  it('delivers every event once, keyed by id, and reports it in the summary', async () => {
    mock = await startKafkaMock('events')
    const input = storyEvents('seed-advanced')
    const opts = options()
    const sink = createKafkaSink(new URL(`kafka://${mock.bootstrap}/events?${MOCK}&batch=7`), opts)
    await sink.open()
    await feed(sink, input)
    const summary = await sink.close()
    expect(summary).toMatchObject({ sent: input.events.length, failed: 0, retried: 0 })
    expect(summary.latencyMs?.p99).toBeGreaterThanOrEqual(summary.latencyMs?.p50 ?? 0)
    await mock.waitFor(input.events.length)
    const back = mock.consumed.map((l) => l.split('\t'))
    expect(back.map(([k]) => k).sort()).toEqual(input.events.map((e) => e.id).sort())
    expect(back.map(([, , v]) => v).sort()).toEqual([...input.lines].sort())
    expect(back.map(([, h]) => h).sort()).toEqual(
      input.events.map((e) => `source=${e.source},event=${e.event}`).sort(),
    )
    expect(opts.dead).toEqual([])
  }, 60_000)

  it('routes by a {source}.{event} template and compresses with gzip', async () => {
    // kcat watches one topic: the signups land on posthog.user.signup.
    mock = await startKafkaMock('posthog.user.signup')
    const input = storyEvents('seed-advanced')
    const sink = createKafkaSink(
      new URL(`kafka://${mock.bootstrap}/{source}.{event}?${MOCK}&compression=gzip&headers=timestamp`),
      options({ key: (e) => String(e.data.user_id ?? e.id) }),
    )
    await sink.open()
    await feed(sink, input)
    expect((await sink.close()).sent).toBe(input.events.length)
    const signups = input.events.filter((e) => e.event === 'user.signup')
    await mock.waitFor(signups.length)
    expect(mock.consumed.map((l) => l.split('\t')[0]).sort()).toEqual(
      signups.map((e) => e.data.user_id).sort(),
    )
  }, 60_000)

  it('flushes what was accepted when stopped, and accepts nothing after', async () => {
    mock = await startKafkaMock('stop')
    const input = storyEvents('seed-advanced')
    const stop = new AbortController()
    const sink = createKafkaSink(
      new URL(`kafka://${mock.bootstrap}/stop?${MOCK}&batch=1000`),
      options({ signal: stop.signal }),
    )
    await sink.open()
    await feed(sink, input, 0, 25)
    stop.abort()
    await feed(sink, input, 25)
    expect(await sink.close()).toMatchObject({ sent: 25, failed: 0 })
    await mock.waitFor(25)
    expect(mock.consumed).toHaveLength(25)
  }, 60_000)

  it('retries when the broker goes away, then dead-letters what it could not deliver', async () => {
    mock = await startKafkaMock('lost')
    const input = storyEvents('seed-advanced', 200)
    const opts = options({ concurrency: 1 })
    const sink = createKafkaSink(new URL(`kafka://${mock.bootstrap}/lost?${MOCK}&batch=50&retries=2`), opts)
    await sink.open()
    await feed(sink, input, 0, 100)
    await mock.waitFor(100)
    await mock.stop()
    await feed(sink, input, 100)
    const summary = await sink.close()
    expect(summary.sent).toBe(100)
    expect(summary.failed).toBe(input.events.length - 100)
    expect(summary.retried).toBeGreaterThan(0)
    // Never silently dropped: every event that was not acknowledged is in the dead letter.
    expect(opts.dead.sort()).toEqual(input.lines.slice(100).sort())
  }, 120_000)

  it('reports a broker that cannot be reached at open', async () => {
    const sink = createKafkaSink(new URL(`kafka://127.0.0.1:1/x?${MOCK}`), options())
    await expect(sink.open()).rejects.toBeInstanceOf(SinkError)
    await sink.close()
  }, 60_000)
})

describe('kafka URL options', () => {
  it.each([
    ['kafka://h:1/', /needs a topic/],
    ['kafka://h:1/t?compression=lz5', /compression must be/],
    ['kafka://h:1/t?nope=1', /unknown option 'nope'/],
    ['kafka://h:1/{nope}', /unknown placeholder \{nope\}/],
    ['kafka://h:1/bad topic', /not a legal topic/],
    ['kafka://h:1/t?acks=1', /idempotent producer needs acks=all/],
    ['kafka://h:1/t?batch=0', /batch must be a positive integer/],
    ['kafka://h:1/t?headers=source,data', /headers takes id, org_id, source, event, timestamp or none/],
  ])('%s is a SinkError', (url, message) => {
    expect(() => createKafkaSink(new URL(url), options())).toThrow(message)
  })
})
