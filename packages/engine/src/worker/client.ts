/**
 * The main-thread side of the worker protocol: typed requests, one run at a time, cooperative cancel
 * with a hard stop (a worker that does not answer a cancel in time is terminated and respawned),
 * crash reporting, and a main-thread fallback when module workers are unavailable.
 */
import { createWorkerHost, type Post, type WorkerHost } from './host.ts'
import {
  type ClientMessage,
  type EngineCatalog,
  type ExportFormat,
  type ExportOutcome,
  type ExportProgress,
  type FieldProvenance,
  type FileMap,
  type PackedRecords,
  type PlainSummary,
  type PositionedDiagnostic,
  PROTOCOL_VERSION,
  type RunProgress,
  type StoryOutline,
  type WorkerMessage,
} from './protocol.ts'

/** What the client needs of a Worker (a real `Worker`, or a test double). */
export interface WorkerLike {
  postMessage(message: ClientMessage): void
  terminate(): void
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void
}

/** How the client starts its engine. */
export interface EngineClientOptions {
  /** Makes the module worker. When missing or when it throws, the host runs on the main thread. */
  createWorker?: () => WorkerLike
  /** Loads a main-thread host (a dynamic import, so the engine stays out of the main bundle until needed). */
  loadLocalHost?: () => Promise<(post: Post) => WorkerHost>
  /** A worker that has not answered a cancel after this long is terminated (default 500 ms). */
  cancelTimeoutMs?: number
  /** A worker that sends nothing for this long during a run is treated as dead, e.g. out of memory (default 20 s). */
  stallTimeoutMs?: number
}

/** The result of a static check. */
export interface CheckResult {
  diagnostics: PositionedDiagnostic[]
  outline: StoryOutline
}

/** What a run asks for. */
export interface RunRequest {
  text: string
  file?: string
  files?: FileMap
  seed?: number
  limit?: number
  previewCap: number
  provenance?: boolean
}

/** Callbacks of one run; none is called after the run was cancelled. */
export interface RunHandlers {
  /** `records` is null once the preview cap is reached (progress only). */
  onBatch(records: PackedRecords | null, progress: RunProgress): void
  onDone(summary: PlainSummary, diagnostics: PositionedDiagnostic[]): void
  onError(message: string): void
}

/** What an export asks for: the whole run of a story, serialized like `autosource generate`. */
export interface ExportRequest {
  text: string
  file?: string
  files?: FileMap
  seed?: number
  format: ExportFormat
  /** Refuse an export bigger than this (estimated early, or reached): the worker stops before memory grows. */
  maxBytes?: number
  /** Events of the whole run when already known (a finished preview of the same text and seed). */
  expectedEvents?: number
  /** Characters of text per chunk (default 256 Ki). */
  chunkChars?: number
}

/** How an export ended, with its totals and the run's diagnostics. */
export interface ExportResult {
  outcome: ExportOutcome
  progress: ExportProgress
  summary: PlainSummary | null
  diagnostics: PositionedDiagnostic[]
}

/** Callbacks of one export; none is called after `cancelExport`. */
export interface ExportHandlers {
  /**
   * One chunk of the output (UTF-8), in order. The next chunk waits until the returned promise settles,
   * and the worker pauses when a few chunks wait (flow control). A rejection stops the export (onError).
   */
  onChunk(chunk: Uint8Array, progress: ExportProgress): void | Promise<void>
  /** Called after the last chunk was consumed (or when the export was refused). */
  onDone(result: ExportResult): void
  onError(message: string): void
}

