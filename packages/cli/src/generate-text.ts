import { type CliIo, EXIT } from './cli-io.ts'
import { drive } from './delivery/drive.ts'
import type { Pacer } from './delivery/pacing.ts'
import {
  damageDelivered,
  expectedTotal,
  type GeneratedRecord,
  type OutputFormat,
  type StoryRun,
} from './engine.ts'
import type { Target } from './output-target.ts'
import { Progress } from './progress.ts'
import { SinkError } from './sinks/sink.ts'
import { stopOf } from './stop-signal.ts'
import { countSummary, formatDiagnostics, plural, type StoryInput } from './story-input.ts'
import { escapeForTerminal } from './terminal-text.ts'
import { TextOutput } from './text-output.ts'

/** Flags of a text run. */
export interface TextRunFlags {
  strict: boolean
  quiet: boolean
  limit: number | undefined
  pacer: Pacer
  /** `--follow` on a story without end: no total is known (only `--limit` bounds it). */
  endless: boolean
}

/**
 * Generates into stdout, a file or a directory, then commits (renames) or discards the files.
 * A stop (Ctrl-C, SIGTERM) flushes stdout, FIFOs and devices, removes temp files (no partial
 * file at PATH) and exits 130/143 with one line on stderr.
 */
export async function runToText(
  run: StoryRun,
  records: Iterable<GeneratedRecord>,
  input: StoryInput,
  format: OutputFormat,
  target: Target,
  flags: TextRunFlags,
  io: CliIo,
): Promise<number> {
  const story = run.story!
  const known = flags.endless ? undefined : expectedTotal(story)
  const total =
    flags.limit === undefined ? known : known === undefined ? flags.limit : Math.min(known, flags.limit)
  const progress = io.stderrIsTty && !flags.quiet ? new Progress(io.stderr, io.now, total) : undefined

  let output: TextOutput | undefined
  let end: Awaited<ReturnType<typeof drive>>
  try {
    output = new TextOutput(
      story,
      format,
      target,
      io.stdout,
      (count) => progress?.update(count),
      io.stop,
      (event, text, csv) => damageDelivered(run, event, text, csv),
    )
    end = await drive(records, output, { pacer: flags.pacer, signal: io.stop, now: io.now })
    if (end === 'done' && !(await output.end())) end = 'closed'
  } catch (e) {
    progress?.clear()
    await output?.abort()
    if (e instanceof SinkError) {
      io.stderr.write(`autosource: ${escapeForTerminal(e.message)}\n`)
      return EXIT.failed
    }
    io.stderr.write(
      `autosource: internal error while generating: ${escapeForTerminal(String((e as Error)?.stack ?? e))}\n`,
    )
    return EXIT.failed
  }

  const writeError = output.error
  if (writeError) {
    progress?.clear()
    await output.abort()
    io.stderr.write(`autosource: cannot write output: ${escapeForTerminal(writeError.message)}\n`)
    return EXIT.failed
  }
  if (end === 'closed') {
    // The reader went away (`| head`): a normal way to stop, not a failure.
    progress?.clear()
    await output.abort()
    return EXIT.ok
  }
  if (end === 'stopped') {
    progress?.clear()
    // What was generated goes out to stdout or a pipe; a file's temp copy is removed.
    await output.idle()
    await output.abort()
    const stop = stopOf(io.stop)
    const kept = target.kind === 'stdout' ? 'written to stdout' : 'generated; no output file written'
    io.stderr.write(`autosource: stopped by ${stop.name} after ${plural(output.count, 'event')} ${kept}\n`)
    return stop.code
  }

  const shown = run.diagnostics.filter((d) => d.severity !== 'info')
  const counts = countSummary(shown)
  const strictFailed =
    flags.strict && shown.some((d) => d.severity === 'warning' || d.code.startsWith('schema/'))
  const file = escapeForTerminal(input.file)
  if (counts.errors > 0 || strictFailed) {
    progress?.clear()
    await output.abort()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    const why = counts.errors > 0 ? counts.text : `--strict: ${counts.text}`
    const kept = target.kind === 'stdout' ? '' : '; no output file written'
    io.stderr.write(`${file}: ${why}${kept}\n`)
    return EXIT.failed
  }
  await output.commit()
  if (!flags.quiet && shown.length > 0) {
    progress?.clear()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    io.stderr.write(`${file}: ${counts.text}\n`)
  }
  progress?.finish(output.count)
  return EXIT.ok
}

function writeLines(io: CliIo, lines: string[]): void {
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`)
}
