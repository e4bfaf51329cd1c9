/**
 * The main-thread side of the worker protocol: typed requests, one run at a time, cooperative cancel
 * with a hard stop, a watchdog (a check past its budget, or a run or export that goes silent, gets its
 * worker terminated and replaced, and is reported as `limit/budget`), crash reporting, and a
 * main-thread fallback when module workers are unavailable.
 */
import {
  BUDGET_CODE,
  BudgetExceededError,
  type BudgetKind,
  budgetMessage,
  CANCEL_BUDGET_MS,
  CHECK_BUDGET_MS,
  RUN_SILENCE_BUDGET_MS,
  STORY_MAX_CHARS,
} from './budgets.ts'
import {
  type Channel,
  type ChannelEvents,
  defaultLocalHost,
  localChannel,
  origin,
  workerChannel,
} from './client-channel.ts'
import type { ActiveExport, ActiveRun, PendingRequest } from './client-jobs.ts'
import type { CheckResult, EngineClient, EngineClientOptions } from './client-types.ts'
import {
  type ClientMessage,
  type EngineCatalog,
  type FieldProvenance,
  PROTOCOL_VERSION,
  type WorkerMessage,
} from './protocol.ts'

export * from './budgets.ts'
export type * from './client-types.ts'

/** Creates the engine client. The worker starts lazily, on the first request. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const cancelTimeoutMs = options.cancelTimeoutMs ?? CANCEL_BUDGET_MS
  const stallTimeoutMs = options.stallTimeoutMs ?? RUN_SILENCE_BUDGET_MS
  const checkBudgetMs = options.checkBudgetMs ?? CHECK_BUDGET_MS
  const now = () => performance.now()
  // When the current worker last said anything (requests' budgets count its silence).
  let lastHeard = now()
  // The current worker has said `ready` (its engine is loaded).
  let ready = false
  const maxTextChars = options.maxTextChars ?? STORY_MAX_CHARS
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

  const events: ChannelEvents = { receive, crashed }
  // Only the current channel speaks: a replaced worker's late messages are dropped.
  const eventsOf = (ch: Channel): ChannelEvents | null => (channel === ch ? events : null)

  function ensureChannel(): Channel {
    if (!channel) {
      ready = false
      channel = open()
      lastHeard = now()
    }
    return channel
  }

  function open(): Channel {
    if (options.createWorker) {
      try {
        return workerChannel(options.createWorker(), eventsOf)
      } catch {
        // Some embedders forbid workers (CSP, old engines): the same host runs on the main thread instead.
      }
    }
    return localChannel(loadLocalHost, eventsOf, () => ({ runs: runs.keys(), exports: exports.keys() }))
  }

  function send(message: ClientMessage): void {
    ensureChannel().send(message)
  }

  /** Sends a request and arms its watchdog (a main-thread host cannot be stopped, so it has none). */
  function sendRequest(requestId: number, pending: PendingRequest): void {
    send(pending.message)
    if (pending.timer) clearTimeout(pending.timer)
    pending.timer = undefined
    if (channel?.kind !== 'worker') return
    pending.timer = setTimeout(() => watch(requestId), checkBudgetMs)
  }

  /**
   * A request's budget is the worker's silence: while a run streams batches, a check queued behind them
   * waits its turn (the worker is alive); a worker that has said nothing for the whole budget is stuck.
   */
  function watch(requestId: number): void {
    const pending = requests.get(requestId)
    if (!pending) return
    // A worker still loading the engine (a cold start on a busy machine) has not begun to work on it.
    const quiet = ready ? now() - lastHeard : 0
    if (quiet >= checkBudgetMs) overBudget(requestId)
    else pending.timer = setTimeout(() => watch(requestId), checkBudgetMs - quiet)
  }

  function settle(requestId: number): PendingRequest | undefined {
    const pending = requests.get(requestId)
    if (!pending) return undefined
    requests.delete(requestId)
    if (pending.timer) clearTimeout(pending.timer)
    return pending
  }

  /** A request passed its budget: its worker is replaced (other work is sent again) and it fails. */
  function overBudget(requestId: number): void {
    const pending = settle(requestId)
    if (!pending) return
    respawn()
    pending.reject(new BudgetExceededError('check', budgetMessage('check', checkBudgetMs)))
  }

  function armStallTimer(): void {
    if (stallTimer) clearTimeout(stallTimer)
    stallTimer = undefined
    // An export whose chunks wait on a slow sink is quiet because of us, not because the worker died.
    const exportOwesUs = [...exports.values()].some((e) => e.waiting === 0)
    if ((runs.size === 0 && !exportOwesUs) || channel?.kind !== 'worker') return
    stallTimer = setTimeout(silent, stallTimeoutMs)
  }

  /** A run or export went silent past its budget: stop the worker, fail that work as `limit/budget`. */
  function silent(): void {
    stallTimer = undefined
    const failedRuns = [...runs.values()]
    runs.clear()
    const failedExports = [...exports.values()]
    exports.clear()
    respawn()
    for (const run of failedRuns) run.handlers.onError(budgetMessage('run', stallTimeoutMs), BUDGET_CODE)
    for (const job of failedExports)
      job.handlers.onError(budgetMessage('export', stallTimeoutMs), BUDGET_CODE)
  }

  function receive(m: WorkerMessage): void {
    lastHeard = now()
    armStallTimer()
    switch (m.type) {
      case 'ready':
        ready = true
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
        const pending = settle(m.requestId)
        if (!pending) return
        if (m.type === 'described') pending.resolve(m.catalog)
        else if (m.type === 'provenance') pending.resolve(m.fields)
        else if (m.type === 'planned') pending.resolve(m.events)
        else pending.resolve({ diagnostics: m.diagnostics, outline: m.outline } satisfies CheckResult)
        return
      }
      case 'export-chunk':
        exportChunk(m)
        return
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
        run.handlers.onBatch(m.records, m.progress, m.curves)
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
        if (m.requestId !== undefined) settle(m.requestId)?.reject(new Error(m.message))
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

  function exportChunk(m: Extract<WorkerMessage, { type: 'export-chunk' }>): void {
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
        job.handlers.onError(`The file could not be written: ${e instanceof Error ? e.message : String(e)}`)
        return
      }
      job.waiting--
      if (exports.get(m.exportId) !== job || channel !== job.channel) return
      channel?.send({ type: 'export-ack', exportId: m.exportId, count: 1 })
      armStallTimer()
    })
  }

  /** Replaces the worker; requests in flight are sent again to the new one. */
  function respawn(): void {
    const old = channel
    channel = undefined
    old?.terminate()
    for (const timer of cancelTimers.values()) clearTimeout(timer)
    cancelTimers.clear()
    for (const [id, pending] of requests) sendRequest(id, pending)
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
        settle(id)?.reject(new Error(message))
      } else {
        pending.retried = true
        sendRequest(id, pending)
      }
    }
    for (const listener of crashListeners) listener(message)
  }

  /** A text over the size budget never reaches the worker. */
  function tooLong(text: string): boolean {
    return text.length > maxTextChars
  }

  function request<T>(make: (requestId: number) => PendingRequest['message']): Promise<T> {
    if (disposed) return Promise.reject(new Error('The engine client was disposed.'))
    const requestId = nextId++
    const message = make(requestId)
    if ('text' in message && tooLong(message.text)) {
      return Promise.reject(new BudgetExceededError('size', budgetMessage('size')))
    }
    return new Promise<T>((resolve, reject) => {
      const pending: PendingRequest = {
        message,
        resolve: resolve as (v: unknown) => void,
        reject,
        retried: false,
      }
      requests.set(requestId, pending)
      sendRequest(requestId, pending)
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

  /** Fails work refused before it reached the worker, on a later task (handlers never run inside the call). */
  function refuse(kind: BudgetKind, fail: (message: string, code: string) => void): void {
    setTimeout(() => fail(budgetMessage(kind), BUDGET_CODE), 0)
  }

  return {
    get mode() {
      return channel?.kind ?? 'not-started'
    },
    describe: () => request<EngineCatalog>((requestId) => ({ type: 'describe', requestId })),
    check: (text, opts = {}) =>
      request<CheckResult>((requestId) => ({ type: 'check', requestId, text, ...origin(opts) })),
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
      if (tooLong(req.text)) {
        refuse('size', (message, code) => handlers.onError(message, code))
        return runId
      }
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
        seed: opts.seed,
        ...origin(opts),
      })),
    export(req, handlers) {
      if (disposed) throw new Error('The engine client was disposed.')
      const exportId = nextId++
      if (tooLong(req.text)) {
        refuse('size', (message, code) => handlers.onError(message, code))
        return exportId
      }
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
      for (const id of [...requests.keys()]) settle(id)?.reject(new Error('The engine client was disposed.'))
      channel?.terminate()
      channel = undefined
    },
  }
}
