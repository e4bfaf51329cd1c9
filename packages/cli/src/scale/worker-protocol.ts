import type { MessagePort } from 'node:worker_threads'
import type { OutputFormat, ShardRunEnd } from '../engine.ts'

/** A `--workers` thread's part of the run (sent once it started: TaskMessage). */
export interface WorkerTask {
  /** The story text and how the main thread loaded it (file name for includes, link or not). */
  text: string
  file: string
  fromLink: boolean
  cwd: string
  seed: number | undefined
  format: OutputFormat
  shard: number
  shards: number
  worker: number
  workers: number
  /** Blocks worker 0 (the pool's own thread) makes before the others join (ShardSpec.headStart). */
  headStart: number
  /** Candidates per block (ShardSpec.blockSize; tests only, the engine's default otherwise). */
  blockSize?: number
  /** When set, every chunk lists where its events end (the main thread cuts at `--limit`). */
  withEnds: boolean
}

/** What a `--workers` thread is started with (workerData), before its task is known (thread-start.ts). */
export interface ThreadData {
  /** Int32 cells shared with the main thread: [credits, stop, ready]. */
  control: SharedArrayBuffer
  /** Written chunks' buffers come back here, for later chunks (chunk-recycling.ts). */
  returns: MessagePort
}

/** Main -> worker: the thread's part of the run (sent once, after it started). */
export interface TaskMessage {
  type: 'task'
  task: WorkerTask
}

/**
 * Blocks the pool's own part makes alone at the start of a run (ShardSpec.headStart): about the
 * time a worker thread takes to load the engine and compile the story, so no thread waits for the
 * others. 96 blocks of 2,048 candidates are 0.2-0.3 s of one thread on the reference story.
 */
export const HEAD_START_BLOCKS = 96

/**
 * The head start when every thread had loaded the engine before the run began (the CLI starts
 * them first thing, prestart.ts): they still compile the story and warm up, about 8 blocks' time.
 */
export const READY_HEAD_START_BLOCKS = 8

/** Chunks a worker may have in flight (bounded buffers: memory stays flat however far it runs ahead). */
export const WORKER_CREDITS = 16
/** Bytes of serialized text per chunk (a chunk holds one longer record whole). */
export const WORKER_CHUNK_BYTES = 1 << 18

/** Worker -> main messages. */
export type WorkerMessage =
  | { type: 'chunk'; ordinal: number; bytes: Uint8Array; events: number; ends?: Uint32Array }
  | { type: 'done'; end: ShardRunEnd }
  | { type: 'error'; message: string }
