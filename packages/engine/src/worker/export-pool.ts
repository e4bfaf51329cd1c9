/**
 * The studio's export on several Web Workers (issue 22): W pool workers each run their part of the
 * whole run (export-pool-host.ts) and the main thread merges their chunks in block order
 * (`BlockOrder`, as the CLI's `--workers` pool does) into the same bytes as the single engine
 * worker. A story the CLI keeps on one thread (errors, `faults:`) goes to the single worker, as
 * does a pool of one. Tiny and engine-free: the engine itself runs only in the workers.
 */
import { BlockOrder } from '../generate/block-order.ts'
import type { ShardRunEnd } from '../generate/shard-run.ts'
import type { EngineClient, ExportHandlers, ExportRequest } from './client-types.ts'
import type { PoolReply, PoolRequest } from './export-pool-protocol.ts'
import { EXPORT_CHUNK_CHARS } from './host.ts'
import type { ExportProgress } from './protocol.ts'

/** What the pool needs of a Worker (a real `Worker` running export-pool-entry.ts, or a test double). */
export interface PoolWorkerLike {
  postMessage(message: PoolRequest): void
  terminate(): void
  addEventListener(type: 'message', listener: (event: MessageEvent<PoolReply>) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void
}

/** How the pool starts its workers and where single-thread exports go. */
export interface ExportPoolOptions {
  /** Makes pool worker `index` (0-based). */
  createWorker: (index: number) => PoolWorkerLike
  /** Workers for the next export (read at every export, so a setting applies at once); below 2, `single` exports. */
  workers: () => number
  /** The single-worker export (the engine client). */
  single: Pick<EngineClient, 'export' | 'cancelExport'>
  /** Candidates per block (tests only; the default is the CLI's SHARD_BLOCK_SIZE). */
  blockSize?: number
}

/** An export entry point with the engine client's shape (the export dialog uses either). */
export type Exporter = Pick<EngineClient, 'export' | 'cancelExport'>

interface Lane {
  worker: PoolWorkerLike
  queue: PoolReply[]
  /** The worker's first answer (ready or single) and, on worker 0, its `finished`. */
  first: PoolReply | null
  finished: Extract<PoolReply, { type: 'finished' }> | null
  failed: string | null
  wake: (() => void) | null
}

interface Job {
  cancelled: boolean
  lanes: Lane[]
  /** Set when the export went to the single worker: its id there. */
  singleId: number | null
}

/** Creates the pool; each export starts its own workers and ends them when it ends. */
export function createExportPool(options: ExportPoolOptions): Exporter {
  const jobs = new Map<number, Job>()
  // Negative, so a pool export's id never equals one the single worker gave (those count up from 1).
  let nextId = -1

  function startLane(index: number): Lane {
    const worker = options.createWorker(index)
    const lane: Lane = { worker, queue: [], first: null, finished: null, failed: null, wake: null }
    const wake = () => {
      const w = lane.wake
      lane.wake = null
      w?.()
    }
    worker.addEventListener('message', (event) => {
      const m = event.data
      if (m.type === 'ready' || m.type === 'single') lane.first = m
      else if (m.type === 'finished') lane.finished = m
      else if (m.type === 'error') lane.failed = m.message
      else lane.queue.push(m)
      wake()
    })
    const onError = (event: Event) => {
      lane.failed = (event as ErrorEvent).message || 'an export worker failed to start or crashed'
      // A failing worker script must not also surface as an uncaught error of the page.
      event.preventDefault?.()
      wake()
    }
    worker.addEventListener('error', onError)
    worker.addEventListener('messageerror', onError)
    return lane
  }

  /** Resolves when `ready()` holds or the lane failed (then throws) or the job was cancelled. */
  async function until(job: Job, lane: Lane, ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (lane.failed !== null) throw new Error(lane.failed)
      if (job.cancelled) return
      await new Promise<void>((resolve) => (lane.wake = resolve))
    }
  }

  function end(job: Job): void {
    for (const lane of job.lanes) lane.worker.terminate()
    job.lanes = []
  }

  /** Hands the export to the single worker; the job stays to map a cancel to it. */
  function delegate(id: number, job: Job, req: ExportRequest, handlers: ExportHandlers): void {
    const forget = () => jobs.get(id) === job && jobs.delete(id)
    job.singleId = options.single.export(req, {
      onChunk: handlers.onChunk,
      onDone(result) {
        forget()
        handlers.onDone(result)
      },
      onError(message, code) {
        forget()
        handlers.onError(message, code)
      },
    })
  }

