/**
 * The export pool (several workers, merged in block order) writes the very bytes of the single
 * engine worker's export, for every library story and for ref/lookup/prev/funnel stories, in every
 * format; stories the CLI keeps on one thread go to the single worker; cancel and the size guard
 * work. The pool workers run in-process (export-pool-host.ts behind a fake Worker).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ExportHandlers, ExportRequest, ExportResult } from './client-types.ts'
import { createExportPool, type PoolWorkerLike } from './export-pool.ts'
import { createExportPoolHost } from './export-pool-host.ts'
import type { PoolReply } from './export-pool-protocol.ts'
import type { ExportFormat, FileMap } from './protocol.ts'
import { singleWorkerExport } from './single-export.test-util.ts'

const STORIES = fileURLToPath(new URL('../../../../stories/', import.meta.url))
const NOT_RUNNABLE = /seed-format|seed-fields|(^|\/)(_|shared)[^/]*\.ya?ml$/

function libraryFiles(): FileMap {
  const files: FileMap = {}
  for (const entry of readdirSync(STORIES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue
    const full = join(entry.parentPath, entry.name)
    files[relative(STORIES, full)] = readFileSync(full, 'utf8')
  }
  return files
}
const FILES = libraryFiles()

/** ref(), lookup(), prev, an `after:` funnel with delays, `when:` and a runtime problem. */
const DEPENDENT = `org_id: acme
start_date: 2025-01-01
end_date: 2025-01-02
timezone: Europe/Berlin
events:
  - id: product
    source: shop
    event: product
    repeat: 24
    frequency: hourly
    data:
      sku: uuid4()
      name: faker.name()
  - id: view
    source: shop
    event: view
    repeat: 600
    frequency: minutely
    jitter: duration(seconds=50)
    probability: 0.8
    data:
      product: lookup(product.sku)
      n: "= (prev.n ?? 0) + 1"
      bad: 1 / 0
  - id: signup
    source: app
    event: signup
    repeat: 40
    frequency: hourly
    when: random(0, 1) < 0.7
    data:
      user: uuid4()
      wait: random(1, 90)
  - id: order
    source: app
    event: order
    after: signup
    delay: duration(minutes=ref(signup.wait))
    probability: 0.6
    data:
      user: ref(signup.user)
      total: random(5, 500)
      ratio: ref(signup.wait) / 0
  - id: paid
    source: app
    event: paid
    after: order
    data:
      total: ref(order.total)
`

/** A story whose every candidate is dropped: the file is only the CSV header or the JSON brackets. */
const EMPTY = `org_id: acme
start_date: 2025-01-01
end_date: 2025-01-02
events:
  - id: never
    source: app
    event: never
    repeat: 10
    frequency: hourly
    when: random(0, 1) < 0
    data:
      x: random(1, 9)
`

interface Source {
  file: string
  text: string
  noFaults?: boolean
}

/** The single engine worker's export (what export-parity.test.ts shows equal to the CLI). */
function single(src: Source, format: ExportFormat, seed?: number) {
  return singleWorkerExport({ ...src, files: FILES, seed, format })
}

/** A Worker double running a pool host in this thread; messages hop through the microtask queue. */
function fakeWorker(log: { terminated: number }, broken = false): PoolWorkerLike {
  const listeners: ((event: MessageEvent<PoolReply>) => void)[] = []
  let alive = true
  const real = createExportPoolHost((m) => {
    if (!alive) return
    queueMicrotask(() => {
      if (alive) for (const l of listeners) l({ data: m } as MessageEvent<PoolReply>)
    })
  })
  // A broken worker fails as a crashed engine would: an error reply instead of its part.
  const host = broken
    ? {
        handle() {
          for (const l of listeners)
            l({ data: { type: 'error', message: 'boom' } } as MessageEvent<PoolReply>)
        },
      }
    : real
  return {
    postMessage: (m) => queueMicrotask(() => alive && host.handle(m)),
    terminate() {
      if (alive) log.terminated++
      alive = false
    },
    addEventListener(type: string, listener: (event: MessageEvent<PoolReply>) => void) {
      if (type === 'message') listeners.push(listener)
    },
  }
}

