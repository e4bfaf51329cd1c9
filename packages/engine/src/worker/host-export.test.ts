import { describe, expect, it } from 'vitest'
import { fakeEngine } from './fake-engine.ts'
import { createWorkerHost, type WorkerHostOptions } from './host.ts'
import type { ClientMessage, WorkerMessage } from './protocol.ts'

type Chunk = Extract<WorkerMessage, { type: 'export-chunk' }>
type Done = Extract<WorkerMessage, { type: 'export-done' }>

/** A host whose export chunks are acknowledged at once (like a Blob sink) unless `autoAck` is off. */
function exporter(options: Partial<WorkerHostOptions> & { autoAck?: boolean } = {}) {
  const messages: WorkerMessage[] = []
  const transfers: Transferable[][] = []
  const host = createWorkerHost(
    (m, transfer) => {
      messages.push(structuredClone(m))
      if (transfer) transfers.push(transfer)
      if (m.type === 'export-chunk' && options.autoAck !== false) {
        queueMicrotask(() => host.handle({ type: 'export-ack', exportId: m.exportId, count: 1 }))
      }
    },
    { engine: fakeEngine(), ...options },
  )
  const chunks = () => messages.filter((m): m is Chunk => m.type === 'export-chunk')
  const done = () => messages.find((m): m is Done => m.type === 'export-done')
  const text = () => new TextDecoder().decode(concat(chunks().map((c) => c.chunk)))
  return { host, messages, transfers, chunks, done, text }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

const request = (extra: Partial<Extract<ClientMessage, { type: 'export' }>> = {}): ClientMessage => ({
  type: 'export',
  exportId: 1,
  text: 'count: 1000',
  format: 'ndjson',
  chunkChars: 1000,
  ...extra,
})

describe('worker host: export', () => {
  it('streams the whole run as UTF-8 chunks (transferred), in order, then says it is complete', async () => {
    const x = exporter()
    x.host.handle(request())
    await x.host.idle()
    const lines = x.text().split('\n')
    expect(lines).toHaveLength(1001)
    expect(lines[0]).toBe('ndjson:0é')
    expect(lines[999]).toBe('ndjson:999é')
    expect(x.chunks().length).toBeGreaterThan(5)
    // Each chunk is whole lines: a chunk boundary never splits an event (nor a multi-byte character).
    for (const c of x.chunks()) expect(new TextDecoder().decode(c.chunk).endsWith('\n')).toBe(true)
    expect(x.transfers.length).toBe(x.chunks().length)
    const events = x.chunks().map((c) => c.progress.events)
    expect(events).toEqual([...events].sort((a, b) => a - b))
    const bytes = x.chunks().at(-1)!.progress.bytes
    expect(bytes).toBe(new TextEncoder().encode(x.text()).byteLength)
    expect(x.done()).toMatchObject({
      exportId: 1,
      outcome: { kind: 'complete' },
      progress: { events: 1000, bytes, planned: 1000 },
      summary: { total: 1000 },
    })
  })

  it('passes the format through and estimates the size from the first chunk', async () => {
    const x = exporter()
    x.host.handle(request({ format: 'csv' }))
    await x.host.idle()
    expect(x.text().startsWith('csv:0é\n')).toBe(true)
    const first = x.chunks()[0].progress
    expect(first.estimatedBytes).toBe(Math.round((first.bytes / first.events) * 1000))
    // Lines differ in length only by their digits, so the estimate is close to the real size.
    const real = x.done()!.progress.bytes
    expect(Math.abs(first.estimatedBytes! - real) / real).toBeLessThan(0.2)
  })

  it('keeps at most `exportWindow` chunks unacknowledged (a slow sink pauses the worker)', async () => {
    const x = exporter({ autoAck: false, exportWindow: 2 })
    x.host.handle(request())
    await new Promise((r) => setTimeout(r, 20))
    expect(x.chunks()).toHaveLength(2)
    x.host.handle({ type: 'export-ack', exportId: 1, count: 1 })
    await new Promise((r) => setTimeout(r, 20))
    expect(x.chunks()).toHaveLength(3)
    x.host.handle({ type: 'cancel-export', exportId: 1 })
    await x.host.idle()
    expect(x.done()?.outcome).toEqual({ kind: 'cancelled' })
    expect(x.chunks()).toHaveLength(3)
  })

  it('stops at the next chunk when cancelled', async () => {
    const x = exporter()
    x.host.handle(request({ text: 'count: 200000' }))
    await new Promise((r) => setTimeout(r, 5))
    x.host.handle({ type: 'cancel-export', exportId: 1 })
    await x.host.idle()
    expect(x.done()?.outcome).toEqual({ kind: 'cancelled' })
    expect(x.done()!.progress.events).toBeLessThan(200000)
    expect(x.messages.at(-1)?.type).toBe('export-done')
  })

  it('refuses an export whose estimate passes maxBytes before sending anything', async () => {
    const x = exporter()
    // 100,000 lines of about 12 bytes: ~1.2 MB, far over a 50 kB cap.
    x.host.handle(request({ text: 'count: 100000', maxBytes: 50_000 }))
    await x.host.idle()
    expect(x.chunks()).toHaveLength(0)
    const done = x.done()!
    expect(done.outcome).toMatchObject({ kind: 'too-large', maxBytes: 50_000 })
    if (done.outcome.kind !== 'too-large') throw new Error('not refused')
    expect(done.outcome.estimatedBytes).toBeGreaterThan(1_000_000)
    expect(done.progress.events).toBeLessThan(1000)
  })

  it('uses the client’s known event count for the estimate, and stops at the cap when nothing is known', async () => {
    const known = exporter()
    known.host.handle(request({ text: 'count: 100000 unplanned', expectedEvents: 100000, maxBytes: 50_000 }))
    await known.host.idle()
    expect(known.chunks()).toHaveLength(0)
    expect(known.done()?.outcome.kind).toBe('too-large')

    const unknown = exporter()
    unknown.host.handle(request({ text: 'count: 100000 unplanned', maxBytes: 50_000 }))
    await unknown.host.idle()
    const done = unknown.done()!
    expect(done.outcome).toEqual({ kind: 'too-large', maxBytes: 50_000 })
    expect(done.progress.planned).toBeUndefined()
    // Stopped within one chunk of the cap, not at the end of the run.
    expect(done.progress.bytes).toBeGreaterThan(50_000)
    expect(done.progress.bytes).toBeLessThan(50_000 + 3 * 1000)
    expect(done.progress.events).toBeLessThan(10_000)
  })

  it('reports a story with errors without generating, and an engine failure as an error', async () => {
    const x = exporter()
    x.host.handle(request({ text: 'oops' }))
    x.host.handle(request({ exportId: 2, text: 'throw' }))
    await x.host.idle()
    expect(x.chunks()).toHaveLength(0)
    expect(x.done()).toMatchObject({ exportId: 1, outcome: { kind: 'story-errors' }, summary: null })
    expect(x.done()!.diagnostics[0]).toMatchObject({
      code: 'story/unknown-key',
      start: { line: 1, column: 1 },
    })
    expect(x.messages.at(-1)).toEqual({ type: 'error', exportId: 2, message: 'The export failed: boom' })
  })

  it('runs beside a preview run, and answers plan requests', async () => {
    const x = exporter({ batchSize: 50 })
    x.host.handle(request({ text: 'count: 3000' }))
    x.host.handle({ type: 'run', runId: 5, text: 'count: 3000', previewCap: 100 })
    x.host.handle({ type: 'plan', requestId: 6, text: 'count: 42' })
    x.host.handle({ type: 'plan', requestId: 7, text: 'count: 42 unplanned' })
    await x.host.idle()
    expect(x.done()).toMatchObject({ outcome: { kind: 'complete' }, progress: { events: 3000 } })
    expect(x.messages.find((m) => m.type === 'done')).toMatchObject({ runId: 5, cancelled: false })
    expect(x.messages.filter((m) => m.type === 'planned')).toEqual([
      { type: 'planned', requestId: 6, events: 42 },
      { type: 'planned', requestId: 7, events: undefined },
    ])
  })
})
