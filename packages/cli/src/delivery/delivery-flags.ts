import { existsSync, type Stats, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type CliIo, UsageError } from '../cli-io.ts'
import type { OutputFormat, Story } from '../engine.ts'
import { integerFlag } from '../parse-args.ts'
import type { Sink } from '../sinks/sink.ts'
import { compileKeyExpression } from './key-expression.ts'
import { Pacer, parsePace, parseRate } from './pacing.ts'
import { parseBodyMode, parseSigning } from './signing.ts'
import type { TimelineOptions } from './timeline.ts'

/** The delivery side of `generate`'s flags, checked before anything runs. */
export interface DeliveryFlags {
  /** The kind of `--to` (or `parquet` for `--format parquet`), undefined for text output. */
  sink: 'http' | 'kafka' | 'postgres' | 'parquet' | undefined
  /** `--roll N` for the text file writer. */
  fileOptions: { roll?: number }
  timeline: Omit<TimelineOptions, 'limit'>
  pacer: Pacer
  /** `--dead-letter FILE`, resolved. */
  deadLetter: string | undefined
  /** Builds the sink of `--to` / `--format parquet` for a loaded story. */
  openSink: (
    story: Story,
    out: string | undefined,
  ) => (signal: AbortSignal, deadLetter: DeadLetterFn) => Promise<Sink>
}

/** Receives an event that failed for good. */
export type DeadLetterFn = (line: string, reason: string) => void

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

const HTTP_ONLY = ['body', 'sign', 'header', 'timeout', 'retries'] as const

/** Parses and cross-checks `--to`, signing, retries, pacing and friends (usage errors, exit 2). */
export function parseDeliveryFlags(
  values: Values,
  format: OutputFormat | 'parquet',
  io: CliIo,
): DeliveryFlags {
  const to = values.to as string | undefined
  let sink: DeliveryFlags['sink']
  if (to !== undefined) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(to)?.[1]?.toLowerCase()
    if (scheme === 'http' || scheme === 'https') sink = 'http'
    else if (scheme === 'kafka') sink = 'kafka'
    else if (scheme === 'postgres' || scheme === 'postgresql') sink = 'postgres'
    else throw new UsageError(`--to must be an http(s)://, kafka:// or postgres:// URL, got '${to}'`)
    if (values.out !== undefined) throw new UsageError('--to and --out: give one destination')
    if (values.format !== undefined) throw new UsageError('--format is for files and stdout, not for --to')
  } else if (format === 'parquet') {
    sink = 'parquet'
    if (typeof values.out !== 'string' || values.out === '-')
      throw new UsageError('--format parquet needs --out FILE.parquet')
  }
  for (const name of HTTP_ONLY)
    if (values[name] !== undefined && sink !== 'http')
      throw new UsageError(`--${name} is for --to http(s)://`)
  if (values.key !== undefined && sink !== 'kafka') throw new UsageError('--key is for --to kafka://')
  if (values['dead-letter'] !== undefined && (sink === undefined || sink === 'parquet'))
    throw new UsageError('--dead-letter is for --to URL')
  if (values.concurrency !== undefined && (sink === undefined || sink === 'parquet'))
    throw new UsageError('--concurrency is for --to URL')
  const start = values.start as string | undefined
  if (start !== undefined && start !== 'now') throw new UsageError(`--start takes 'now', got '${start}'`)

  const follow = Boolean(values.follow)
  // Following a story means producing as time goes by: real time unless a pace is given.
  const pace = parsePace((values.pace as string | undefined) ?? (follow ? 'realtime' : undefined))
  if (follow && pace.kind === 'asap') throw new UsageError('--follow needs a real-time pace (realtime or xN)')
  const rate = parseRate(values.rate as string | undefined)
  const concurrency = integerFlag('concurrency', values.concurrency as string | undefined, 1) ?? 8
  const timeoutSec = parseSeconds(values.timeout as string | undefined)
  const retries = integerFlag('retries', values.retries as string | undefined, 0) ?? 6
  const roll = integerFlag('roll', values.roll as string | undefined, 1)
  if (roll !== undefined && sink !== undefined) throw new UsageError('--roll is for text files (--out FILE)')
  const signing = parseSigning(values.sign as string | undefined)
  const bodyMode = parseBodyMode(values.body as string | undefined)
  const headers = parseHeaders((values.header as string[] | undefined) ?? [])
  const key = compileKeyExpression(values.key as string | undefined)
  const deadLetter = values['dead-letter'] === undefined ? undefined : String(values['dead-letter'])
  if (deadLetter !== undefined) checkDeadLetterPath(resolve(io.cwd, deadLetter), deadLetter)

  return {
    sink,
    fileOptions: { roll },
    timeline: { startNow: start === 'now', follow, wallNow: () => Date.now() },
    pacer: new Pacer(pace, rate, io.now),
    deadLetter,
    // Each sink's client (undici, kafkajs, pg, DuckDB) loads only when that sink is used, so a
    // plain `generate` or `validate` starts without them.
    openSink: (story, out) => async (signal, onDeadLetter) => {
      const common = { concurrency, signal, deadLetter: onDeadLetter }
      if (sink === 'http')
        return (await import('../sinks/http-sink.ts')).createHttpSink(to!, {
          ...common,
          story,
          signing,
          bodyMode,
          headers,
          timeoutMs: timeoutSec * 1000,
          retries,
          now: io.now,
        })
      if (sink === 'kafka')
        return (await import('../sinks/kafka-sink.ts')).createKafkaSink(new URL(to!), {
          ...common,
          key,
          schemas: story.schemas,
        })
      if (sink === 'postgres')
        return (await import('../sinks/postgres-sink.ts')).createPostgresSink(new URL(to!), {
          ...common,
          key,
          schemas: story.schemas,
        })
      return (await import('../sinks/parquet-sink.ts')).createParquetSink(out!, {
        schemas: story.schemas,
        signal,
      })
    },
  }
}

/**
 * The dead letter is appended to with synchronous writes: it must be a regular file (or not exist
 * yet), never a FIFO or device, where opening or writing could block the process.
 */
function checkDeadLetterPath(full: string, shown: string): void {
  let stats: Stats
  try {
    stats = statSync(full)
  } catch {
    if (!existsSync(dirname(full)))
      throw new UsageError(`--dead-letter ${shown}: directory ${dirname(full)} does not exist`)
    return
  }
  if (!stats.isFile()) throw new UsageError(`--dead-letter ${shown} is not a regular file`)
}

/** `--timeout 10` or `10s` or `500ms`, in seconds (default 10). */
function parseSeconds(text: string | undefined): number {
  if (text === undefined) return 10
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim())
  const n = m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : 1) : Number.NaN
  if (!(n > 0))
    throw new UsageError(`--timeout must be a number of seconds (e.g. 10 or 500ms), got '${text}'`)
  return n
}

/** `--header 'Name: value'` pairs. */
function parseHeaders(list: string[]): [string, string][] {
  return list.map((h) => {
    const i = h.indexOf(':')
    const name = i > 0 ? h.slice(0, i).trim() : ''
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new UsageError(`--header must look like 'Name: value', got '${h}'`)
    return [name, h.slice(i + 1).trim()]
  })
}
