import { resolve } from 'node:path'
import { ChunkWriter } from '../chunk-writer.ts'
import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { openOutputFile, outputPath } from '../output-target.ts'
import { integerFlag, parseCommandArgs } from '../parse-args.ts'
import { mergeParts } from '../scale/merge-parts.ts'
import { PartError } from '../scale/part-reader.ts'
import { escapeForTerminal } from '../terminal-text.ts'

/** Usage text of `autosource merge`. */
export const MERGE_USAGE = `Usage: autosource merge PART... [options]

Merges the parts of one run (autosource generate --shard K/N, for every K) into exactly the
output of the unsharded run (docs/scale.md). The parts may come in any order; .gz parts are read
compressed.

Options:
  --format F        ndjson (default; csv when the first part ends in .csv or .csv.gz)
  --out PATH        write to a file instead of stdout (renamed into place on success)
  --limit N         stop after N events (the unsharded run with --limit N)

Exit 0 on success, 1 when the parts cannot be merged (not disjoint, not in run order), 2 for usage errors.`

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  limit: { type: 'string', short: 'n' },
  help: { type: 'boolean', short: 'h' },
} as const

/** `autosource merge PART...`: a k-way merge of shard outputs by timestamp (scale/merge-parts.ts). */
export async function mergeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('merge', argv, OPTIONS)
  if (values.help) {
    io.stdout.write(`${MERGE_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length === 0) throw new UsageError('merge: give the part files')
  const format =
    (values.format as string | undefined) ?? (/\.csv(\.gz)?$/.test(positionals[0]) ? 'csv' : 'ndjson')
  if (format !== 'ndjson' && format !== 'csv')
    throw new UsageError(`--format must be ndjson or csv, got '${format}'`)
  const limit = integerFlag('limit', values.limit as string | undefined, 0)
  const out = values.out as string | undefined
  const file =
    out !== undefined && out !== '-' ? openOutputFile(outputPath(resolve(io.cwd, out), out)) : undefined
  const writer = new ChunkWriter(file?.stream ?? io.stdout, io.stop)
  try {
    await mergeParts(
      positionals.map((p) => resolve(io.cwd, p)),
      { csv: format === 'csv', limit, write: (text) => writer.write(text) },
    )
  } catch (e) {
    await file?.abort()
    const known = e instanceof PartError || (e as NodeJS.ErrnoException)?.code !== undefined
    io.stderr.write(
      `autosource: merge: ${escapeForTerminal(known ? (e as Error).message : String((e as Error)?.stack ?? e))}\n`,
    )
    return EXIT.failed
  }
  if (writer.error) {
    await file?.abort()
    io.stderr.write(`autosource: cannot write output: ${escapeForTerminal(writer.error.message)}\n`)
    return EXIT.failed
  }
  await file?.commit()
  return EXIT.ok
}
