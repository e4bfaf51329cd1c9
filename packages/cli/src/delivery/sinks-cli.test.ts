import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { tempDir } from '../test-fixtures.ts'
import { type KafkaMock, kcatPath, startKafkaMock } from '../test-servers/kafka-mock.ts'
import { type PostgresServer, postgresBinDir, startPostgres } from '../test-servers/postgres-server.ts'

/** 60 events a minute apart: `--pace x600` spreads them over about six seconds. */
const STORY = `org_id: acme
start_date: 2025-01-01
seed: 3
events:
  - id: tick
    source: app
    event: tick
    repeat: 60
    every: duration(minutes=1)
    data:
      n: random(1, 9)
`

let mock: KafkaMock | undefined
let server: PostgresServer | undefined
afterEach(async () => {
  await mock?.stop()
  mock = undefined
  server?.stop()
  server = undefined
})

/** Runs `generate` paced, and calls `midway` once the destination has taken a few events. */
async function pacedRun(dir: string, to: string, started: () => Promise<void>, midway: () => Promise<void>) {
  const io = memoryIo(dir)
  const args = [
    'generate',
    join(dir, 'story.yaml'),
    '--to',
    to,
    '--pace',
    'x600',
    '--dead-letter',
    'dl.ndjson',
  ]
  const running = runCli(args, io)
  await started()
  await midway()
  const code = await running
  return { code, stderr: io.stderr.text }
}

/** The summary's counts; every generated event is sent or failed, and each failure is in the dead letter. */
function checkNothingLost(dir: string, stderr: string): { sent: number; failed: number } {
  const m = /: (\d+) events? sent, (\d+) retried, (\d+) failed \(dead letter: .*dl\.ndjson\)/.exec(stderr)
  expect(m, stderr).not.toBeNull()
  const sent = Number(m![1])
  const failed = Number(m![3])
  expect(sent + failed).toBe(60)
  expect(stderr).not.toMatch(/generated but not sent/)
  const dead = readFileSync(join(dir, 'dl.ndjson'), 'utf8').trimEnd().split('\n')
  expect(dead).toHaveLength(failed)
  return { sent, failed }
}

/** Resolves once the `tick` table holds at least `count` rows (it may not exist yet). */
async function rowsLoaded(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  await client.connect()
  try {
    for (;;) {
      const n = await client
        .query('SELECT count(*)::int AS n FROM "tick"')
        .then((r) => r.rows[0].n as number)
        .catch(() => 0)
      if (n >= count) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}

describe('a destination that goes away mid-run: retried, then reported, never silently dropped', () => {
  it.skipIf(!kcatPath())(
    'Kafka',
    async () => {
      const dir = tempDir({ 'story.yaml': STORY })
      mock = await startKafkaMock('ticks')
      const m = mock
      const url = `kafka://${m.bootstrap}/ticks?idempotent=false&batch=1&retries=2`
      const { code, stderr } = await pacedRun(
        dir,
        url,
        () => m.waitFor(3),
        () => m.stop(),
      )
      expect(code).toBe(1)
      const { sent, failed } = checkNothingLost(dir, stderr)
      expect(sent).toBeGreaterThanOrEqual(3)
      expect(failed).toBeGreaterThan(0)
    },
    120_000,
  )

  it.skipIf(!postgresBinDir())(
    'PostgreSQL',
    async () => {
      const dir = tempDir({ 'story.yaml': STORY })
      server = await startPostgres()
      const s = server
      const url = new URL(s.url)
      url.searchParams.set('batch', '1')
      url.searchParams.set('retries', '2')
      const { code, stderr } = await pacedRun(
        dir,
        url.href,
        () => rowsLoaded(s.url, 3),
        async () => s.stop(),
      )
      expect(code).toBe(1)
      const { sent, failed } = checkNothingLost(dir, stderr)
      expect(sent).toBeGreaterThanOrEqual(3)
      expect(failed).toBeGreaterThan(0)
    },
    120_000,
  )
})