interface PoolOptions {
  workers: number
  blockSize?: number
  chunkChars?: number
  maxBytes?: number
  onChunk?: ExportHandlers['onChunk']
  /** This worker fails. */
  broken?: number
}

/** The pool's export, chunks concatenated; `singleCalls` counts exports handed to the single worker. */
function pool(src: Source, format: ExportFormat, seed: number | undefined, o: PoolOptions) {
  const log = { terminated: 0, singleCalls: 0 }
  const parts: Uint8Array[] = []
  const progress: number[] = []
  const exporter = createExportPool({
    createWorker: (index) => fakeWorker(log, index === o.broken),
    workers: () => o.workers,
    blockSize: o.blockSize,
    single: {
      export(_req: ExportRequest, handlers: ExportHandlers) {
        log.singleCalls++
        queueMicrotask(() =>
          handlers.onDone({
            outcome: { kind: 'cancelled' },
            progress: { events: 0, bytes: 0 },
            summary: null,
            diagnostics: [],
          }),
        )
        return 99
      },
      cancelExport() {},
    },
  })
  let id = 0
  const result = new Promise<ExportResult>((resolve, reject) => {
    id = exporter.export(
      { ...src, files: FILES, seed, format, chunkChars: o.chunkChars, maxBytes: o.maxBytes },
      {
        async onChunk(chunk, p) {
          parts.push(chunk.slice())
          progress.push(p.events)
          await o.onChunk?.(chunk, p)
        },
        onDone: resolve,
        onError: (message) => reject(new Error(message)),
      },
    )
  })
  return { result, bytes: () => Buffer.concat(parts), progress, log, cancel: () => exporter.cancelExport(id) }
}

const library: Source[] = Object.keys(FILES)
  .filter((f) => !NOT_RUNNABLE.test(f) && f !== 'faulty-orders.yaml')
  .map((file) => ({ file, text: FILES[file] }))

describe("the export pool writes the single export's bytes", () => {
  it('covers the library', () => {
    expect(library.map((s) => s.file)).toEqual(
      expect.arrayContaining(['ecommerce.yaml', 'composition/product-launch.yaml']),
    )
  })

  for (const src of library) {
    it(`${src.file}: 2 workers, NDJSON`, { timeout: 120_000 }, async () => {
      const expected = await single(src, 'ndjson', 5)
      const p = pool(src, 'ndjson', 5, { workers: 2, blockSize: 64 })
      const done = await p.result
      expect(done.outcome).toEqual({ kind: 'complete' })
      expect(p.bytes().equals(expected.bytes)).toBe(true)
      expect(done.progress.bytes).toBe(expected.bytes.byteLength)
      expect(done.progress.events).toBe(expected.done.summary?.total)
      expect(done.summary?.total).toBe(expected.done.summary?.total)
      expect(p.log.singleCalls).toBe(0)
      // Every worker was ended with the export.
      expect(p.log.terminated).toBe(2)
    })
  }

  const dependent: Source = { file: 'dependent.yaml', text: DEPENDENT }
  for (const format of ['ndjson', 'json', 'csv'] as const) {
    for (const workers of [2, 3, 4]) {
      it(`ref/lookup/prev/funnel story, ${format}, ${workers} workers, small chunks`, {
        timeout: 60_000,
      }, async () => {
        const expected = await single(dependent, format, 11)
        const p = pool(dependent, format, 11, { workers, blockSize: 16, chunkChars: 300 })
        const done = await p.result
        expect(p.bytes().toString('utf8')).toBe(expected.bytes.toString('utf8'))
        // The run's problems and counts are the single run's (merged over the workers).
        expect(done.diagnostics).toEqual(expected.done.diagnostics)
        expect(done.diagnostics.map((d) => d.code)).toContain('runtime/division-by-zero')
        expect({ ...done.summary?.perType }).toEqual({ ...expected.done.summary?.perType })
        // Progress only grows and ends at the total.
        expect(p.progress).toEqual([...p.progress].sort((a, b) => a - b))
        expect(p.progress.at(-1)).toBe(expected.done.summary?.total)
      })
    }
  }

  it('a story with no events gives the empty file of each format', async () => {
    const empty: Source = { file: 'empty.yaml', text: EMPTY }
    for (const format of ['ndjson', 'json', 'csv'] as const) {
      const expected = await single(empty, format, 1)
      const p = pool(empty, format, 1, { workers: 2, blockSize: 4 })
      await p.result
      expect(p.bytes().toString('utf8')).toBe(expected.bytes.toString('utf8'))
    }
  })
})

