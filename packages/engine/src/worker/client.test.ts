import { afterEach, describe, expect, it } from 'vitest'
import { BudgetExceededError } from './budgets.ts'
import { createEngineClient, type EngineClient, type RunHandlers, type WorkerLike } from './client.ts'
import { fakeEngine } from './fake-engine.ts'
import { createWorkerHost, type WorkerHost } from './host.ts'
import { RecordWindow } from './packed-records.ts'
import { type ClientMessage, PROTOCOL_VERSION, type WorkerMessage } from './protocol.ts'

/** A Worker double running the real host; it can freeze (hear and say nothing, like a busy thread) or crash. */
class FakeWorker implements WorkerLike {
  frozen = false
  terminated = false
  readonly received: ClientMessage[] = []
  private readonly listeners: Record<string, ((event: any) => void)[]> = {}
  private readonly host: WorkerHost

  constructor(batchSize = 50) {
    this.host = createWorkerHost(
      (m) =>
        setTimeout(
          () => !this.terminated && !this.frozen && this.emit('message', { data: structuredClone(m) }),
        ),
      { engine: fakeEngine(), batchSize },
    )
  }
  postMessage(message: ClientMessage): void {
    this.received.push(message)
    if (!this.frozen && !this.terminated) this.host.handle(structuredClone(message))
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

/** A worker that streams a batch every 10 ms during a run and answers a check only after 160 ms. */
class ChattyWorker implements WorkerLike {
  terminated = false
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly listeners: ((event: { data: WorkerMessage }) => void)[] = []
  constructor() {
    setTimeout(() => this.emit({ type: 'ready', version: PROTOCOL_VERSION }), 0)
  }
  postMessage(m: ClientMessage): void {
    if (m.type === 'run') {
      let total = 0
      this.timer = setInterval(() => {
        total += 100
        this.emit({ type: 'batch', runId: m.runId, records: null, progress: { total, previewed: 0 } })
      }, 10)
    }
    if (m.type === 'check') {
      const requestId = m.requestId
      setTimeout(
        () =>
          this.emit({
            type: 'checked',
            requestId,
            diagnostics: [],
            outline: { timezone: 'UTC', seed: 0, events: [] },
          }),
        160,
      )
    }
  }
  stop(): void {
    clearInterval(this.timer)
  }
  terminate(): void {
    this.terminated = true
    this.stop()
  }
  addEventListener(type: string, listener: (event: any) => void): void {
    if (type === 'message') this.listeners.push(listener)
  }
  private emit(data: WorkerMessage): void {
    if (!this.terminated) for (const l of this.listeners) l({ data })
  }
}

function recorder() {
  const log: string[] = []
  const records = new RecordWindow(1_000_000)
  let resolveDone: (v: unknown) => void = () => {}
  const finished = new Promise((r) => (resolveDone = r))
  const handlers: RunHandlers = {
    onBatch: (batch) => {
      if (batch) records.append(batch)
      log.push('batch')
    },
    onDone: (summary) => {
      log.push(`done:${summary.total}`)
      resolveDone(summary)
    },
    onError: (message, code) => {
      log.push(`error:${code ? `${code}:` : ''}${message}`)
      resolveDone(message)
    },
  }
  return { log, records, handlers, finished }
}

/** A worker factory that keeps every worker it made, newest last. */
function spawner(workers: FakeWorker[]): () => FakeWorker {
  return () => {
    const worker = new FakeWorker()
    workers.push(worker)
    return worker
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let client: EngineClient | undefined
afterEach(() => client?.dispose())

describe('createEngineClient', () => {
  it('checks and runs through a worker', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({ createWorker: spawner(workers) })
    const checked = await client.check('x: 1\noops: 2', { file: 'a.yaml' })
    expect(checked.diagnostics[0]).toMatchObject({ code: 'story/unknown-key', start: { line: 2, column: 1 } })
    const r = recorder()
    client.run({ text: 'count: 120', previewCap: 100 }, r.handlers)
    await r.finished
    expect(r.records).toHaveLength(100)
    expect(r.log.at(-1)).toBe('done:120')
    expect(client.mode).toBe('worker')
    expect(workers).toHaveLength(1)
  })

  it('answers provenance requests (null when the run kept none)', async () => {
    client = createEngineClient({ createWorker: () => new FakeWorker() })
    const r = recorder()
    const id = client.run({ text: 'count: 3', previewCap: 10 }, r.handlers)
    await r.finished
    await expect(client.provenance(id, 0, 1)).resolves.toBeNull()
  })

  it('never calls the handlers of a cancelled run', async () => {
    client = createEngineClient({ createWorker: () => new FakeWorker(10) })
    const r = recorder()
    const id = client.run({ text: 'count: 100000', previewCap: 1000 }, r.handlers)
    await sleep(5)
    client.cancel(id)
    const seen = r.log.length
    await sleep(50)
    expect(r.log.length).toBe(seen)
    expect(r.log.some((l) => l.startsWith('done'))).toBe(false)
  })

  it('drops the results of a run superseded by a new one', async () => {
    client = createEngineClient({ createWorker: () => new FakeWorker(10) })
    const first = recorder()
    const second = recorder()
    client.run({ text: 'count: 100000', previewCap: 1000 }, first.handlers)
    client.run({ text: 'count: 7', previewCap: 1000 }, second.handlers)
    await second.finished
    expect(first.log).toEqual([])
    expect(Array.from({ length: second.records.length }, (_, i) => second.records.index(i))).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ])
  })

  it('terminates a worker that does not answer a cancel in time and resends pending requests', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({
      createWorker: spawner(workers),
      cancelTimeoutMs: 30,
    })
    const r = recorder()
    const id = client.run({ text: 'count: 10', previewCap: 10 }, r.handlers)
    workers[0].frozen = true // busy in a long synchronous step: it hears nothing
    client.cancel(id)
    const check = client.check('oops')
    await sleep(60)
    expect(workers[0].terminated).toBe(true)
    expect(workers).toHaveLength(2)
    await expect(check).resolves.toMatchObject({ diagnostics: [{ code: 'story/unknown-key' }] })
    expect(r.log.filter((l) => l.startsWith('done'))).toEqual([])
  })

  it('reports a crash to the run and to crash listeners, and recovers on a new worker', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({ createWorker: spawner(workers) })
    const crashes: string[] = []
    client.onCrash((m) => crashes.push(m))
    const r = recorder()
    client.run({ text: 'count: 100000', previewCap: 10 }, r.handlers)
    workers[0].emit('error', { message: 'out of memory', preventDefault() {} })
    await r.finished
    expect(r.log.at(-1)).toBe('error:The engine worker crashed: out of memory.')
    expect(crashes).toHaveLength(1)
    await expect(client.check('fine')).resolves.toMatchObject({ diagnostics: [] })
    expect(workers).toHaveLength(2)
  })

