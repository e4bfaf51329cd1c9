import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { streamStoryText, withFaults } from '../engine.ts'
import { memoryIo } from '../memory-io.ts'
import { tempDir } from '../test-fixtures.ts'
import { type KafkaMock, kcatPath, startKafkaMock } from '../test-servers/kafka-mock.ts'
import { deliveryRecords } from './delivery-order.ts'
import { drive } from './drive.ts'
import type { Pacer } from './pacing.ts'
import { startReceiver } from './test-receiver.ts'
import { timeline } from './timeline.ts'

/** 120 signups a minute apart with every delivery fault at rates a short run shows. */
const STORY = `org_id: acme
start_date: 2025-01-01
seed: 7
faults:
  duplicate: 0.1
  duplicate_after: duration(seconds=random(1, 300))
  late: 0.1
  late_by: duration(minutes=random(2, 20))
  corrupt: 0.1
events:
  - id: signup
    source: app
    event: user.signup
    repeat: 120
    every: duration(minutes=1)
    data:
      email: faker.internet.email()
      plan: weighted({'free': 0.7, 'pro': 0.3})
`

interface LogLine {
  fault: string
  id: string
  timestamp: string
  delivered_at?: string
}

async function generate(dir: string, args: string[]) {
  const io = memoryIo(dir)
  const code = await runCli(['generate', join(dir, 'story.yaml'), ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text }
}

/** The NDJSON output (delivery order, corrupt lines cut) and the faults log of the story. */
async function expected(dir: string) {
  const { code, stdout } = await generate(dir, ['--faults-log', 'expected-log.ndjson'])
  expect(code).toBe(0)
  const log = readFileSync(join(dir, 'expected-log.ndjson'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as LogLine)
  return { lines: stdout.trimEnd().split('\n'), log }
}

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = []
let mock: KafkaMock | undefined
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close()
  await mock?.stop()
  mock = undefined
})

describe('faults through the delivery sinks', () => {
  it('HTTP: copies are posted twice, corrupt bodies cut short, in delivery order', async () => {
    const dir = tempDir({ 'story.yaml': STORY })
    const want = await expected(dir)
    const kinds = new Set(want.log.map((l) => l.fault))
    expect([...kinds].sort()).toEqual(['corrupt', 'duplicate', 'late'])
    const r = await startReceiver()
    receivers.push(r)
    const out = await generate(dir, ['--to', r.url, '--concurrency', '1', '--faults-log', 'log.ndjson'])
    expect(out.stderr).toMatch(/delivered: \d+ events sent, 0 retried, 0 failed/)
    expect(out.code).toBe(0)
    // One request in flight: the receiver sees exactly the NDJSON output, line by line.
    expect(r.accepted.map((a) => a.body)).toEqual(want.lines)
    expect(readFileSync(join(dir, 'log.ndjson'), 'utf8')).toBe(
      readFileSync(join(dir, 'expected-log.ndjson'), 'utf8'),
    )
    const bodies = r.accepted.map((a) => a.body)
    const ids = (body: string) => bodies.filter((b) => b.includes(body)).length
    for (const f of want.log.filter((l) => l.fault === 'duplicate')) expect(ids(`"id":"${f.id}"`)).toBe(2)
    const broken = bodies.filter((b) => {
      try {
        JSON.parse(b)
        return false
      } catch {
        return true
      }
    })
    expect(broken).toHaveLength(want.log.filter((l) => l.fault === 'corrupt').length)
  })

  it('--no-faults posts the clean stream', async () => {
    const dir = tempDir({ 'story.yaml': STORY })
    const r = await startReceiver()
    receivers.push(r)
    expect((await generate(dir, ['--to', r.url, '--concurrency', '1', '--no-faults'])).code).toBe(0)
    const clean = (await generate(dir, ['--no-faults'])).stdout.trimEnd().split('\n')
    expect(r.accepted.map((a) => a.body)).toEqual(clean)
    expect(clean).toHaveLength(120)
  })

  it.skipIf(!kcatPath())('Kafka: copies are produced twice and corrupt values cut short', async () => {
    const dir = tempDir({ 'story.yaml': STORY })
    const want = await expected(dir)
    mock = await startKafkaMock('signups')
    const url = `kafka://${mock.bootstrap}/signups?idempotent=false&batch=16&headers=none`
    const out = await generate(dir, ['--to', url])
    expect(out.code).toBe(0)
    await mock.waitFor(want.lines.length)
    // kcat prints KEY<TAB>HEADERS<TAB>VALUE; partitions interleave, so compare as multisets.
    const values = mock.consumed.map((l) => l.split('\t').slice(2).join('\t'))
    expect(values.sort()).toEqual([...want.lines].sort())
  })

  it('--pace waits for delivery times: a late event goes out late_by after its timestamp', async () => {
    const reserved: number[] = []
    const pacer = {
      idle: false,
      reserve: (ms: number) => {
        reserved.push(ms)
        return 0
      },
    } as unknown as Pacer
    const log: LogLine[] = []
    const events: string[] = []
    const run = withFaults(streamStoryText(STORY, {}), { onFaultLine: (l) => log.push(JSON.parse(l)) })
    await drive(
      deliveryRecords(run),
      {
        accept: (r) => {
          events.push(r.event.id)
          return true
        },
        idle: async () => true,
      },
      { pacer, signal: new AbortController().signal, now: () => 0 },
    )
    // Delivery times never go back, though timestamps do (late events come after later ones).
    for (let i = 1; i < reserved.length; i++) expect(reserved[i]).toBeGreaterThanOrEqual(reserved[i - 1])
    const late = log.filter((l) => l.fault === 'late')
    expect(late.length).toBeGreaterThan(3)
    for (const l of late) {
      const at = reserved[events.indexOf(l.id)]
      expect(at).toBe(Date.parse(l.delivered_at!))
      expect(at).toBeGreaterThan(Date.parse(l.timestamp))
    }
  })

  it('--start now keeps a late event late: its timestamp and delivery time move together', () => {
    const run = withFaults(streamStoryText(STORY, {}))
    const plain = [...deliveryRecords(withFaults(streamStoryText(STORY, {})))]
    const moved = [
      ...timeline(run, () => run, { startNow: true, follow: false, wallNow: () => 1_000_000_000_000 }),
    ]
    const shift = moved[0].timeMs - plain[0].timeMs
    expect(moved).toHaveLength(plain.length)
    let lateSeen = 0
    for (let i = 0; i < plain.length; i++) {
      expect(moved[i].timeMs - plain[i].timeMs).toBe(shift)
      expect(Date.parse(moved[i].event.timestamp) - Date.parse(plain[i].event.timestamp)).toBe(shift)
      if (plain[i].eventMs !== undefined) lateSeen++
      expect(Boolean(moved[i].corrupt)).toBe(Boolean(plain[i].corrupt))
    }
    expect(lateSeen).toBeGreaterThan(3)
  })
})
