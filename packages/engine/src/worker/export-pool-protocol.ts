/**
 * Messages between the studio's export pool (export-pool.ts, main thread) and each of its
 * workers (export-pool-host.ts). Plain data; chunks are transferred, not copied.
 */
import type { ShardRunEnd } from '../generate/shard-run.ts'
import type { ExportFormat, FileMap, PlainSummary, PositionedDiagnostic } from './protocol.ts'

/** Chunks a pool worker may have posted and not had acknowledged (bounded: memory stays flat). */
export const POOL_CREDITS = 8

/** Pool -> worker. */
export type PoolRequest =
  | {
      type: 'start'
      text: string
      file?: string
      files?: FileMap
      fromLink?: boolean
      seed?: number
      format: ExportFormat
      noFaults?: boolean
      /** This worker's part: worker `worker` of `workers` (the blocks j with j % workers === worker). */
      worker: number
      workers: number
      chunkChars: number
      /** Candidates per block (tests only: small blocks exercise the merge on small runs). */
      blockSize?: number
    }
  /** The pool consumed `count` more chunks of this worker. */
  | { type: 'ack'; count: number }
  /** Every worker's end of run (sent to worker 0 only): it answers with the run's summary and diagnostics. */
  | { type: 'finish'; ends: ShardRunEnd[] }

/** Worker -> pool. */
export type PoolReply =
  /** The story splits: what the pool writes around the events, and the planned event count. */
  | { type: 'ready'; head: string; dropFirst: number; tail: string; emptyTail: string; planned?: number }
  /** The story does not split (errors, or `faults:`): the pool hands the export to the single worker. */
  | { type: 'single'; reason: string }
  /** UTF-8 of whole events of one block (`ordinal`, within the run). */
  | { type: 'chunk'; ordinal: number; bytes: Uint8Array; events: number }
  | { type: 'done'; end: ShardRunEnd }
  | { type: 'finished'; summary: PlainSummary; diagnostics: PositionedDiagnostic[] }
  | { type: 'error'; message: string }
