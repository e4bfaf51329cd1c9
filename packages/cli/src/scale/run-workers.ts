import { ChunkWriter } from '../chunk-writer.ts'
import { type CliIo, EXIT } from '../cli-io.ts'
import {
  csvColumns,
  csvHeader,
  expectedTotal,
  mergeShardEnds,
  type OutputFormat,
  type StoryRun,
} from '../engine.ts'
import { type OutputFile, openOutputFile, type Target } from '../output-target.ts'
import { Progress } from '../progress.ts'
import { stopOf } from '../stop-signal.ts'
import { countSummary, formatDiagnostics, plural, type StoryInput } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'
import { WorkerPool } from './worker-pool.ts'

/** What `--workers` needs besides the run: the thread count, the part of the run, the flags. */
export interface WorkerRunFlags {
  workers: number
  /** `--shard K/N` as 0-based shard of shards (0 of 1 without --shard). */
  shard: number
  shards: number
  seed: number | undefined
  limit: number | undefined
  strict: boolean
  quiet: boolean
}

/**
 * `generate --workers N` into stdout or one file: the threads' chunks are written in run order,
 * the exact bytes of one worker (the JSON array's brackets and the CSV header come from here).
 * Ends like a one-worker run: diagnostics merged over the workers, --strict, Ctrl-C, `| head`.
 */
export async function runWorkersToText(
  run: StoryRun,
  input: StoryInput,
  format: OutputFormat,
  target: Target,
  flags: WorkerRunFlags,
  io: CliIo,
): Promise<number> {
  const story = run.story!
  const known = flags.shards === 1 ? expectedTotal(story) : undefined
  const total =
    flags.limit === undefined ? known : known === undefined ? flags.limit : Math.min(known, flags.limit)
  const progress = io.stderrIsTty && !flags.quiet ? new Progress(io.stderr, io.now, total) : undefined
  const pool = new WorkerPool(
    {
      text: input.text,
      file: input.file,
      fromLink: Boolean(input.fromLink),
      cwd: io.cwd,
      seed: flags.seed,
      format,
      shard: flags.shard,
      shards: flags.shards,
      withEnds: flags.limit !== undefined,
    },
    flags.workers,
    flags.limit,
  )
  const file: OutputFile | undefined = target.kind === 'file' ? openOutputFile(target.file) : undefined
  const writer = new ChunkWriter(file?.stream ?? io.stdout, io.stop)
  let count = 0
  let end: 'done' | 'closed' | 'stopped' = 'done'
  try {
    const head = format === 'csv' ? csvHeader(csvColumns(story)) : format === 'json' ? '[' : ''
    if (head && !(await writer.write(head))) end = 'closed'
    let first = true
    while (end === 'done') {
      if (io.stop.aborted) {
        end = 'stopped'
        break
      }
      const chunk = await pool.next()
      if (!chunk) break
      // JSON: every event comes as ",\n{...}"; the array's first one opens with "\n" alone.
      const bytes = first && format === 'json' ? chunk.bytes.subarray(1) : chunk.bytes
      first = false
      count += chunk.events
      if (!(await writer.write(bytes, chunk.release))) end = 'closed'
      progress?.update(count)
    }
    if (end === 'done' && format === 'json' && !(await writer.write(first ? ']\n' : '\n]\n'))) end = 'closed'
  } catch (e) {
    progress?.clear()
    await pool.close()
    await file?.abort()
    io.stderr.write(
      `autosource: internal error while generating: ${escapeForTerminal(String((e as Error)?.stack ?? e))}\n`,
    )
    return EXIT.failed
  }
  const ends = end === 'done' && (flags.limit === undefined || count < flags.limit) ? pool.ends() : undefined
  await pool.close()
  if (writer.error) {
    progress?.clear()
    await file?.abort()
    io.stderr.write(`autosource: cannot write output: ${escapeForTerminal(writer.error.message)}\n`)
    return EXIT.failed
  }
  if (end === 'closed') {
    progress?.clear()
    await file?.abort()
    return EXIT.ok
  }
  if (end === 'stopped') {
    progress?.clear()
    await file?.abort()
    const stop = stopOf(io.stop)
    const kept = target.kind === 'stdout' ? 'written to stdout' : 'generated; no output file written'
    io.stderr.write(`autosource: stopped by ${stop.name} after ${plural(count, 'event')} ${kept}\n`)
    return stop.code
  }
  // At --limit the workers were stopped mid-run: only the static diagnostics are complete.
  const diagnostics = ends ? mergeShardEnds(run.diagnostics, ends).diagnostics : run.diagnostics
  const shown = diagnostics.filter((d) => d.severity !== 'info')
  const counts = countSummary(shown)
  const strictFailed =
    flags.strict && shown.some((d) => d.severity === 'warning' || d.code.startsWith('schema/'))
  const name = escapeForTerminal(input.file)
  if (counts.errors > 0 || strictFailed) {
    progress?.clear()
    await file?.abort()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    const why = counts.errors > 0 ? counts.text : `--strict: ${counts.text}`
    io.stderr.write(`${name}: ${why}${target.kind === 'stdout' ? '' : '; no output file written'}\n`)
    return EXIT.failed
  }
  await file?.commit()
  if (!flags.quiet && shown.length > 0) {
    progress?.clear()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    io.stderr.write(`${name}: ${counts.text}\n`)
  }
  progress?.finish(count)
  return EXIT.ok
}

function writeLines(io: CliIo, lines: string[]): void {
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`)
}
