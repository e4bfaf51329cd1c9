import { type CliIo, EXIT } from '../cli-io.ts'
import type { DeliveryFlags } from '../delivery/delivery-flags.ts'
import { isFaultedRun, type OutputFormat, type StoryRun, shardBlockers } from '../engine.ts'
import type { Target } from '../output-target.ts'
import { countSummary, formatDiagnostics, type StoryInput } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'
import { runWorkersToText } from './run-workers.ts'
import { type ScaleFlags, singleThreadReason } from './scale-flags.ts'

/** What `generate` knows when it hands a run to scale. */
export interface ScaledContext {
  input: StoryInput
  format: OutputFormat | 'parquet'
  target: Target | undefined
  delivery: DeliveryFlags
  seed: number | undefined
  limit: number | undefined
  strict: boolean
  quiet: boolean
}

/**
 * `--shard` and `--workers` for a loaded run: an exit code when scale handled the command (the
 * threads wrote the output, or the story cannot be sharded), undefined when generate goes on as
 * usual (no scale flags, `--shard` on one thread, or `--workers` that fell back to one thread).
 */
export async function generateScaled(
  run: StoryRun,
  clean: StoryRun,
  scale: ScaleFlags,
  x: ScaledContext,
  io: CliIo,
): Promise<number | undefined> {
  const story = run.story!
  const faulted = isFaultedRun(run)
  if (scale.shard && faulted) {
    const problems = shardBlockers(story)
    io.stderr.write(`${formatDiagnostics(problems, x.input, io.cwd, story.sources).join('\n')}\n`)
    io.stderr.write(`${escapeForTerminal(x.input.file)}: ${countSummary(problems).text}; nothing generated\n`)
    return EXIT.failed
  }
  if (scale.workers === 1) return undefined
  const reason = singleThreadReason({
    sink: x.delivery.sink,
    pacing: !x.delivery.pacer.idle || x.delivery.timeline.startNow,
    follow: x.delivery.timeline.follow,
    faulted,
    target: x.target && {
      kind: x.target.kind,
      packed: x.target.kind === 'file' && x.target.file.packed !== undefined,
    },
  })
  if (reason !== undefined) {
    if (!x.quiet)
      io.stderr.write(`autosource: --workers ${scale.workers}: generating on one thread: ${reason}\n`)
    return undefined
  }
  io.handleStops()
  const part = scale.shard ?? { shard: 0, shards: 1 }
  return runWorkersToText(
    clean,
    x.input,
    x.format as OutputFormat,
    x.target!,
    { workers: scale.workers, ...part, seed: x.seed, limit: x.limit, strict: x.strict, quiet: x.quiet },
    io,
  )
}