  async function run(id: number, job: Job, req: ExportRequest, handlers: ExportHandlers): Promise<void> {
    const workers = job.lanes.length
    const chunkChars = req.chunkChars ?? EXPORT_CHUNK_CHARS
    job.lanes.forEach((lane, worker) => {
      lane.worker.postMessage({
        type: 'start',
        text: req.text,
        file: req.file,
        files: req.files,
        fromLink: req.fromLink,
        seed: req.seed,
        format: req.format,
        noFaults: req.noFaults,
        worker,
        workers,
        chunkChars,
        ...(options.blockSize === undefined ? {} : { blockSize: options.blockSize }),
      })
    })
    const lead = job.lanes[0]
    // A pool worker that cannot start (its script blocked, no memory) fails before its first answer.
    const started = await until(job, lead, () => lead.first !== null).then(
      () => true,
      () => false,
    )
    if (job.cancelled) return
    const first = lead.first
    if (!started || first?.type !== 'ready') {
      // As `--workers`: such a story runs on one thread, with the same bytes.
      end(job)
      delegate(id, job, req, handlers)
      return
    }
    const progress: ExportProgress = { events: 0, bytes: 0 }
    const planned = req.expectedEvents ?? first.planned
    if (planned !== undefined) progress.planned = planned
    const encoder = new TextEncoder()
    let firstEvent = true
    /** Hands one chunk to the sink; false when the export stopped (cancelled or too large). */
    const emit = async (bytes: Uint8Array): Promise<boolean> => {
      progress.bytes += bytes.byteLength
      if (progress.estimatedBytes === undefined && planned !== undefined && progress.events > 0)
        progress.estimatedBytes = Math.round((progress.bytes / progress.events) * planned)
      const max = req.maxBytes
      if (max !== undefined && (progress.bytes > max || (progress.estimatedBytes ?? 0) > max)) {
        end(job)
        jobs.delete(id)
        handlers.onDone({
          outcome:
            progress.estimatedBytes === undefined
              ? { kind: 'too-large', maxBytes: max }
              : { kind: 'too-large', maxBytes: max, estimatedBytes: progress.estimatedBytes },
          progress: { ...progress },
          summary: null,
          diagnostics: [],
        })
        return false
      }
      if (bytes.byteLength > 0) {
        try {
          await handlers.onChunk(bytes, { ...progress })
        } catch (e) {
          throw new Error(`The file could not be written: ${e instanceof Error ? e.message : String(e)}`)
        }
      }
      return !job.cancelled
    }
    if (first.head !== '' && !(await emit(encoder.encode(first.head)))) return
    const order = new BlockOrder(workers)
    const allDone = () => job.lanes.every((l) => l.queue[0]?.type === 'done')
    for (;;) {
      const lane = job.lanes[order.lane]
      await until(job, lane, () => lane.queue.length > 0)
      if (job.cancelled) return
      const head = lane.queue[0]
      const step = order.step(head.type === 'chunk' ? head.ordinal : 'done', allDone)
      if (step === 'end') break
      if (step === 'skip' || head.type !== 'chunk') continue
      lane.queue.shift()
      const bytes = firstEvent ? head.bytes.subarray(first.dropFirst) : head.bytes
      firstEvent = false
      progress.events += head.events
      if (!(await emit(bytes))) return
      lane.worker.postMessage({ type: 'ack', count: 1 })
    }
    if (!(await emit(encoder.encode(firstEvent ? first.emptyTail : first.tail)))) return
    // Every lane's head is its `done` here (BlockOrder ended only when all were).
    const ends: ShardRunEnd[] = job.lanes.map((l) => (l.queue[0] as Extract<PoolReply, { type: 'done' }>).end)
    lead.worker.postMessage({ type: 'finish', ends })
    await until(job, lead, () => lead.finished !== null)
    if (job.cancelled) return
    const finished = lead.finished!
    end(job)
    jobs.delete(id)
    handlers.onDone({
      outcome: { kind: 'complete' },
      progress: { ...progress },
      summary: finished.summary,
      diagnostics: finished.diagnostics,
    })
  }

  return {
    export(req, handlers) {
      const workers = Math.floor(options.workers())
      if (!(workers >= 2)) return options.single.export(req, handlers)
      const id = nextId--
      const job: Job = { cancelled: false, lanes: [], singleId: null }
      jobs.set(id, job)
      try {
        for (let i = 0; i < workers; i++) job.lanes.push(startLane(i))
      } catch {
        // No Web Workers here (or not this many): the single worker does the export.
        end(job)
        delegate(id, job, req, handlers)
        return id
      }
      run(id, job, req, handlers).catch((e) => {
        if (job.cancelled || jobs.get(id) !== job) return
        end(job)
        jobs.delete(id)
        handlers.onError(
          e instanceof Error && e.message.startsWith('The file')
            ? e.message
            : `The export failed: ${e instanceof Error ? e.message : String(e)}`,
        )
      })
      return id
    },
    cancelExport(id) {
      const job = jobs.get(id)
      if (!job) return options.single.cancelExport(id)
      jobs.delete(id)
      job.cancelled = true
      if (job.singleId !== null) options.single.cancelExport(job.singleId)
      // Wake every wait so the merge loop sees the cancel and returns (no handler is called).
      for (const lane of job.lanes) lane.wake?.()
      end(job)
    },
  }
}