  it('treats a worker that goes silent during a run as dead', async () => {
    const silent = new FakeWorker()
    silent.frozen = true
    client = createEngineClient({ createWorker: () => silent, stallTimeoutMs: 40 })
    const r = recorder()
    client.run({ text: 'count: 5', previewCap: 10 }, r.handlers)
    await r.finished
    expect(r.log.at(-1)).toMatch(/^error:limit\/budget:The run sent nothing for 0 s/)
    expect(silent.terminated).toBe(true)
  })

  it('stops a check past its budget, replaces the worker and reports limit/budget', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({ createWorker: spawner(workers), checkBudgetMs: 40 })
    await client.check('warm up')
    workers[0].frozen = true // the checker is busy forever
    const stuck = client.check('hostile')
    await expect(stuck).rejects.toBeInstanceOf(BudgetExceededError)
    await expect(stuck).rejects.toMatchObject({ code: 'limit/budget', kind: 'check' })
    expect(workers[0].terminated).toBe(true)
    // The next check goes to a fresh worker and is answered.
    await expect(client.check('oops')).resolves.toMatchObject({
      diagnostics: [{ code: 'story/unknown-key' }],
    })
    expect(workers).toHaveLength(2)
  })

  it('lets a check wait behind a run that streams batches (the worker is alive, not stuck)', async () => {
    const worker = new ChattyWorker()
    client = createEngineClient({ createWorker: () => worker, checkBudgetMs: 40 })
    const r = recorder()
    client.run({ text: 'count: 1', previewCap: 10 }, r.handlers)
    // Answered after 4 budgets, while batches keep coming: no stop.
    await expect(client.check('slow')).resolves.toMatchObject({ diagnostics: [] })
    expect(worker.terminated).toBe(false)
    worker.stop()
  })

  it('resends the other checks of a worker stopped by the budget', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({ createWorker: spawner(workers), checkBudgetMs: 60 })
    await client.check('warm up') // the worker has said ready: its silence counts from now on
    const first = client.check('hostile')
    workers[0].frozen = true
    await sleep(30)
    const second = client.check('oops')
    await expect(first).rejects.toMatchObject({ code: 'limit/budget' })
    await expect(second).resolves.toMatchObject({ diagnostics: [{ code: 'story/unknown-key' }] })
  })

  it('refuses texts over the size budget without a worker', async () => {
    const workers: FakeWorker[] = []
    client = createEngineClient({ createWorker: spawner(workers), maxTextChars: 10 })
    await expect(client.check('count: 1234567890')).rejects.toMatchObject({
      code: 'limit/budget',
      kind: 'size',
    })
    const r = recorder()
    client.run({ text: 'count: 1234567890', previewCap: 10 }, r.handlers)
    await r.finished
    expect(r.log).toEqual([expect.stringMatching(/^error:limit\/budget:This story is longer than/)])
    expect(workers).toHaveLength(0)
  })

  it('passes fromLink through to the loader (include in a link is an error)', async () => {
    client = createEngineClient({ createWorker: () => new FakeWorker() })
    const text = 'include: [x.yaml]'
    await expect(client.check(text)).resolves.toMatchObject({ diagnostics: [] })
    await expect(client.check(text, { fromLink: true })).resolves.toMatchObject({
      diagnostics: [{ code: 'story/include-in-link', start: { line: 1, column: 1 } }],
    })
  })

  it('runs the host on the main thread when workers are unavailable', async () => {
    client = createEngineClient({
      createWorker: () => {
        throw new Error('Worker is not defined')
      },
      loadLocalHost: async () => (post) => createWorkerHost(post, { engine: fakeEngine() }),
    })
    const r = recorder()
    client.run({ text: 'count: 3', previewCap: 10 }, r.handlers)
    await r.finished
    expect(client.mode).toBe('main-thread')
    expect(r.log.at(-1)).toBe('done:3')
    await expect(client.check('oops')).resolves.toMatchObject({
      diagnostics: [{ start: { line: 1, column: 1 } }],
    })
  })

  it('rejects requests after dispose', async () => {
    const local = createEngineClient({ createWorker: () => new FakeWorker() })
    local.dispose()
    await expect(local.check('x')).rejects.toThrow(/disposed/)
  })
})

// The protocol's messages are plain data: a WorkerMessage literal type-checks without casts.
const _sample: WorkerMessage = { type: 'ready', version: 1 }
void _sample
