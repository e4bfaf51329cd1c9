import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import type { OutputFormat } from '../engine.ts'
import { memoryIo } from '../memory-io.ts'
import { REPO_ROOT } from '../test-fixtures.ts'
import { prestartThreads, waitingThreads } from './prestart.ts'
import { threadReady } from './thread-start.ts'
import { type PoolTuning, WorkerPool } from './worker-pool.ts'

// The pool itself, with blocks small enough that a library story is dealt over every part: the
// CLI's real block size and head start give a story of this size to this thread alone. Part 0
// makes the head start, then the blocks go round-robin over it and the worker threads; the merged
// bytes must be the plain run's whatever the deal.

async function plain(story: string, format: OutputFormat): Promise<string> {
  const io = memoryIo(REPO_ROOT)
  expect(await runCli(['generate', story, '-f', format, '--quiet'], io)).toBe(0)
  return io.stdout.text
}

async function pooled(
  story: string,
  format: OutputFormat,
  workers: number,
  tuning: PoolTuning,
  limit?: number,
): Promise<{ text: string; events: number; chunks: number; total: number | undefined }> {
  const file = join(REPO_ROOT, story)
  const pool = new WorkerPool(
    {
      text: readFileSync(file, 'utf8'),
      file,
      fromLink: false,
      cwd: REPO_ROOT,
      seed: undefined,
      format,
      shard: 0,
      shards: 1,
      withEnds: limit !== undefined,
    },
    workers,
    limit,
    tuning,
  )
  const parts: Buffer[] = []
  let events = 0
  let chunks = 0
  try {
    for (let c = await pool.next(); c; c = await pool.next()) {
      parts.push(Buffer.from(c.bytes))
      events += c.events
      chunks++
      c.release()
    }
    const total = limit === undefined ? pool.ends().reduce((n, e) => n + e.total, 0) : undefined
    return { text: Buffer.concat(parts).toString('utf8'), events, chunks, total }
  } finally {
    await pool.close()
  }
}

describe('WorkerPool: this thread and the worker threads give the bytes of one run', () => {
  const story = 'stories/ecommerce.yaml'

  it('NDJSON over 2 and 3 parts, blocks dealt after a head start', { timeout: 300_000 }, async () => {
    const want = await plain(story, 'ndjson')
    const lines = want.split('\n').length - 1
    for (const workers of [2, 3]) {
      const got = await pooled(story, 'ndjson', workers, { headStart: 3, blockSize: 64 })
      expect(got.text === want, `${workers} parts`).toBe(true)
      expect(got.events).toBe(lines)
      expect(got.total).toBe(lines)
      // Hundreds of blocks, so every part made many of them (a chunk never spans two blocks).
      expect(got.chunks).toBeGreaterThan(100)
    }
  })

  it('CSV rows, and a limit cut inside a block a thread made', { timeout: 300_000 }, async () => {
    const csv = await plain(story, 'csv')
    const got = await pooled(story, 'csv', 2, { headStart: 1, blockSize: 50 })
    expect(got.text === csv.slice(csv.indexOf('\n') + 1)).toBe(true)
    const want = (await plain(story, 'ndjson')).split('\n').slice(0, 5000).join('\n')
    const limited = await pooled(story, 'ndjson', 2, { headStart: 2, blockSize: 100 }, 5000)
    expect(limited.events).toBe(5000)
    expect(limited.text).toBe(`${want}\n`)
  })

  it('threads started before the run (as main.ts does) are taken, with the short head start', {
    timeout: 300_000,
  }, async () => {
    const want = await plain(story, 'ndjson')
    prestartThreads(['generate', story, '--workers', '3'])
    expect(waitingThreads()).toHaveLength(2)
    const deadline = Date.now() + 120_000
    while (!waitingThreads().every(threadReady) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    expect(waitingThreads().every(threadReady)).toBe(true)
    // No head start given: the pool picks the short one, the threads being loaded already.
    const got = await pooled(story, 'ndjson', 3, { blockSize: 64 })
    expect(waitingThreads()).toHaveLength(0)
    expect(got.text === want).toBe(true)
    expect(got.chunks).toBeGreaterThan(100)
  })

  it('a run shorter than the head start is this thread alone, and one part starts no thread', {
    timeout: 300_000,
  }, async () => {
    const want = await plain('stories/seed-advanced.yaml', 'ndjson')
    for (const workers of [1, 2]) {
      const got = await pooled('stories/seed-advanced.yaml', 'ndjson', workers, {})
      expect(got.text === want, `${workers} parts`).toBe(true)
    }
  })
})
