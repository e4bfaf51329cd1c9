import { blockWorker } from './shard-selector.ts'

/**
 * The order in which the outputs of W parts of one run (`--workers W`, the studio's export pool)
 * are merged back into the single-thread bytes. Worker w emits the blocks j with
 * blockWorker(j, W, headStart) === w (shard-selector.ts: round-robin after a head start), in
 * order, as chunks tagged with the block's ordinal (a block may take several chunks, and a block
 * a worker owns may hold no event at all). The merger takes each block from the worker that owns
 * it: pure bookkeeping, shared by the CLI's thread pool and the browser's.
 */

/** What to do with the head of the lane `BlockOrder.lane` names. */
export type BlockStep = 'take' | 'skip' | 'end'

/** Walks the blocks of a run in order over W lanes (one per worker); see the module comment. */
export class BlockOrder {
  private ordinal = 0

  constructor(
    private readonly workers: number,
    /** The parts' ShardSpec.headStart: the first blocks all come from worker 0. */
    private readonly headStart = 0,
  ) {
    if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError('BlockOrder: bad worker count')
    if (!Number.isSafeInteger(headStart) || headStart < 0) throw new RangeError('BlockOrder: bad head start')
  }

  /** The lane (worker) whose next chunk is asked for. */
  get lane(): number {
    return blockWorker(this.ordinal, this.workers, this.headStart)
  }

  /**
   * Given the head of `lane`'s queue (the ordinal of its next chunk, or 'done' when the worker has
   * finished): 'take' it (the caller removes it; the block may go on in the next chunk), 'skip'
   * (that worker is past the block, so the block is over: ask `lane` again), or 'end' (every
   * worker is done; `allDone` is asked only then).
   */
  step(head: number | 'done', allDone: () => boolean): BlockStep {
    if (head === this.ordinal) return 'take'
    if (head !== 'done' && head < this.ordinal)
      throw new Error(`block ${head} came after block ${this.ordinal}: a worker went back`)
    if (head === 'done' && allDone()) return 'end'
    this.ordinal++
    return 'skip'
  }
}
