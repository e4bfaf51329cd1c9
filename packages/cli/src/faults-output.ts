import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from './cli-io.ts'
import {
  deliveredCsvRow,
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
  const logPath = values['faults-log'] as string | undefined
  if (values['no-faults']) {
    if (logPath !== undefined)
      throw new UsageError('generate: --faults-log and --no-faults exclude each other')
    return run
  }
  if (logPath === undefined) return withFaults(run, { seed })
  const full = resolve(cwd, logPath)
  const parent = dirname(full)
  if (!existsSync(parent) || !statSync(parent).isDirectory())
    throw new UsageError(`--faults-log ${logPath}: directory ${parent} does not exist`)
  // Opened now: a story without faults still gets its (empty) log, so a test harness finds the file.
  const fd = openSync(full, 'w')
  let buf = ''
  let open = true
  const close = (): void => {
    if (!open) return
    open = false
    if (buf) writeSync(fd, buf)
    closeSync(fd)
  }
  const faulted = withFaults(run, {
    seed,
    onFaultLine: (line) => {
      buf += `${line}\n`
      if (buf.length >= LOG_BLOCK) {
        writeSync(fd, buf)
        buf = ''
      }
    },
    onEnd: close,
  })
  if (!isFaultedRun(faulted)) close()
  return faulted
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
