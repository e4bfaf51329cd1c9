/**
 * Which candidates of a run one part generates (`--shard K/N`, `--workers N`). Every part walks
 * the same sequence of candidate occurrences (the schedules and the heap are cheap and the same
 * everywhere); the sequence is cut into blocks of consecutive candidates, and the blocks are dealt
 * round-robin: block b belongs to shard `b % shards`, and within a shard its j-th block to
 * worker `blockWorker(j, workers, headStart)` (round-robin after a head start for worker 0). A
 * block ends only where the (millisecond) time moves on, so an instant never spans two blocks:
 * parts can be merged by timestamp alone (`autosource merge`).
 *
 * Seam for sharding by actor (packages/engine/src/actors/): a selector that owns a candidate by
 * its actor instead of its block implements the same interface; the record source asks it once
 * per candidate, in run order.
 */

/** One part of a run: shard `shard` of `shards`, and within it worker `worker` of `workers` (all from 0). */
export interface ShardSpec {
  shard: number
  shards: number
  worker?: number
  workers?: number
  /** Candidates per block before it may end (default SHARD_BLOCK_SIZE); every part of a run must use the same. */
  blockSize?: number
  /**
   * The shard's first `headStart` blocks all go to worker 0 (default 0), the rest round-robin. The
   * CLI's pool generates worker 0's part on its own thread, which is ready at once while the other
   * threads still load the engine. Which part makes a block never changes its bytes.
   */
  headStart?: number
}

/** The worker (of `workers`) that makes a shard's `ordinal`-th block: the merger and every part agree on it. */
export function blockWorker(ordinal: number, workers: number, headStart = 0): number {
  return ordinal < headStart ? 0 : (ordinal - headStart) % workers
}

/** Asked once per candidate occurrence, in run order: does this part emit it? */
export interface ShardSelector {
  owns(timeMs: number): boolean
  /** True when this part owns the run's first block (it reports the set-up's problems, once). */
  readonly ownsFirst: boolean
  /** The current block's number within this shard (0, 1, ...): the order key of a worker's output. */
  readonly ordinal: number
}

/** Default candidates per block: big enough to amortize a message, small enough to balance workers. */
export const SHARD_BLOCK_SIZE = 2048

/** A selector for `spec`; throws RangeError on an impossible spec (the CLI checks flags before). */
export function createShardSelector(spec: ShardSpec): ShardSelector {
  const shards = spec.shards
  const workers = spec.workers ?? 1
  const shard = spec.shard
  const worker = spec.worker ?? 0
  const size = spec.blockSize ?? SHARD_BLOCK_SIZE
  const headStart = spec.headStart ?? 0
  if (!Number.isSafeInteger(headStart) || headStart < 0) throw new RangeError('shard spec: bad headStart')
  for (const [name, v, max] of [
    ['shards', shards, Number.MAX_SAFE_INTEGER],
    ['workers', workers, Number.MAX_SAFE_INTEGER],
    ['blockSize', size, Number.MAX_SAFE_INTEGER],
    ['shard', shard + 1, shards],
    ['worker', worker + 1, workers],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1 || v > max) throw new RangeError(`shard spec: bad ${name}`)
  }
  return new BlockSelector(shard, shards, worker, workers, size, headStart)
}

class BlockSelector implements ShardSelector {
  ordinal = -1
  readonly ownsFirst: boolean
  private block = -1
  private inBlock = 0
  private lastMs = Number.NEGATIVE_INFINITY
  private mine = false

  constructor(
    private readonly shard: number,
    private readonly shards: number,
    private readonly worker: number,
    private readonly workers: number,
    private readonly size: number,
    private readonly headStart: number,
  ) {
    this.ownsFirst = shard === 0 && worker === 0
  }

  owns(timeMs: number): boolean {
    const ms = Math.floor(timeMs)
    if (this.block < 0 || (this.inBlock >= this.size && ms > this.lastMs)) this.nextBlock()
    this.inBlock++
    if (ms > this.lastMs) this.lastMs = ms
    return this.mine
  }

  private nextBlock(): void {
    const b = ++this.block
    this.inBlock = 0
    const inShard = b % this.shards === this.shard
    if (inShard) this.ordinal = (b - this.shard) / this.shards
    this.mine = inShard && blockWorker(this.ordinal, this.workers, this.headStart) === this.worker
  }
}
