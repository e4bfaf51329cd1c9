import { fileIncludeResolver, prepareStory } from '../engine.ts'
import { ChunkProducer } from './chunk-producer.ts'
import { WORKER_CHUNK_BYTES, type WorkerMessage, type WorkerTask } from './worker-protocol.ts'

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
      this.producer ??= this.start()
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

  /** Takes a written chunk's buffer back for a later chunk (only whole chunk-sized ones, as the threads do). */
  giveBack(bytes: Uint8Array): void {
    const buffer = bytes.buffer
    if (buffer instanceof ArrayBuffer && buffer.byteLength === WORKER_CHUNK_BYTES) this.free.push(buffer)
  }

  private start(): ChunkProducer {
    const t = this.task
    const prepared = prepareStory(t.text, {
      file: t.file,
      ...(t.fromLink ? { fromLink: true } : { resolveInclude: fileIncludeResolver(t.cwd) }),
    })
    return new ChunkProducer(prepared, t, () => this.free.pop())
  }
}
