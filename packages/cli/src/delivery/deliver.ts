import { resolve } from 'node:path'
import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises'
import { type CliIo, EXIT } from '../cli-io.ts'
import { type StoryRun, serializeNdjson } from '../engine.ts'
import { formatDuration } from '../progress.ts'
import { type Sink, SinkError, type SinkSummary } from '../sinks/sink.ts'
import { stopOf } from '../stop-signal.ts'
import { countSummary, formatDiagnostics, plural, type StoryInput } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'
import { DeadLetterFile } from './dead-letter.ts'
import type { DeadLetterFn } from './delivery-flags.ts'
import type { DeliveryRecord } from './delivery-order.ts'
import { DeliveryProgress, formatMs } from './delivery-progress.ts'
import { type DriveEnd, drive } from './drive.ts'
import type { Pacer } from './pacing.ts'

/** Flags of a delivery run. */
export interface DeliverFlags {
  strict: boolean
  quiet: boolean
  pacer: Pacer
  input: StoryInput
  /** `--dead-letter FILE` as given. */
  deadLetter: string | undefined
}

/** A sink with live counters (the HTTP sink has them; others show events handed over). */
type LiveSink = Sink & { stats?: () => SinkSummary }

/**
 * Sends a run's records into a sink (`--to URL`, `--format parquet`), paced, with a progress
 * line and a summary on stderr. Exit 1 when any event failed for good (each is in the dead
 * letter when one was given: never a silent loss), 130/143 after a stop, which still flushes
 * and reports exactly what the destination accepted.
 */
export async function deliverToSink(
  run: StoryRun,
  records: Iterable<DeliveryRecord>,
  makeSink: (signal: AbortSignal, deadLetter: DeadLetterFn) => Promise<Sink>,
  flags: DeliverFlags,
  io: CliIo,
): Promise<number> {
  const deadLetter =
    flags.deadLetter === undefined ? undefined : new DeadLetterFile(resolve(io.cwd, flags.deadLetter))
  const progress = io.stderrIsTty && !flags.quiet ? new DeliveryProgress(io.stderr, io.now) : undefined
  const started = io.now()
  let sink: LiveSink | undefined
  let handed = 0
  let end: DriveEnd
  let summary: SinkSummary
  // Redrawn on a timer: a slow destination holds the drive in backpressure, and the line must still move.
  const timer = progress && setInterval(() => progress.update(handed, sink?.stats?.()), 250)
  try {
    const onFailure = deadLetter
      ? (line: string, reason: string) => deadLetter.write(line, reason)
      : stderrDeadLetter(io)
    sink = (await makeSink(io.stop, onFailure)) as LiveSink
    await sink.open()
    const s = sink
    end = await drive(
      records,
      {
        accept: (r: DeliveryRecord) => {
          handed++
          const pending = s.write(r.event, serializeNdjson(r.event), r.corrupt)
          return pending ? pending.then(() => true) : true
        },
        idle: async () => {
          await nextTurn()
          return true
        },
      },
      { pacer: flags.pacer, signal: io.stop, now: io.now },
    )
    summary = await sink.close()
    // A stop while the sink drained its queue is a stop too: the queued events were not all sent.
    if (io.stop.aborted) end = 'stopped'
  } catch (e) {
    progress?.clear()
    // Release the connection (bounded: a broken destination must not hold the exit).
    if (sink) await Promise.race([sink.close().catch(() => undefined), delay(CLOSE_AFTER_ERROR_MS)])
    const message = e instanceof SinkError ? e.message : `internal error: ${(e as Error)?.stack ?? e}`
    io.stderr.write(`autosource: ${escapeForTerminal(message)}\n`)
    return EXIT.failed
  } finally {
    clearInterval(timer)
    deadLetter?.close()
  }
  progress?.clear()

  const secs = (io.now() - started) / 1000
  const shown = run.diagnostics.filter((d) => d.severity !== 'info')
  const counts = countSummary(shown)
  if (shown.length > 0 && (!flags.quiet || counts.errors > 0 || flags.strict)) {
    const lines = formatDiagnostics(shown, flags.input, io.cwd, run.story?.sources)
    io.stderr.write(`${lines.join('\n')}\n${escapeForTerminal(flags.input.file)}: ${counts.text}\n`)
  }
  const stoppedBy = end === 'stopped' ? stopOf(io.stop).name : undefined
  io.stderr.write(`${summaryLine(summary, handed, secs, deadLetter, stoppedBy)}\n`)
  if (end === 'stopped') return stopOf(io.stop).code
  const strictFailed =
    flags.strict && shown.some((d) => d.severity === 'warning' || d.code.startsWith('schema/'))
  return summary.failed > 0 || counts.errors > 0 || strictFailed ? EXIT.failed : EXIT.ok
}

/**
 * `delivered: 118 sent, 5 retried, 2 failed (dead letter: dl.ndjson), p50 3.1 ms, p99 40 ms in 2s`;
 * after a stop it says `stopped by SIGTERM:` and counts the generated events that were never sent.
 */
export function summaryLine(
  summary: SinkSummary,
  handed: number,
  secs: number,
  deadLetter: DeadLetterFile | undefined,
  stoppedBy: string | undefined,
): string {
  const head = stoppedBy ? `stopped by ${stoppedBy}` : 'delivered'
  let text = `autosource: ${head}: ${plural(summary.sent, 'event')} sent, ${summary.retried} retried, ${summary.failed} failed`
  if (summary.failed > 0)
    text += deadLetter
      ? ` (dead letter: ${escapeForTerminal(deadLetter.path)})`
      : ' (no --dead-letter file given)'
  const unsent = handed - summary.sent - summary.failed
  if (unsent > 0) text += `, ${unsent} generated but not sent`
  if (summary.latencyMs)
    text += `, latency p50 ${formatMs(summary.latencyMs.p50)} p99 ${formatMs(summary.latencyMs.p99)}`
  return `${text}, in ${formatDuration(secs)}`
}

/** How long a sink that failed may take to close before the command exits anyway. */
const CLOSE_AFTER_ERROR_MS = 5000

/** Failed events named on stderr when there is no dead-letter file (the rest are counted). */
const SHOWN_FAILURES = 20

/** Without `--dead-letter`, each failed event is still named on stderr: never a silent loss. */
function stderrDeadLetter(io: CliIo): DeadLetterFn {
  let n = 0
  return (line, reason) => {
    n++
    if (n > SHOWN_FAILURES) return
    let id = '?'
    try {
      id = String(JSON.parse(line).id)
    } catch {
      // A line the sink got is always JSON; keep '?' if not.
    }
    const more = n === SHOWN_FAILURES ? ' (further failures are only counted; use --dead-letter FILE)' : ''
    io.stderr.write(escapeForTerminal(`autosource: not delivered: event ${id}: ${reason}${more}\n`))
  }
}
