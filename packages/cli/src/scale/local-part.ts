import { ChunkProducer } from './chunk-producer.ts'
import { reusableBuffer } from './chunk-recycling.ts'
import type { WorkerMessage, WorkerTask } from './worker-protocol.ts'

/*
 * The pool's own part of a `--workers` run: worker 0, generated on the thread that merges and
 * writes. It is ready at once (the engine is loaded, nothing to start), so it makes the run's
 * first blocks (the head start) while the worker threads load the engine, and fills the time the
 * merger would otherwise spend waiting for a thread. Its chunks never cross a thread: a written
 * chunk's buffer goes back to its own free list.
 */
export class LocalPart {
  private producer: ChunkProducer | null = null
  private readonly free: ArrayBuffer[] = []
  private over = false

  constructor(private readonly task: WorkerTask) {}

  /** Whether `make` has nothing more to add (the run is over or failed). */
  get finished(): boolean {
    return this.over
  }

  /** Appends the part's next chunk to `queue`, or its end ('done', or 'error' when it failed). */
  make(queue: WorkerMessage[]): void {
    if (this.over) return
    try {
      this.producer ??= new ChunkProducer(this.task, () => this.free.pop())
      const m = this.producer.next()
      if (m !== undefined) {
        queue.push(m)
        return
      }
      this.over = true
      queue.push({ type: 'done', end: this.producer.run.end() })
    } catch (e) {
      this.over = true
      queue.push({ type: 'error', message: String((e as Error)?.stack ?? e) })
    }
  }

  /** Takes a written chunk's buffer back for a later chunk (as the threads do: chunk-recycling.ts). */
  giveBack(bytes: Uint8Array): void {
    const buffer = reusableBuffer(bytes)
    if (buffer) this.free.push(buffer)
  }
}
