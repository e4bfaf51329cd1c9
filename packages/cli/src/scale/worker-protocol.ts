import type { MessagePort } from 'node:worker_threads'
import type { OutputFormat, ShardRunEnd } from '../engine.ts'

/** What a `--workers` thread is started with (workerData). */
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
  /** When set, every chunk lists where its events end (the main thread cuts at `--limit`). */
  withEnds: boolean
  /** Int32 cells shared with the main thread: [credits, stop]. */
  control: SharedArrayBuffer
  /** Written chunks' buffers come back here, for later chunks (chunk-recycling.ts). */
  returns: MessagePort
}

/** Chunks a worker may have in flight (bounded buffers: memory stays flat however far it runs ahead). */
export const WORKER_CREDITS = 16
/** Bytes of serialized text per chunk (a chunk holds one longer record whole). */
export const WORKER_CHUNK_BYTES = 1 << 18

/** Worker -> main messages. */
export type WorkerMessage =
  | { type: 'chunk'; ordinal: number; bytes: Uint8Array; events: number; ends?: Uint32Array }
  | { type: 'done'; end: ShardRunEnd }
  | { type: 'error'; message: string }