/** The engine, seen from the main thread. */
export interface EngineClient {
  /** Where the engine runs: a module worker, or the main thread (fallback). */
  readonly mode: 'worker' | 'main-thread' | 'not-started'
  describe(): Promise<EngineCatalog>
  check(text: string, options?: { file?: string; files?: FileMap }): Promise<CheckResult>
  /** Per-field provenance of a previewed record of a run started with `provenance: true` (null when unknown). */
  provenance(runId: number, def: number, index: number): Promise<FieldProvenance[] | null>
  /** Starts a run (cancelling the one in flight) and returns its id. */
  run(request: RunRequest, handlers: RunHandlers): number
  /** Stops a run; its handlers are never called again. */
  cancel(runId: number): void
  /** Events a story will make when knowable before running it (undefined: only a run can tell). */
  plan(text: string, options?: { file?: string; files?: FileMap; seed?: number }): Promise<number | undefined>
  /** Starts an export (independent of runs) and returns its id. */
  export(request: ExportRequest, handlers: ExportHandlers): number
  /** Stops an export; its handlers are never called again. */
  cancelExport(exportId: number): void
  /** Called when the engine crashed or stopped responding; returns an unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void
  dispose(): void
}

interface Channel {
  kind: 'worker' | 'main-thread'
  send(message: ClientMessage): void
  terminate(): void
}

interface PendingRequest {
  message: ClientMessage
  resolve(value: unknown): void
  reject(error: Error): void
  retried: boolean
}

interface ActiveRun {
  message: Extract<ClientMessage, { type: 'run' }>
  handlers: RunHandlers
  started: boolean
}

interface ActiveExport {
  message: Extract<ClientMessage, { type: 'export' }>
  handlers: ExportHandlers
  started: boolean
  /** Chunks received and not yet consumed by `onChunk`. */
  waiting: number
  /** Chunks are consumed one after the other. */
  queue: Promise<void>
  channel: Channel | undefined
}

