import { describe, expect, it } from 'vitest'
import { createEngineClient, type ExportHandlers, type ExportResult, type WorkerLike } from './client.ts'
import { fakeEngine } from './fake-engine.ts'
import { createWorkerHost, type WorkerHost } from './host.ts'
import type { ClientMessage, WorkerMessage } from './protocol.ts'

/** A Worker double running the real host over structured clones; it can crash. */
class FakeWorker implements WorkerLike {
  terminated = false
  readonly received: ClientMessage[] = []
  private readonly listeners: Record<string, ((event: any) => void)[]> = {}
  private readonly host: WorkerHost

  constructor() {
    this.host = createWorkerHost(
      (m: WorkerMessage) =>
        setTimeout(() => !this.terminated && this.emit('message', { data: structuredClone(m) })),
      { engine: fakeEngine(), exportWindow: 2 },
    )
  }
  postMessage(message: ClientMessage): void {
    this.received.push(message)
    if (!this.terminated) this.host.handle(structuredClone(message))
  }
  terminate(): void {
    this.terminated = true
  }
  addEventListener(type: string, listener: (event: any) => void): void {
    ;(this.listeners[type] ??= []).push(listener)
  }
  emit(type: string, event: unknown): void {
    for (const l of this.listeners[type] ?? []) l(event)
  }
}

function setup() {
  const workers: FakeWorker[] = []
  const client = createEngineClient({
    createWorker: () => {
      const w = new FakeWorker()
      workers.push(w)
      return w
    },
  })
  return { client, workers }
}

/** Handlers that record everything; `slowMs` makes each chunk take a while, like a file on disk. */
function sink(slowMs = 0) {
  const chunks: Uint8Array[] = []
  const log: string[] = []
  let busy = false
  let overlapped = false
  let settle: (r: ExportResult | string) => void = () => {}
  const finished = new Promise<ExportResult | string>((r) => (settle = r))
  const handlers: ExportHandlers = {
    async onChunk(chunk) {
      if (busy) overlapped = true
      busy = true
      log.push('chunk')
      if (slowMs) await new Promise((r) => setTimeout(r, slowMs))
      chunks.push(chunk)
      busy = false
    },
    onDone(result) {
      log.push(`done:${result.outcome.kind}`)
      settle(result)
    },
    onError(message) {
      log.push(`error:${message}`)
      settle(message)
    },
  }
  const text = () => chunks.map((c) => new TextDecoder().decode(c)).join('')
  return { handlers, chunks, log, finished, text, overlapped: () => overlapped }
}

describe('engine client: export', () => {
  it('hands chunks over one at a time, in order, and reports done after the last one', async () => {
    const { client, workers } = setup()
    const s = sink(3)
    client.export({ text: 'count: 400', format: 'ndjson', chunkChars: 500 }, s.handlers)
    const result = (await s.finished) as ExportResult
    expect(result.outcome).toEqual({ kind: 'complete' })
    expect(s.overlapped()).toBe(false)
    expect(s.log.at(-1)).toBe('done:complete')
    expect(s.log.filter((l) => l === 'chunk').length).toBeGreaterThan(3)
    const lines = s.text().trimEnd().split('\n')
    expect(lines).toEqual(Array.from({ length: 400 }, (_, i) => `ndjson:${i}é`))
    expect(result.progress.bytes).toBe(new TextEncoder().encode(s.text()).byteLength)
    // One acknowledgement per chunk consumed: the worker never ran ahead of the sink by more than its window.
    const acks = workers[0].received.filter((m) => m.type === 'export-ack').length
    expect(acks).toBe(s.chunks.length)
  })

  it('calls nothing after cancelExport and tells the worker to stop', async () => {
    const { client, workers } = setup()
    const s = sink(5)
    const id = client.export({ text: 'count: 100000', format: 'csv', chunkChars: 500 }, s.handlers)
    await new Promise((r) => setTimeout(r, 30))
    client.cancelExport(id)
    // A chunk already being written may finish; no new one starts.
    const seen = s.log.length
    await new Promise((r) => setTimeout(r, 60))
    expect(s.log.length).toBe(seen)
    expect(s.log.some((l) => l.startsWith('done'))).toBe(false)
    expect(workers[0].received.at(-1)).toEqual({ type: 'cancel-export', exportId: id })
  })

  it('stops the export when the sink fails, and says why', async () => {
    const { client, workers } = setup()
    const s = sink()
    s.handlers.onChunk = () => Promise.reject(new Error('disk full'))
    const id = client.export({ text: 'count: 100000', format: 'json', chunkChars: 500 }, s.handlers)
    expect(await s.finished).toBe('The file could not be written: disk full')
    expect(workers[0].received).toContainEqual({ type: 'cancel-export', exportId: id })
  })

  it('reports a refusal (too large) through onDone, and a worker crash through onError', async () => {
    const { client, workers } = setup()
    const refused = sink()
    client.export({ text: 'count: 100000', format: 'ndjson', maxBytes: 10_000 }, refused.handlers)
    expect(((await refused.finished) as ExportResult).outcome).toMatchObject({ kind: 'too-large' })
    expect(refused.chunks).toHaveLength(0)

    const crashed = sink(20)
    client.export({ text: 'count: 100000', format: 'ndjson', chunkChars: 500 }, crashed.handlers)
    await new Promise((r) => setTimeout(r, 30))
    workers[0].emit('error', { message: 'out of memory', preventDefault() {} })
    expect(await crashed.finished).toBe('The engine worker crashed: out of memory.')
  })

  it('answers plan requests', async () => {
    const { client } = setup()
    expect(await client.plan('count: 77')).toBe(77)
    expect(await client.plan('count: 77 unplanned')).toBeUndefined()
  })
})
