import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { INFER_LIMITS, inferStory, type SampleFormat, type SampleText } from '../engine.ts'
import { parseCommandArgs } from '../parse-args.ts'
import { countSummary, formatDiagnostics, plural } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'

/** Usage text of `autosource infer`. */
export const INFER_USAGE = `Usage: autosource infer SAMPLE... [--out FILE] [--format ndjson|json|csv] [--force]

Bootstraps a story from sample events: one event definition per event type (from the envelope's
\`event\`, or a \`type\`/\`event\` field) with its cadence (a Poisson rate, or repeat + every),
and per field a generator for values like the samples' (uuid, email, url, ISO/unix times,
prefixed ids such as cus_..., enums with their observed weights, fitted number distributions,
nulls, nested objects and lists, ids of another type as lookup()). Each field has a comment
saying what was inferred and how sure it is. SAMPLE is NDJSON (.ndjson, .jsonl), a JSON array
(.json) or CSV with a header row (.csv); without a known extension the text decides.
Prints the story, or writes it to --out. Exit 1 when a sample cannot be read (each problem names
its line), 2 for usage errors.

Options:
  -o, --out FILE       write the story here instead of printing it
  -f, --format FORMAT  read every SAMPLE as ndjson, json or csv
      --seed N         the story's seed (default 1)
      --force          overwrite FILE if it exists`

const FORMATS: readonly SampleFormat[] = ['ndjson', 'json', 'csv']

/** `autosource infer SAMPLE...`: writes a story that generates events like the samples. */
export async function inferCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('infer', argv, {
    help: { type: 'boolean', short: 'h' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${INFER_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length === 0) throw new UsageError('infer: give at least one sample file')
  const format = values.format === undefined ? undefined : String(values.format)
  if (format !== undefined && !FORMATS.includes(format as SampleFormat))
    throw new UsageError(`infer: --format must be ndjson, json or csv, not '${format}'`)
  const seed = values.seed === undefined ? 1 : Number(values.seed)
  if (!Number.isSafeInteger(seed))
    throw new UsageError(`infer: --seed must be an integer, not '${values.seed}'`)
  const out = values.out === undefined ? undefined : resolve(io.cwd, String(values.out))
  if (out !== undefined && existsSync(out) && !values.force) {
    io.stderr.write(`autosource: infer: ${escapeForTerminal(out)} exists; pass --force to overwrite it\n`)
    return EXIT.failed
  }
  const samples = positionals.map((path) => readSample(path, io.cwd))
  const result = inferStory(samples, { format: format as SampleFormat | undefined, seed })
  const shown = result.diagnostics.filter((d) => d.severity !== 'info')
  const lines = samples.flatMap((s) =>
    formatDiagnostics(
      shown.filter((d) => d.file === s.file),
      s,
      io.cwd,
    ),
  )
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`)
  if (result.text === '') {
    io.stderr.write(`autosource: infer: no story written (${countSummary(shown).text})\n`)
    return EXIT.failed
  }
  if (out === undefined) io.stdout.write(result.text)
  else writeFileSync(out, result.text)
  const total = result.types.reduce((s, t) => s + t.count, 0)
  const types = result.types.map((t) => `${t.event} (${t.count})`).join(', ')
  const where = out === undefined ? '' : ` to ${out}`
  io.stderr.write(
    `${escapeForTerminal(`inferred ${plural(result.types.length, 'event type')} from ${plural(total, 'sample')}${where}: ${types}`)}\n`,
  )
  return EXIT.ok
}

/** Reads one sample file, refusing directories and files over the size limit before reading them. */
function readSample(path: string, cwd: string): SampleText {
  const full = resolve(cwd, path)
  let size: number
  try {
    const stat = statSync(full)
    if (!stat.isFile()) throw new UsageError(`infer: ${path}: not a regular file`)
    size = stat.size
  } catch (e) {
    if (e instanceof UsageError) throw e
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(`infer: ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`}`)
  }
  if (size > INFER_LIMITS.maxBytes)
    throw new UsageError(
      `infer: ${path}: ${size} bytes is more than the ${INFER_LIMITS.maxBytes} samples may have`,
    )
  return { file: path, text: readFileSync(full, 'utf8') }
}
