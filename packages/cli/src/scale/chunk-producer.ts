import {
  csvColumns,
  fileIncludeResolver,
  prepareStory,
  runShard,
  type ShardRun,
  type StoryEvent,
  serializeCsvRow,
  serializeNdjson,
} from '../engine.ts'
import { ChunkBuffer } from './chunk-buffer.ts'
import type { WorkerMessage, WorkerTask } from './worker-protocol.ts'

export type ChunkMessage = Extract<WorkerMessage, { type: 'chunk' }>

/*
 * One part of a `--workers` run as a sequence of chunks: its records serialized into UTF-8 chunks
 * of up to WORKER_CHUNK_BYTES, each tagged with its block's ordinal (a chunk never spans two
 * blocks). A worker thread posts them; the pool's own part (local-part.ts) hands them to the
 * merger directly. Only `next` generates: nothing runs between two calls.
 */
export class ChunkProducer {
  readonly run: ShardRun
  private readonly chunk: ChunkBuffer
  private readonly line: (e: StoryEvent) => string
  private readonly before: string
  private readonly after: string
  /** A record read but not written: it starts the next chunk (another block, or no room left). */
  private carry: string | null = null
  private carryOrdinal = -1
  private over = false

  /** Compiles the task's story (as the main thread loaded it) and starts the part's run. */
  constructor(
    private readonly task: WorkerTask,
    reuse: () => ArrayBuffer | undefined,
  ) {
    const prepared = prepareStory(task.text, {
      file: task.file,
      ...(task.fromLink ? { fromLink: true } : { resolveInclude: fileIncludeResolver(task.cwd) }),
    })
    const run = runShard(prepared, task, { seed: task.seed })
    if (!run) throw new Error('the story did not compile for this part')
    this.run = run
    this.chunk = new ChunkBuffer(reuse)
    const columns = task.format === 'csv' ? csvColumns(prepared.story!) : []
    // CSV rows end with their own line break; a JSON array's records follow the `[` the main thread wrote.
    this.line = task.format === 'csv' ? (e: StoryEvent) => serializeCsvRow(e, columns) : serializeNdjson
    this.before = task.format === 'json' ? ',\n' : ''
    this.after = task.format === 'ndjson' ? '\n' : ''
  }

  /** The part's next chunk, or undefined once its run is over (then `run.end()` tells its problems). */
  next(): ChunkMessage | undefined {
    const { chunk, run, before, after } = this
    const ends: number[] | undefined = this.task.withEnds ? [] : undefined
    let events = 0
    let ordinal = -1
    if (this.carry !== null) {
      ordinal = this.carryOrdinal
      chunk.write(before, this.carry, after)
      ends?.push(chunk.length)
      events = 1
      this.carry = null
    }
    while (!this.over) {
      const r = run.next()
      if (r === undefined) {
        this.over = true
        break
      }
      const o = run.selector.ordinal
      const text = this.line(r.event)
      if (events > 0 && (o !== ordinal || !chunk.fits(text))) {
        this.carry = text
        this.carryOrdinal = o
        break
      }
      ordinal = o
      chunk.write(before, text, after)
      ends?.push(chunk.length)
      events++
    }
    if (events === 0) return undefined
    const message: ChunkMessage = { type: 'chunk', ordinal, bytes: chunk.take(), events }
    if (ends) message.ends = Uint32Array.from(ends)
    return message
  }
}
