import { describe, expect, it } from 'vitest'
import { fakeEngine } from './fake-engine.ts'
import { createWorkerHost, type WorkerHostOptions } from './host.ts'
import type { WorkerMessage } from './protocol.ts'

function collect(options: Partial<WorkerHostOptions> = {}) {
  const messages: WorkerMessage[] = []
  const host = createWorkerHost(
    (m) => {
      // Everything posted must survive structured cloning, as it would across a real worker boundary.
      messages.push(structuredClone(m))
    },
    { engine: fakeEngine(), ...options },
  )
  return { host, messages }
}

describe('createWorkerHost', () => {
  it('announces its protocol version first', () => {
    const { messages } = collect()
    expect(messages[0]).toEqual({ type: 'ready', version: 2 })
  })

  it('answers a check with diagnostics positioned by line and column', () => {
    const { host, messages } = collect()
    host.handle({ type: 'check', requestId: 7, text: 'org_id: a\n  oops: 1\n', file: 'x.yaml' })
    const checked = messages.find((m) => m.type === 'checked')
    expect(checked).toMatchObject({ requestId: 7 })
    if (checked?.type !== 'checked') throw new Error('no checked message')
    expect(checked.diagnostics[0]).toMatchObject({
      code: 'story/unknown-key',
      file: 'x.yaml',
      start: { line: 2, column: 3 },
      end: { line: 2, column: 7 },
    })
  })

  it('streams a run in bounded batches, stops previewing at the cap, and counts the whole run', async () => {
    const { host, messages } = collect({ batchSize: 100 })
    host.handle({ type: 'run', runId: 1, text: 'count: 1050', previewCap: 250 })
    await host.idle()
    const batches = messages.filter((m) => m.type === 'batch')
    expect(batches.every((b) => (b.records?.count ?? 0) <= 100)).toBe(true)
    expect(batches.reduce((n, b) => n + (b.records?.count ?? 0), 0)).toBe(250)
    expect(batches.at(-1)?.progress).toMatchObject({ total: 1050, previewed: 250 })
    const done = messages.at(-1)
    expect(done).toMatchObject({ type: 'done', runId: 1, cancelled: false, summary: { total: 1050 } })
  })

  it('stops a cancelled run at the next batch and says so', async () => {
    const { host, messages } = collect({ batchSize: 10 })
    host.handle({ type: 'run', runId: 3, text: 'count: 100000', previewCap: 1_000_000 })
    await new Promise((r) => setTimeout(r, 5))
    host.handle({ type: 'cancel', runId: 3 })
    await host.idle()
    const done = messages.at(-1)
    expect(done).toMatchObject({ type: 'done', runId: 3, cancelled: true })
    const previewed = messages.reduce((n, m) => n + (m.type === 'batch' ? (m.records?.count ?? 0) : 0), 0)
    expect(previewed).toBeLessThan(100000)
  })

  it('lets a new run supersede the one in flight', async () => {
    const { host, messages } = collect({ batchSize: 10 })
    host.handle({ type: 'run', runId: 1, text: 'count: 100000', previewCap: 10 })
    host.handle({ type: 'run', runId: 2, text: 'count: 5', previewCap: 10 })
    await host.idle()
    expect(messages.find((m) => m.type === 'done' && m.runId === 1)).toMatchObject({ cancelled: true })
    expect(messages.find((m) => m.type === 'done' && m.runId === 2)).toMatchObject({
      cancelled: false,
      summary: { total: 5 },
    })
  })

  it('reports an engine failure as an error message instead of dying', async () => {
    const { host, messages } = collect()
    host.handle({ type: 'run', runId: 9, text: 'throw', previewCap: 10 })
    await host.idle()
    expect(messages.at(-1)).toEqual({ type: 'error', runId: 9, message: 'The run failed: boom' })
    host.handle({ type: 'check', requestId: 10, text: 'fine' })
    expect(messages.at(-1)).toMatchObject({ type: 'checked', requestId: 10, diagnostics: [] })
  })

  it('positions diagnostics of included files against their own text', () => {
    const engine = fakeEngine()
    const messages: WorkerMessage[] = []
    const host = createWorkerHost((m) => messages.push(m), {
      engine: {
        ...engine,
        checkStory: () => ({
          diagnostics: [
            {
              code: 'x',
              severity: 'error',
              message: 'm',
              file: 'lib/common.yaml',
              span: { start: 4, end: 5 },
              path: [],
            },
          ],
          outline: { timezone: 'UTC', seed: 0, events: [] },
        }),
      },
    })
    host.handle({ type: 'check', requestId: 1, text: 'main', files: { 'lib/common.yaml': 'ab\ncd' } })
    const checked = messages.at(-1)
    if (checked?.type !== 'checked') throw new Error('no checked message')
    expect(checked.diagnostics[0].start).toEqual({ line: 2, column: 2 })
  })
})
