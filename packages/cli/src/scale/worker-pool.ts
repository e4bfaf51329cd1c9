import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'
import { BlockOrder, type ShardRunEnd } from '../engine.ts'
import { returnBuffer } from './chunk-recycling.ts'
import { tuneGcForParallelParts } from './gc-policy.ts'
import { LocalPart } from './local-part.ts'
import { sourceWorkerBundle } from './source-worker-bundle.ts'
import { HEAD_START_BLOCKS, WORKER_CREDITS, type WorkerMessage, type WorkerTask } from './worker-protocol.ts'

/** One chunk of the merged output: bytes in run order and how many events they hold. */
export interface MergedChunk {
  bytes: Uint8Array
  events: number
  /**
   * Call once the bytes are written and no longer needed: their buffer goes back to its worker
   * for a later chunk (chunk-recycling.ts), and `bytes` is empty afterwards. Optional: a chunk
   * never released is garbage collected.
   */
  release(): void
}

type TaskBase = Omit<WorkerTask, 'worker' | 'workers' | 'headStart' | 'control' | 'returns'>

/** How the run is cut into blocks and dealt (defaults: SHARD_BLOCK_SIZE and HEAD_START_BLOCKS). */
export interface PoolTuning {
  headStart?: number
  blockSize?: number
}

/** The file a thread starts, and the Node options it starts with when not the process's own. */
interface WorkerEntry {
  url: URL
  execArgv?: string[]
}

/** The thread's entry: the built file next to the published CLI, or the source bundled on first use. */
async function workerEntry(): Promise<WorkerEntry> {
  // The bundle needs none of the loaders a source run's process has (`--import tsx`, the `source`
  // condition): inheriting them would boot tsx again in every thread.
  if (import.meta.url.endsWith('.ts')) return { url: await sourceWorkerBundle(), execArgv: [] }
  return { url: new URL('./scale-worker.js', import.meta.url) }
}

interface Lane {
  /** Set on lane 0 only: the part this thread makes itself. */
  local: LocalPart | null
  /** Null on lane 0, and until the worker's entry is known (from the source: once it is bundled). */
  worker: Worker | null
  control: Int32Array
  /** Where written chunks' buffers go back to the worker (the other end is in its task); null until started. */
  returns: MessagePort | null
  queue: WorkerMessage[]
  wake: (() => void) | null
  failed: string | null
  exited: boolean
}

/**
 * N parts generating disjoint blocks of one run, merged back in block order a chunk at a time:
 * part 0 on this thread (local-part.ts), parts 1..N-1 on worker threads. Part 0 makes the first
 * HEAD_START_BLOCKS blocks alone, while the threads start; then the blocks are dealt round-robin
 * (engine blockWorker). Whenever the merger waits for a thread, this thread makes its own next
 * chunk instead. Every part holds at most WORKER_CREDITS chunks ahead, so memory stays flat
 * whatever the run's length.
 */
export class WorkerPool {
  private readonly lanes: Lane[]
  private readonly started: Promise<void>
  private readonly order: BlockOrder
  private readonly own: Lane
  private emitted = 0

  constructor(
    task: TaskBase,
    workers: number,
    /** Stop after this many events (`--limit`): the last chunk is cut where that event ends. */
    private readonly limit = Number.POSITIVE_INFINITY,
    /** Smaller blocks and head start than a real run's (tests: to deal a small story's blocks out). */
    tuning: PoolTuning = {},
  ) {
    const headStart = workers > 1 ? (tuning.headStart ?? HEAD_START_BLOCKS) : 0
    this.order = new BlockOrder(workers, headStart)
    this.lanes = Array.from({ length: workers }, () => this.newLane())
    this.own = this.lanes[0]
    if (tuning.blockSize !== undefined) task = { ...task, blockSize: tuning.blockSize }
    this.own.local = new LocalPart({ ...task, worker: 0, workers, headStart })
    if (workers === 1) {
      this.started = Promise.resolve()
      return
    }
    tuneGcForParallelParts()
    this.started = workerEntry().then(
      (entry) => {
        for (const [worker, lane] of this.lanes.entries())
          if (worker > 0) this.attach(lane, entry, { ...task, worker, workers, headStart })
      },
      (e) => {
        for (const lane of this.lanes) {
          lane.failed = `could not start the worker threads: ${String((e as Error)?.message ?? e)}`
          lane.wake?.()
        }
      },
    )
  }

