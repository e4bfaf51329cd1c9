import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from './cli-io.ts'
import {
  deliveredCsvRow,
  formatIso,
  isFaultedRun,
  type OutputFormat,
  type StoryEvent,
  type StoryRun,
  serializeDeliveredChunks,
  withFaults,
} from './engine.ts'

/** The flags of fault injection (SPEC section 10), in node:util's format, for `generate`'s options. */
export const FAULT_OPTIONS = {
  'faults-log': { type: 'string' },
  'no-faults': { type: 'boolean' },
} as const

/** Usage lines of the fault flags. */
export const FAULT_USAGE = `  --faults-log FILE write the ground truth of the story's \`faults:\`: one NDJSON line per injected fault
  --no-faults       ignore the story's \`faults:\` (the clean stream, in timestamp order)`

/** Lines of the faults log are written in blocks of about this many characters. */
const LOG_BLOCK = 1 << 16

/**
 * Applies the story's `faults:` to a run, as the flags say: the run in delivery order (or the
 * run itself with `--no-faults` or when the story has no faults), writing `--faults-log` as
 * the deliveries are made (a run stopped early has the log of what was delivered).
 */
export function applyFaultFlags(
  run: StoryRun,
  values: Record<string, string | boolean | undefined>,
  seed: number | undefined,
  cwd: string,
): StoryRun {
  return faultFlags(run, values, seed, cwd, false).run
}

/** The faulted first run, and how each later cycle of `--follow` gets its own faults. */
export interface FaultFlags {
  run: StoryRun
  /**
   * Cycle N of `--follow` (N >= 1): its clean run (made with `seed`, the story's seed + N) with
   * faults seeded by that same seed, so every cycle gets its own, reproducible faults. Its log lines
   * go to the same `--faults-log`, their `timestamp` and `delivered_at` moved by `offsetMs` (the
   * cycle's place on the time line, as its events are moved).
   */
  cycle(clean: StoryRun, seed: number, offsetMs: number): StoryRun
}

/** `applyFaultFlags` for a run that `--follow` may repeat (`follow`): the log stays open across cycles. */
export function faultFlags(
  run: StoryRun,
  values: Record<string, string | boolean | undefined>,
  seed: number | undefined,
  cwd: string,
  follow: boolean,
): FaultFlags {
  const logPath = values['faults-log'] as string | undefined
  if (values['no-faults']) {
    if (logPath !== undefined)
      throw new UsageError('generate: --faults-log and --no-faults exclude each other')
    return { run, cycle: (clean) => clean }
  }
  if (logPath === undefined)
    return { run: withFaults(run, { seed }), cycle: (clean, s) => withFaults(clean, { seed: s }) }
  const full = resolve(cwd, logPath)
  const parent = dirname(full)
  if (!existsSync(parent) || !statSync(parent).isDirectory())
    throw new UsageError(`--faults-log ${logPath}: directory ${parent} does not exist`)
  // Opened now: a story without faults still gets its (empty) log, so a test harness finds the file.
  const fd = openSync(full, 'w')
  // Cycles follow one another without end: the log is flushed at the end of each, and closed with the process.
  const endless = follow && run.story !== undefined && run.story.end === undefined
  let buf = ''
  let open = true
  const flush = (): void => {
    if (open && buf) writeSync(fd, buf)
    buf = ''
  }
  const close = (): void => {
    if (!open) return
    flush()
    open = false
    closeSync(fd)
  }
  const write = (line: string): void => {
    buf += `${line}\n`
    if (buf.length >= LOG_BLOCK) flush()
  }
  const faulted = withFaults(run, { seed, onFaultLine: write, onEnd: endless ? flush : close })
  if (!isFaultedRun(faulted)) close()
  const tz = run.story?.timezone ?? 'UTC'
  return {
    run: faulted,
    cycle: (clean, cycleSeed, offsetMs) =>
      withFaults(clean, {
        seed: cycleSeed,
        onFaultLine: (line) => write(movedLogLine(line, offsetMs, tz)),
        onEnd: flush,
      }),
  }
}

/** A faults log line with its `timestamp` and `delivered_at` moved by `ms` (written in `tz`, as the events are). */
export function movedLogLine(line: string, ms: number, tz: string): string {
  if (ms === 0) return line
  const entry = JSON.parse(line) as Record<string, unknown>
  for (const key of ['timestamp', 'delivered_at']) {
    const at = entry[key]
    if (typeof at === 'string') entry[key] = formatIso(Date.parse(at) + ms, tz)
  }
  return JSON.stringify(entry)
}

/** The output chunks of a run with faults (corrupt records cut short), or undefined for a clean run. */
export function faultChunks(
  run: StoryRun,
  format: OutputFormat,
  columns: readonly string[],
  chunkSize: number,
): Iterable<string> | undefined {
  return isFaultedRun(run) ? serializeDeliveredChunks(run, format, columns, chunkSize) : undefined
}

/** One CSV row of an event, damaged when the run made it corrupt. */
export function faultCsvRow(
  run: StoryRun,
  event: StoryEvent,
  columns: readonly string[],
): string | undefined {
  return isFaultedRun(run) ? deliveredCsvRow(run, event, columns) : undefined
}
