import { UsageError } from '../cli-io.ts'
import { integerFlag } from '../parse-args.ts'

/** `--workers N` and `--shard K/N` as read from the command line. */
export interface ScaleFlags {
  /** Threads to generate on (1: the main thread alone). */
  workers: number
  /** `--shard K/N` as 0-based shard of shards, or undefined for the whole run. */
  shard?: { shard: number; shards: number }
}

/** Most threads `--workers` starts (more would only contend; the machine's cores are the real cap). */
export const MAX_WORKERS = 256

/** The options of generate that scale adds (for parseArgs). */
export const SCALE_OPTIONS = {
  workers: { type: 'string' },
  shard: { type: 'string' },
} as const

/** Usage lines of the scale options. */
export const SCALE_USAGE = `  --workers N       generate on N threads (worker_threads); the bytes are those of one thread
  --shard K/N       generate only part K of N (K from 1) of the run; autosource merge joins the parts`

/** Reads `--workers` and `--shard`; a bad value is a usage error. */
export function parseScaleFlags(values: Record<string, unknown>): ScaleFlags {
  const workers = integerFlag('workers', values.workers as string | undefined, 1) ?? 1
  if (workers < 1 || workers > MAX_WORKERS)
    throw new UsageError(`--workers must be between 1 and ${MAX_WORKERS}, got '${values.workers}'`)
  const raw = values.shard as string | undefined
  if (raw === undefined) return { workers }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw)
  const k = m ? Number(m[1]) : Number.NaN
  const n = m ? Number(m[2]) : Number.NaN
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n)
    throw new UsageError(`--shard must be K/N with 1 <= K <= N (e.g. 2/8), got '${raw}'`)
  if (values.limit !== undefined)
    throw new UsageError(
      '--limit cannot be combined with --shard (a part cannot know where the whole run reaches N events); use autosource merge --limit N',
    )
  if (values.follow) throw new UsageError('--follow cannot be combined with --shard')
  return { workers, shard: { shard: k - 1, shards: n } }
}

/**
 * Why `--workers N` runs on one thread instead, or undefined when the threads can be used. The
 * threads write text (stdout or one file); anything that needs the records themselves, in order,
 * on the main thread (sinks, pacing, faults' delivery order, per-type files) stays on one.
 */
export function singleThreadReason(o: {
  sink: string | undefined
  pacing: boolean
  follow: boolean
  faulted: boolean
  target: { kind: string; packed: boolean } | undefined
}): string | undefined {
  if (o.faulted)
    return 'the story has `faults:` (late events and duplicates reorder delivery across the whole run)'
  if (o.sink !== undefined) return `--to/--format ${o.sink} delivers records from one thread`
  if (o.pacing) return '--pace/--rate/--start pace one stream of records'
  if (o.follow) return '--follow runs cycle after cycle'
  if (o.target?.kind === 'dir') return 'one CSV file per event type is written from one thread'
  if (o.target?.packed) return '--roll and .gz outputs are written from one thread'
  return undefined
}
