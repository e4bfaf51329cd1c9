import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { deliverToSink } from '../delivery/deliver.ts'
import { parseDeliveryFlags } from '../delivery/delivery-flags.ts'
import { timeline } from '../delivery/timeline.ts'
import {
  checkStory,
  createShardSelector,
  type OutputFormat,
  setLogLevel,
  setLogSink,
  streamStoryText,
} from '../engine.ts'
import { FAULT_OPTIONS, FAULT_USAGE, faultFlags } from '../faults-output.ts'
import { runToText } from '../generate-text.ts'
import { outputTarget } from '../output-target.ts'
import { integerFlag, parseCommandArgs } from '../parse-args.ts'
import { generateScaled } from '../scale/generate-scaled.ts'
import { parseScaleFlags, SCALE_OPTIONS, SCALE_USAGE } from '../scale/scale-flags.ts'
import { storyFromLink } from '../share-link.ts'
import {
  countSummary,
  formatDiagnostics,
  readStoryInput,
  type StoryInput,
  storyOptions,
} from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'

/** Usage text of `autosource generate`. */
export const GENERATE_USAGE = `Usage: autosource generate STORY [options]

Streams the events of a story. Output starts at once; memory stays flat.

Options:
  --seed N          override the story's seed (same story + seed = same bytes)
  --format F        ndjson (default), json (one array), csv, or parquet (with --out x.parquet)
  --out PATH        write to a file instead of stdout (written to PATH.tmp-XXXX, renamed on success;
                    a symlink is written through, a FIFO or device is written into directly);
                    with --format csv, a directory (existing, or ending in /) gets one
                    file per event type: PATH/<event>.csv; PATH ending in .gz is compressed
  --roll N          with --out: start a new file every N events
  --limit N         stop after N events
  --strict          exit 1 (and keep no output file) if any warning or schema violation appears
  --quiet           no progress line and no warnings on stderr (errors still print)
  --debug           debug logging of the engine (autosource.sim) on stderr
  --link URL        generate the story of a studio share link instead of a file
${SCALE_USAGE}
${FAULT_USAGE}

Delivery (docs/delivery.md):
  --to URL          send the events: http(s)://... (one POST each), kafka://HOST:PORT/TOPIC, postgres://...
  --body B          HTTP body: event (the whole event) or data (its data); default data for vendor-pack events
  --sign S          stripe:SECRET (Stripe-Signature) or github:SECRET (X-Hub-Signature-256 ...)
  --header 'K: V'   an extra HTTP header (repeatable)
  --concurrency N   requests in flight (default 8); each source/event keeps its order
  --timeout S       seconds per HTTP request (default 10)
  --retries N       attempts after the first on network errors, 429 and 5xx (default 6)
  --dead-letter F   append events that failed for good to F (NDJSON: event and reason)
  --key EXPR        Kafka message key from event fields (default: id), e.g. data.user_id
  --pace P          asap (default), realtime, or xN (N simulated seconds per second)
  --start now       shift every timestamp so the first event is now
  --rate N/s        at most N events per second
  --follow          keep producing in real time: a story without end_date runs again and again

Exit 0 on success (also when the reader closes early, as with | head), 1 when the story
has errors (nothing is generated), --strict fails or an event could not be delivered,
2 for usage errors, 130/143 when stopped by Ctrl-C/SIGTERM.`

