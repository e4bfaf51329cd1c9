import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AtomicFile } from '../atomic-file.ts'
import { ChunkWriter } from '../chunk-writer.ts'
import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import {
  checkStory,
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  expectedTotal,
  fileIncludeResolver,
  type OutputFormat,
  type StoryEvent,
  type StoryRun,
  serializeChunks,
  serializeCsvChunks,
  serializeCsvRow,
  setLogLevel,
  setLogSink,
  streamStory,
} from '../engine.ts'
import { applyFaultFlags, FAULT_OPTIONS, FAULT_USAGE, faultChunks, faultCsvRow } from '../faults-output.ts' // faults (issue 18)
import { integerFlag, parseCommandArgs } from '../parse-args.ts'
import { Progress } from '../progress.ts'
import { storyFromLink } from '../share-link.ts'
import { countSummary, formatDiagnostics, readStoryInput, type StoryInput } from '../story-input.ts'

/** Usage text of `autosource generate`. */
export const GENERATE_USAGE = `Usage: autosource generate STORY [options]

Streams the events of a story. Output starts at once; memory stays flat.

Options:
  --seed N          override the story's seed (same story + seed = same bytes)
  --format F        ndjson (default), json (one array) or csv
  --out PATH        write to a file instead of stdout (written to PATH.tmp-XXXX, renamed on success);
                    with --format csv, a directory (existing, or ending in /) gets one
                    file per event type: PATH/<event>.csv
  --limit N         stop after N events
  --strict          exit 1 (and keep no output file) if any warning or schema violation appears
  --quiet           no progress line and no warnings on stderr (errors still print)
  --debug           debug logging of the engine (autosource.sim) on stderr
  --link URL        generate the story of a studio share link instead of a file
${FAULT_USAGE}

Exit 0 on success (also when the reader closes early, as with | head), 1 when the story
has errors (nothing is generated) or --strict fails, 2 for usage errors.`

const OPTIONS = {
  seed: { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  limit: { type: 'string', short: 'n' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  link: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...FAULT_OPTIONS, // faults (issue 18)
} as const

const FORMATS: readonly OutputFormat[] = ['ndjson', 'json', 'csv']

/** Size of the text chunks handed to the output stream. */
const CHUNK_CHARS = 1 << 16

/** Where the output goes: stdout, one file, or one CSV file per event type in a directory. */
type Target = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'dir'; path: string }

interface Sink {
  file?: AtomicFile
  writer: ChunkWriter
}

/** `autosource generate`: streams a story's events as NDJSON, JSON or CSV. */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', argv, OPTIONS)
  if (values.help) {
    io.stdout.write(`${GENERATE_USAGE}\n`)
    return EXIT.ok
  }
  const format = (values.format ?? 'ndjson') as OutputFormat
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
  const target = outputTarget(values.out as string | undefined, format, io.cwd)
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
    setLogSink((ns, level, message) => io.stderr.write(`[${ns}] ${level}: ${message}\n`))
    setLogLevel('autosource.sim', 'debug')
  }
  try {
    const clean = streamStory(input.text, {
      file: input.file,
      seed,
      limit,
      resolveInclude: fileIncludeResolver(io.cwd),
    })
    // faults (issue 18): delivery order, --faults-log, --no-faults (packages/cli/src/faults-output.ts)
    const run = applyFaultFlags(clean, values, seed, io.cwd)
    if (run.failed || !run.story) {
      // Everything wrong at once, as `validate` reports it (the run stops at the first failing phase).
      const checked = checkStory(input.text, {
        file: input.file,
        resolveInclude: fileIncludeResolver(io.cwd),
      })
      const shown = checked.diagnostics.filter((d) => d.severity !== 'info')
      writeLines(io, formatDiagnostics(shown, input, io.cwd, run.story?.sources))
      io.stderr.write(`${input.file}: ${countSummary(shown).text}; nothing generated\n`)
      return EXIT.failed
    }
    return await runToOutput(run, input, format, target, { strict: Boolean(values.strict), quiet, limit }, io)
  } finally {
    if (values.debug) setLogLevel('autosource.sim', 'silent')
  }
}

/** Decides where output goes; a bad `--out` is a usage error before anything runs. */
function outputTarget(out: string | undefined, format: OutputFormat, cwd: string): Target {
  if (out === undefined || out === '-') return { kind: 'stdout' }
  const full = resolve(cwd, out)
  const isDir = (existsSync(full) && statSync(full).isDirectory()) || /[\\/]$/.test(out)
  if (isDir) {
    if (format !== 'csv') {
      throw new UsageError(
        `--out ${out} is a directory: one file per event type is for --format csv; give a file name`,
      )
    }
    return { kind: 'dir', path: full }
  }
  const parent = dirname(full)
  if (!existsSync(parent) || !statSync(parent).isDirectory())
    throw new UsageError(`--out ${out}: directory ${parent} does not exist`)
  return { kind: 'file', path: full }
}