  /** The next chunk in run order, or undefined when the run (or the limit) is over. */
  async next(): Promise<MergedChunk | undefined> {
    // The threads are created first: this thread's own part would otherwise hold up their start.
    await this.started
    while (this.emitted < this.limit) {
      const lane = this.lanes[this.order.lane]
      const head = await this.peek(lane)
      if (head.type === 'error') throw new Error(`a --workers thread failed: ${head.message}`)
      // The engine's BlockOrder (shared with the studio's export pool) says which chunk comes next.
      const step = this.order.step(head.type === 'chunk' ? head.ordinal : 'done', () =>
        this.lanes.every((l) => l.queue[0]?.type === 'done'),
      )
      if (step === 'end') return undefined
      if (step === 'take' && head.type === 'chunk') {
        lane.queue.shift()
        if (!lane.local) {
          Atomics.add(lane.control, 0, 1)
          Atomics.notify(lane.control, 0)
        }
        return this.take(lane, head)
      }
    }
    return undefined
  }

  /** Every worker's end of run (after `next` gave undefined without a limit). */
  ends(): ShardRunEnd[] {
    return this.lanes.map((l) => {
      const m = l.queue[0]
      if (m?.type !== 'done') throw new Error('the workers have not finished')
      return m.end
    })
  }

  /** Stops every worker (at the end, at the limit, on Ctrl-C or a closed reader). */
  async close(): Promise<void> {
    for (const l of this.lanes) {
      Atomics.store(l.control, 1, 1)
      Atomics.notify(l.control, 0)
    }
    await this.started
    await Promise.all(this.lanes.map((l) => (l.exited || !l.worker ? undefined : l.worker.terminate())))
    for (const l of this.lanes) l.returns?.close()
  }

  private take(lane: Lane, m: Extract<WorkerMessage, { type: 'chunk' }>): MergedChunk {
    const local = lane.local
    const returns = lane.returns
    const release = () => (local ? local.giveBack(m.bytes) : returnBuffer(returns!, m.bytes))
    const room = this.limit - this.emitted
    if (m.events <= room) {
      this.emitted += m.events
      return { bytes: m.bytes, events: m.events, release }
    }
    this.emitted = this.limit
    return { bytes: m.bytes.subarray(0, m.ends![room - 1]), events: room, release }
  }

  private async peek(lane: Lane): Promise<WorkerMessage> {
    if (lane.local && lane.queue.length === 0) lane.local.make(lane.queue)
    // Waiting for a thread: make this thread's own next chunk meanwhile, a chunk per turn of the
    // event loop (the thread's message arrives between two), as far as its credits allow.
    while (lane.queue.length === 0 && lane.failed === null && this.makeOwnAhead()) await nextTurn()
    if (lane.queue.length > 0) return lane.queue[0]
    if (lane.failed !== null) return { type: 'error', message: lane.failed }
    return new Promise((resolve) => {
      lane.wake = () => {
        lane.wake = null
        resolve(lane.queue[0] ?? { type: 'error', message: lane.failed ?? 'exited early' })
      }
    })
  }

  /** Adds this thread's next chunk to its queue when it has room; false when it has none or is over. */
  private makeOwnAhead(): boolean {
    const own = this.own
    if (own.local!.finished || own.queue.length >= WORKER_CREDITS) return false
    own.local!.make(own.queue)
    return true
  }

  private newLane(): Lane {
    const control = new Int32Array(new SharedArrayBuffer(8))
    control[0] = WORKER_CREDITS
    return {
      local: null,
      worker: null,
      control,
      returns: null,
      queue: [],
      wake: null,
      failed: null,
      exited: false,
    }
  }

  private attach(lane: Lane, entry: WorkerEntry, task: Omit<WorkerTask, 'control' | 'returns'>): void {
    const { port1, port2 } = new MessageChannel()
    lane.returns = port1
    const worker = new Worker(entry.url, {
      workerData: { ...task, control: lane.control.buffer, returns: port2 },
      transferList: [port2],
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    })
    lane.worker = worker
    worker.on('message', (m: WorkerMessage) => {
      lane.queue.push(m)
      lane.wake?.()
    })
    worker.on('error', (e) => {
      lane.failed = String(e?.stack ?? e)
      lane.wake?.()
    })
    worker.on('exit', () => {
      lane.exited = true
      lane.failed ??=
        lane.queue.at(-1)?.type === 'done' ? null : 'the worker exited before the end of its run'
      lane.wake?.()
    })
  }
}

/** Resolves on the event loop's next turn, after the messages and I/O that are already waiting. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