describe('what the pool hands to the single worker', () => {
  const faulty: Source = { file: 'faulty-orders.yaml', text: FILES['faulty-orders.yaml'] }

  it('a story with faults: goes to the single worker, its pool ended', async () => {
    const p = pool(faulty, 'ndjson', 3, { workers: 2 })
    await p.result
    expect(p.log.singleCalls).toBe(1)
    expect(p.log.terminated).toBe(2)
  })

  it('with the Faults toggle off (noFaults) the pool writes the clean stream', {
    timeout: 60_000,
  }, async () => {
    const clean = { ...faulty, noFaults: true }
    const expected = await single(clean, 'ndjson', 3)
    const p = pool(clean, 'ndjson', 3, { workers: 2, blockSize: 32 })
    await p.result
    expect(p.log.singleCalls).toBe(0)
    expect(p.bytes().equals(expected.bytes)).toBe(true)
  })

  it('a pool whose first worker fails before answering hands the export to the single worker', async () => {
    const p = pool({ file: 'dependent.yaml', text: DEPENDENT }, 'ndjson', 1, { workers: 2, broken: 0 })
    await p.result
    expect(p.log.singleCalls).toBe(1)
    expect(p.log.terminated).toBe(2)
  })

  it('a story with errors, and a pool of one, go to the single worker', async () => {
    const broken = pool({ file: 'x.yaml', text: 'events: [' }, 'ndjson', 1, { workers: 2 })
    await broken.result
    expect(broken.log.singleCalls).toBe(1)
    const one = pool({ file: 'dependent.yaml', text: DEPENDENT }, 'ndjson', 1, { workers: 1 })
    await one.result
    expect(one.log.singleCalls).toBe(1)
    expect(one.log.terminated).toBe(0)
  })
})

describe('the pool stops', () => {
  const dependent: Source = { file: 'dependent.yaml', text: DEPENDENT }

  it('on cancel: no handler is called again and every worker is ended', async () => {
    let chunks = 0
    let after = 0
    let cancel = () => {}
    const p = pool(dependent, 'ndjson', 2, {
      workers: 3,
      blockSize: 8,
      chunkChars: 200,
      onChunk: () => {
        chunks++
        if (chunks === 3) cancel()
        else if (chunks > 3) after++
      },
    })
    cancel = p.cancel
    const settled = await Promise.race([
      p.result.then(() => 'settled'),
      new Promise((r) => setTimeout(r, 200, 'silent')),
    ])
    expect(settled).toBe('silent')
    expect(after).toBe(0)
    expect(p.log.terminated).toBe(3)
  })

  it('when the export would pass maxBytes (too-large, estimated from the plan)', async () => {
    const p = pool(dependent, 'ndjson', 2, { workers: 2, blockSize: 8, chunkChars: 200, maxBytes: 2000 })
    const done = await p.result
    expect(done.outcome.kind).toBe('too-large')
    expect(p.log.terminated).toBe(2)
  })

  it('when a worker fails: onError names the failure, and every worker is ended', async () => {
    const p = pool(dependent, 'ndjson', 2, { workers: 3, blockSize: 8, broken: 1 })
    await expect(p.result).rejects.toThrow('The export failed: boom')
    expect(p.log.terminated).toBe(3)
  })

  it('when the sink fails: onError says the file could not be written', async () => {
    const p = pool(dependent, 'ndjson', 2, {
      workers: 2,
      blockSize: 8,
      onChunk: () => Promise.reject(new Error('disk full')),
    })
    await expect(p.result).rejects.toThrow('The file could not be written: disk full')
    expect(p.log.terminated).toBe(2)
  })
})