const OPTIONS = {
  seed: { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  roll: { type: 'string' },
  limit: { type: 'string', short: 'n' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  link: { type: 'string' },
  to: { type: 'string' },
  body: { type: 'string' },
  sign: { type: 'string' },
  header: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'dead-letter': { type: 'string' },
  key: { type: 'string' },
  pace: { type: 'string' },
  start: { type: 'string' },
  rate: { type: 'string' },
  follow: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...FAULT_OPTIONS, // faults (issue 18)
  ...SCALE_OPTIONS, // --workers, --shard (issue 22, packages/cli/src/scale/)
} as const

const FORMATS: readonly (OutputFormat | 'parquet')[] = ['ndjson', 'json', 'csv', 'parquet']

/** `autosource generate`: streams a story's events as NDJSON, JSON or CSV, or delivers them (`--to`). */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', argv, OPTIONS)
  if (values.help) {
    io.stdout.write(`${GENERATE_USAGE}\n`)
    return EXIT.ok
  }
  const format = (values.format ?? 'ndjson') as OutputFormat | 'parquet'
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${values.format}'`)
  let seed = integerFlag('seed', values.seed, Number.MIN_SAFE_INTEGER)
  const limit = integerFlag('limit', values.limit, 0)
  const link = values.link as string | undefined
  if (link !== undefined && positionals.length > 0)
    throw new UsageError('generate: give a STORY file or --link URL, not both')
  if (link === undefined && positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'generate: give a story file' : 'generate: give exactly one story file',
    )
  }
  const delivery = parseDeliveryFlags(values, format, io)
  const scale = parseScaleFlags(values)
  const target =
    delivery.sink === undefined && format !== 'parquet'
      ? outputTarget(values.out as string | undefined, format, io.cwd, delivery.fileOptions)
      : undefined
  const quiet = Boolean(values.quiet)

  let input: StoryInput
  if (link !== undefined) {
    const linked = await storyFromLink(link)
    input = linked
    seed ??= linked.seed
  } else {
    input = readStoryInput(positionals[0], io.cwd)
  }

  if (values.debug) {
    setLogSink((ns, level, message) => io.stderr.write(escapeForTerminal(`[${ns}] ${level}: ${message}\n`)))
    setLogLevel('autosource.sim', 'debug')
  }
  try {
    // A followed story runs cycle after cycle: the limit counts over all of them (timeline).
    const engineLimit = delivery.timeline.follow ? undefined : limit
    const load = storyOptions(input, io.cwd)
    const shard = scale.shard && createShardSelector(scale.shard)
    const clean = streamStoryText(input.text, { ...load, seed, limit: engineLimit, shard })
    // faults (issue 18): delivery order, --faults-log, --no-faults (packages/cli/src/faults-output.ts)
    const faults = faultFlags(clean, values, seed, io.cwd, delivery.timeline.follow)
    const run = faults.run
    if (run.failed || !run.story) {
      // Everything wrong at once, as `validate` reports it (the run stops at the first failing phase).
      const checked = checkStory(input.text, load)
      const shown = checked.diagnostics.filter((d) => d.severity !== 'info')
      writeLines(io, formatDiagnostics(shown, input, io.cwd, run.story?.sources))
      io.stderr.write(escapeForTerminal(`${input.file}: ${countSummary(shown).text}; nothing generated\n`))
      return EXIT.failed
    }
    const scaled = await generateScaled(
      run,
      clean,
      scale,
      { input, format, target, delivery, seed, limit, strict: Boolean(values.strict), quiet },
      io,
    )
    if (scaled !== undefined) return scaled
    const baseSeed = seed ?? run.story.seed
    const records = timeline(
      run,
      // --follow: every cycle gets faults of its own, seeded like its data (story seed + cycle).
      (cycle, offsetMs) =>
        faults.cycle(
          streamStoryText(input.text, { ...load, seed: baseSeed + cycle }),
          baseSeed + cycle,
          offsetMs,
        ),
      { ...delivery.timeline, limit },
    )
    const pacer = delivery.pacer
    // From here on a stop is clean: flushed, reported, temp files removed (main.ts exits otherwise).
    io.handleStops()
    const flags = { strict: Boolean(values.strict), quiet, limit }
    if (target === undefined) {
      const makeSink = delivery.openSink(run.story, values.out as string | undefined)
      return await deliverToSink(
        run,
        records,
        makeSink,
        { ...flags, pacer, input, deadLetter: delivery.deadLetter },
        io,
      )
    }
    const endless = delivery.timeline.follow && run.story.end === undefined
    return await runToText(
      run,
      records,
      input,
      format as OutputFormat,
      target,
      { ...flags, pacer, endless },
      io,
    )
  } finally {
    if (values.debug) setLogLevel('autosource.sim', 'silent')
  }
}

function writeLines(io: CliIo, lines: string[]): void {
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`)
}