/** Creates the engine client. The worker starts lazily, on the first request. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const cancelTimeoutMs = options.cancelTimeoutMs ?? 500
  const stallTimeoutMs = options.stallTimeoutMs ?? 20_000
  const loadLocalHost = options.loadLocalHost ?? defaultLocalHost
  let channel: Channel | undefined
  let nextId = 1
  const requests = new Map<number, PendingRequest>()
  const runs = new Map<number, ActiveRun>()
  const exports = new Map<number, ActiveExport>()
  const cancelTimers = new Map<number, ReturnType<typeof setTimeout>>()
  const crashListeners = new Set<(message: string) => void>()
  let stallTimer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  function ensureChannel(): Channel {
    if (!channel) channel = open()
    return channel
  }

  function open(): Channel {
    if (options.createWorker) {
      try {
        return workerChannel(options.createWorker())
      } catch {
        // Some embedders forbid workers (CSP, old engines): the same host runs on the main thread instead.
      }
    }
    return localChannel()
  }

  function workerChannel(worker: WorkerLike): Channel {
    const ch: Channel = {
      kind: 'worker',
      send: (m) => worker.postMessage(m),
      terminate: () => worker.terminate(),
    }
    worker.addEventListener('message', (event) => {
      if (channel === ch) receive(event.data)
    })
    worker.addEventListener('error', (event) => {
      event.preventDefault?.()
      const detail = (event as ErrorEvent).message
      if (channel === ch) crashed(`The engine worker crashed${detail ? `: ${detail}` : ''}.`)
    })
    worker.addEventListener('messageerror', () => {
      if (channel === ch) crashed('The engine worker sent a message that could not be read.')
    })
    return ch
  }

  function localChannel(): Channel {
    let host: WorkerHost | undefined
    let closed = false
    const queue: ClientMessage[] = []
    const ch: Channel = {
      kind: 'main-thread',
      send: (m) => (host ? host.handle(m) : queue.push(m)),
      terminate: () => {
        closed = true
        // The host cannot be killed on the main thread; cancelling its runs stops it at the next batch.
        for (const id of runs.keys()) host?.handle({ type: 'cancel', runId: id })
        for (const id of exports.keys()) host?.handle({ type: 'cancel-export', exportId: id })
      },
    }
    loadLocalHost().then(
      (make) => {
        // Delivered on a later microtask so the client never re-enters itself from inside a send.
        host = make((m) => queueMicrotask(() => !closed && channel === ch && receive(m)))
        for (const m of queue.splice(0)) host.handle(m)
      },
      (e) => channel === ch && crashed(`The engine could not be loaded: ${String(e)}`),
    )
    return ch
  }

  function send(message: ClientMessage): void {
    ensureChannel().send(message)
  }

  function armStallTimer(): void {
    if (stallTimer) clearTimeout(stallTimer)
    stallTimer = undefined
    // An export whose chunks wait on a slow sink is quiet because of us, not because the worker died.
    const exportOwesUs = [...exports.values()].some((e) => e.waiting === 0)
    if ((runs.size === 0 && !exportOwesUs) || channel?.kind !== 'worker') return
    stallTimer = setTimeout(
      () => crashed('The engine stopped responding (it may have run out of memory). Your story is safe.'),
      stallTimeoutMs,
    )
  }

  function receive(m: WorkerMessage): void {
    armStallTimer()
    switch (m.type) {
      case 'ready':
        if (m.version !== PROTOCOL_VERSION) {
          crashed(
            `The engine worker speaks protocol v${m.version}, the page v${PROTOCOL_VERSION}: reload the page.`,
          )
        }
        return
      case 'described':
      case 'checked':
      case 'provenance':
      case 'planned': {
        const pending = requests.get(m.requestId)
        if (!pending) return
        requests.delete(m.requestId)
        if (m.type === 'described') pending.resolve(m.catalog)
        else if (m.type === 'provenance') pending.resolve(m.fields)
        else if (m.type === 'planned') pending.resolve(m.events)
        else pending.resolve({ diagnostics: m.diagnostics, outline: m.outline })
        return
      }
      case 'export-chunk': {
        const job = exports.get(m.exportId)
        if (!job) return
        job.started = true
        job.waiting++
        job.queue = job.queue.then(async () => {
          if (exports.get(m.exportId) !== job) return
          try {
            await job.handlers.onChunk(m.chunk, m.progress)
          } catch (e) {
            if (exports.get(m.exportId) !== job) return
            cancelExport(m.exportId)
            job.handlers.onError(
              `The file could not be written: ${e instanceof Error ? e.message : String(e)}`,
            )
            return
          }
          job.waiting--
          if (exports.get(m.exportId) !== job || channel !== job.channel) return
          channel?.send({ type: 'export-ack', exportId: m.exportId, count: 1 })
          armStallTimer()
        })
        return
      }
      case 'export-done': {
        const job = exports.get(m.exportId)
        if (!job) return
        job.queue = job.queue.then(() => {
          if (exports.get(m.exportId) !== job) return
          exports.delete(m.exportId)
          armStallTimer()
          job.handlers.onDone({
            outcome: m.outcome,
            progress: m.progress,
            summary: m.summary,
            diagnostics: m.diagnostics,
          })
        })
        return
      }
      case 'batch': {
        const run = runs.get(m.runId)
        if (!run) return
        run.started = true
        run.handlers.onBatch(m.records, m.progress)
        return
      }
      case 'done': {
        const timer = cancelTimers.get(m.runId)
        if (timer) {
          clearTimeout(timer)
          cancelTimers.delete(m.runId)
        }
        const run = runs.get(m.runId)
        if (!run || m.cancelled) return
        runs.delete(m.runId)
        armStallTimer()
        run.handlers.onDone(m.summary, m.diagnostics)
        return
      }
      case 'error': {
        if (m.requestId !== undefined) {
          const pending = requests.get(m.requestId)
          requests.delete(m.requestId)
          pending?.reject(new Error(m.message))
        }
        if (m.runId !== undefined) {
          const run = runs.get(m.runId)
          runs.delete(m.runId)
          armStallTimer()
          run?.handlers.onError(m.message)
        }
        if (m.exportId !== undefined) {
          const job = exports.get(m.exportId)
          exports.delete(m.exportId)
          armStallTimer()
          job?.handlers.onError(m.message)
        }
        return
      }
    }
  }

  /** Replaces the worker; requests in flight are sent again to the new one. */
  function respawn(): void {
    const old = channel
    channel = undefined
    old?.terminate()
    for (const timer of cancelTimers.values()) clearTimeout(timer)
    cancelTimers.clear()
    for (const pending of requests.values()) send(pending.message)
    for (const [id, run] of runs) {
      if (run.started) {
        runs.delete(id)
        run.handlers.onError('The engine was restarted while this run was going on.')
      } else {
        send(run.message)
      }
    }
    for (const [id, job] of exports) {
      if (job.started) {
        exports.delete(id)
        job.handlers.onError('The engine was restarted while this export was going on.')
      } else {
        job.channel = ensureChannel()
        send(job.message)
      }
    }
    armStallTimer()
  }

  function crashed(message: string): void {
    const old = channel
    channel = undefined
    old?.terminate()
    for (const timer of cancelTimers.values()) clearTimeout(timer)
    cancelTimers.clear()
    const failedRuns = [...runs.values()]
    runs.clear()
    const failedExports = [...exports.values()]
    exports.clear()
    armStallTimer()
    for (const run of failedRuns) run.handlers.onError(message)
    for (const job of failedExports) job.handlers.onError(message)
    // A request is retried once on a fresh worker: a crash is more often the run's fault than the check's.
    for (const [id, pending] of requests) {
      if (pending.retried) {
        requests.delete(id)
        pending.reject(new Error(message))
      } else {
        pending.retried = true
        send(pending.message)
      }
    }
    for (const listener of crashListeners) listener(message)
  }

  function request<T>(make: (requestId: number) => ClientMessage): Promise<T> {
    if (disposed) return Promise.reject(new Error('The engine client was disposed.'))
    const requestId = nextId++
    const message = make(requestId)
    return new Promise<T>((resolve, reject) => {
      requests.set(requestId, { message, resolve: resolve as (v: unknown) => void, reject, retried: false })
      send(message)
    })
  }

  function cancel(runId: number): void {
    if (!runs.delete(runId)) return
    armStallTimer()
    if (!channel) return
    channel.send({ type: 'cancel', runId })
    if (channel.kind === 'worker' && !cancelTimers.has(runId)) {
      cancelTimers.set(
        runId,
        setTimeout(() => {
          cancelTimers.delete(runId)
          respawn()
        }, cancelTimeoutMs),
      )
    }
  }

  function cancelExport(exportId: number): void {
    if (!exports.delete(exportId)) return
    armStallTimer()
    // No hard stop: the worker checks for a cancel after every chunk, and the preview run shares it.
    channel?.send({ type: 'cancel-export', exportId })
  }

  return {
    get mode() {
      return channel?.kind ?? 'not-started'
    },
    describe: () => request<EngineCatalog>((requestId) => ({ type: 'describe', requestId })),
    check: (text, opts = {}) =>
      request<CheckResult>((requestId) => ({
        type: 'check',
        requestId,
        text,
        file: opts.file,
        files: opts.files,
      })),
    provenance: (runId, def, index) =>
      request<FieldProvenance[] | null>((requestId) => ({
        type: 'provenance',
        requestId,
        runId,
        def,
        index,
      })),
    run(req, handlers) {
      for (const id of [...runs.keys()]) cancel(id)
      const runId = nextId++
      const message: ActiveRun['message'] = { type: 'run', runId, ...req }
      runs.set(runId, { message, handlers, started: false })
      send(message)
      armStallTimer()
      return runId
    },
    cancel,
    plan: (text, opts = {}) =>
      request<number | undefined>((requestId) => ({
        type: 'plan',
        requestId,
        text,
        file: opts.file,
        files: opts.files,
        seed: opts.seed,
      })),
    export(req, handlers) {
      if (disposed) throw new Error('The engine client was disposed.')
      const exportId = nextId++
      const message: ActiveExport['message'] = { type: 'export', exportId, ...req }
      const channelNow = ensureChannel()
      exports.set(exportId, {
        message,
        handlers,
        started: false,
        waiting: 0,
        queue: Promise.resolve(),
        channel: channelNow,
      })
      channelNow.send(message)
      armStallTimer()
      return exportId
    },
    cancelExport,
    onCrash(listener) {
      crashListeners.add(listener)
      return () => crashListeners.delete(listener)
    },
    dispose() {
      disposed = true
      for (const id of [...runs.keys()]) cancel(id)
      for (const id of [...exports.keys()]) cancelExport(id)
      for (const timer of cancelTimers.values()) clearTimeout(timer)
      if (stallTimer) clearTimeout(stallTimer)
      for (const pending of requests.values()) pending.reject(new Error('The engine client was disposed.'))
      requests.clear()
      channel?.terminate()
      channel = undefined
    },
  }
}

async function defaultLocalHost(): Promise<(post: Post) => WorkerHost> {
  // Only the engine is loaded on demand: it is large, and the worker normally carries it.
  const { realEngineApi } = await import('./engine-api.ts')
  const engine = realEngineApi()
  return (post) => createWorkerHost(post, { engine })
}
