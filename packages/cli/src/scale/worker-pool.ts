import type { MessagePort, Worker } from 'node:worker_threads'
import { BlockOrder, type ShardRunEnd } from '../engine.ts'
import { returnBuffer } from './chunk-recycling.ts'
import { tuneGcForParallelParts } from './gc-policy.ts'
import { LocalPart } from './local-part.ts'
import { takePrestarted } from './prestart.ts'
import { giveTask, type StartedThread, startThread, threadReady } from './thread-start.ts'
import {
  HEAD_START_BLOCKS,
  READY_HEAD_START_BLOCKS,
  WORKER_CREDITS,
  type WorkerMessage,
  type WorkerTask,
} from './worker-protocol.ts'

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

type TaskBase = Omit<WorkerTask, 'worker' | 'workers' | 'headStart'>

/** How the run is cut into blocks and dealt (defaults: SHARD_BLOCK_SIZE and HEAD_START_BLOCKS). */
export interface PoolTuning {
  headStart?: number
  blockSize?: number
}

interface Lane {
  /** Null on lane 0, and until the worker's entry is known (from the source: once it is bundled). */
  worker: Worker | null
  /** [credits, stop, ready], shared with the worker (thread-start.ts); unused on lane 0. */
  control: Int32Array
  /** Where written chunks' buffers go back to the worker; null on lane 0. */
  returns: MessagePort | null
  queue: WorkerMessage[]
  wake: (() => void) | null
  failed: string | null
  exited: boolean
}

/**
 * N parts generating disjoint blocks of one run, merged back in block order a chunk at a time:
 * part 0 on this thread (local-part.ts), parts 1..N-1 on worker threads. Part 0 makes the first
 * blocks alone while the threads load the engine and compile the story (HEAD_START_BLOCKS, or
 * READY_HEAD_START_BLOCKS when the CLI started them early and they are loaded: prestart.ts); then
 * the blocks are dealt round-robin (engine blockWorker). Whenever the merger waits for a thread,
 * this thread makes its own next chunk instead. Every part holds at most WORKER_CREDITS chunks
 * ahead, so memory stays flat whatever the run's length.
 */
export class WorkerPool {
  private readonly lanes: Lane[]
  private readonly started: Promise<void>
  private readonly order: BlockOrder
  /** Lane 0: the part this thread makes itself (`local`). */
  private readonly own: Lane
  private readonly local: LocalPart
  private emitted = 0

  constructor(
    task: TaskBase,
    workers: number,
    /** Stop after this many events (`--limit`): the last chunk is cut where that event ends. */
    private readonly limit = Number.POSITIVE_INFINITY,
    /** Smaller blocks and head start than a real run's (tests: to deal a small story's blocks out). */
    tuning: PoolTuning = {},
  ) {
    const threads = takePrestarted(workers - 1)
    while (threads.length < workers - 1) threads.push(startThread())
    const ready = threads.every(threadReady) ? READY_HEAD_START_BLOCKS : HEAD_START_BLOCKS
    const headStart = workers > 1 ? (tuning.headStart ?? ready) : 0
    this.order = new BlockOrder(workers, headStart)
    this.own = newLane(null)
    this.lanes = [this.own, ...threads.map(newLane)]
    if (tuning.blockSize !== undefined) task = { ...task, blockSize: tuning.blockSize }
    this.local = new LocalPart({ ...task, worker: 0, workers, headStart })
    if (workers > 1) tuneGcForParallelParts()
    this.started = Promise.all(
      threads.map((thread, i) => {
        const lane = this.lanes[i + 1]
        return thread.worker.then(
          (w) => this.attach(lane, w, { ...task, worker: i + 1, workers, headStart }),
          (e) => this.fail(lane, `could not start a worker thread: ${String((e as Error)?.message ?? e)}`),
        )
      }),
    ).then(() => undefined)
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
        if (lane !== this.own) {
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
    const returns = lane.returns
    const local = this.local
    const release = () => (returns ? returnBuffer(returns, m.bytes) : local.giveBack(m.bytes))
    const room = this.limit - this.emitted
    if (m.events <= room) {
      this.emitted += m.events
      return { bytes: m.bytes, events: m.events, release }
    }
    this.emitted = this.limit
    return { bytes: m.bytes.subarray(0, m.ends![room - 1]), events: room, release }
  }

  private async peek(lane: Lane): Promise<WorkerMessage> {
    if (lane === this.own && lane.queue.length === 0) this.local.make(lane.queue)
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
    if (this.local.finished || this.own.queue.length >= WORKER_CREDITS) return false
    this.local.make(this.own.queue)
    return true
  }

  private attach(lane: Lane, worker: Worker, task: WorkerTask): void {
    lane.worker = worker
    worker.on('message', (m: WorkerMessage) => {
      lane.queue.push(m)
      lane.wake?.()
    })
    worker.on('error', (e) => this.fail(lane, String(e?.stack ?? e)))
    worker.on('exit', () => {
      lane.exited = true
      if (lane.queue.at(-1)?.type !== 'done') this.fail(lane, 'the worker exited before the end of its run')
    })
    // A thread started early may have died while this thread loaded the CLI: its exit is past.
    if (worker.threadId < 0) {
      lane.exited = true
      this.fail(lane, 'the worker thread exited before it was given its part')
      return
    }
    giveTask(worker, task)
  }

  private fail(lane: Lane, why: string): void {
    lane.failed ??= why
    lane.wake?.()
  }
}

/** A lane for a worker thread (or, with null, for this thread's own part). */
function newLane(thread: StartedThread | null): Lane {
  return {
    worker: null,
    control: thread?.control ?? new Int32Array(3),
    returns: thread?.returns ?? null,
    queue: [],
    wake: null,
    failed: null,
    exited: false,
  }
}

/** Resolves on the event loop's next turn, after the messages and I/O that are already waiting. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