interface RunFlags {
  strict: boolean
  quiet: boolean
  limit: number | undefined
}

/** Generates into the target, then commits (renames) or discards the files. */
async function runToOutput(
  run: StoryRun,
  input: StoryInput,
  format: OutputFormat,
  target: Target,
  flags: RunFlags,
  io: CliIo,
): Promise<number> {
  const story = run.story!
  const known = expectedTotal(story)
  const total =
    flags.limit === undefined ? known : known === undefined ? flags.limit : Math.min(known, flags.limit)
  const progress = io.stderrIsTty && !flags.quiet ? new Progress(io.stderr, io.now, total) : undefined

  const sinks: Sink[] = []
  const abortAll = async () => {
    progress?.clear()
    for (const s of sinks) await s.file?.abort()
  }

  let completed: boolean
  try {
    if (target.kind === 'dir') {
      completed = await writePerType(run, target.path, sinks, progress)
    } else {
      const file = target.kind === 'file' ? new AtomicFile(target.path) : undefined
      const sink: Sink = { file, writer: new ChunkWriter(file ? file.stream : io.stdout) }
      sinks.push(sink)
      const chunks =
        faultChunks(run, format, csvColumns(story), CHUNK_CHARS) ?? // faults (issue 18)
        (format === 'csv'
          ? serializeCsvChunks(run, csvColumns(story), CHUNK_CHARS)
          : serializeChunks(run, format, CHUNK_CHARS))
      completed = true
      for (const chunk of chunks) {
        if (!(await sink.writer.write(chunk))) {
          completed = false
          break
        }
        progress?.update(run.summary().total)
      }
    }
  } catch (e) {
    await abortAll()
    io.stderr.write(`autosource: internal error while generating: ${(e as Error)?.stack ?? e}\n`)
    return EXIT.failed
  }

  const writeError = sinks.find((s) => s.writer.error)?.writer.error
  if (writeError) {
    await abortAll()
    io.stderr.write(`autosource: cannot write output: ${writeError.message}\n`)
    return EXIT.failed
  }
  if (!completed) {
    // The reader went away (`| head`): a normal way to stop, not a failure.
    await abortAll()
    return EXIT.ok
  }

  const shown = run.diagnostics.filter((d) => d.severity !== 'info')
  const counts = countSummary(shown)
  const strictFailed =
    flags.strict && shown.some((d) => d.severity === 'warning' || d.code.startsWith('schema/'))
  if (counts.errors > 0 || strictFailed) {
    await abortAll()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    const why = counts.errors > 0 ? counts.text : `--strict: ${counts.text}`
    const kept = target.kind === 'stdout' ? '' : '; no output file written'
    io.stderr.write(`${input.file}: ${why}${kept}\n`)
    return EXIT.failed
  }
  for (const s of sinks) await s.file?.commit()
  if (!flags.quiet && shown.length > 0) {
    progress?.clear()
    writeLines(io, formatDiagnostics(shown, input, io.cwd, story.sources))
    io.stderr.write(`${input.file}: ${counts.text}\n`)
  }
  progress?.finish(run.summary().total)
  return EXIT.ok
}

/** `--format csv --out DIR`: one file per event type, each with the columns of its own definitions. */
async function writePerType(
  run: StoryRun,
  dir: string,
  sinks: Sink[],
  progress: Progress | undefined,
): Promise<boolean> {
  mkdirSync(dir, { recursive: true })
  const byType = new Map<string, { sink: Sink; columns: string[]; buf: string }>()
  const used = new Set<string>()
  for (const [type, columns] of csvColumnsByEvent(run.story!)) {
    const file = new AtomicFile(join(dir, uniqueFileName(type, used)))
    const sink: Sink = { file, writer: new ChunkWriter(file.stream) }
    sinks.push(sink)
    byType.set(type, { sink, columns, buf: csvHeader(columns) })
  }
  for (const event of run as Iterable<StoryEvent>) {
    const out = byType.get(event.event)!
    out.buf += faultCsvRow(run, event, out.columns) ?? serializeCsvRow(event, out.columns) // faults (issue 18)
    if (out.buf.length >= CHUNK_CHARS) {
      if (!(await out.sink.writer.write(out.buf))) return false
      out.buf = ''
      progress?.update(run.summary().total)
    }
  }
  for (const out of byType.values()) {
    if (out.buf && !(await out.sink.writer.write(out.buf))) return false
  }
  return true
}

/** `user.signup` -> `user.signup.csv`; anything unsafe in a file name becomes `_`; clashes get `-2`. */
export function uniqueFileName(eventType: string, used: Set<string>): string {
  let base = eventType.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'
  if (base.length > 200) base = base.slice(0, 200)
  let name = `${base}.csv`
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}.csv`
  used.add(name.toLowerCase())
  return name
}

function writeLines(io: CliIo, lines: string[]): void {
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`)
}
