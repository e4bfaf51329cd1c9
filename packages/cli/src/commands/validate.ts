import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { checkStory, type Diagnostic, fileIncludeResolver } from '../engine.ts'
import { parseCommandArgs } from '../parse-args.ts'
import { countSummary, formatDiagnostics, plural, readStoryInput } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'

/** Usage text of `autosource validate`. */
export const VALIDATE_USAGE = `Usage: autosource validate FILE...

Checks story files (YAML, shape, expressions, refs, cycles, includes) without generating.
Prints file:line:col: severity CODE: message and a code frame for each problem.
Exit 0 with no errors, 1 with any error, 2 for usage errors or unreadable files.`

/** `autosource validate FILE...`: every static diagnostic of each file, all at once. */
export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, {
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    io.stdout.write(`${VALIDATE_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length === 0) throw new UsageError('validate: give at least one story file')

  let errors = 0
  let warnings = 0
  let unreadable = 0
  const out: string[] = []
  for (const path of positionals) {
    let input: ReturnType<typeof readStoryInput>
    try {
      input = readStoryInput(path, io.cwd)
    } catch (e) {
      // One unreadable file must not hide the problems of the others.
      if (!(e instanceof UsageError)) throw e
      out.push(`autosource: ${e.message}`)
      unreadable++
      continue
    }
    const { diagnostics } = checkStory(input.text, {
      file: input.file,
      resolveInclude: fileIncludeResolver(io.cwd),
    })
    const shown: Diagnostic[] = diagnostics.filter((d) => d.severity !== 'info')
    out.push(...formatDiagnostics(shown, input, io.cwd))
    const counts = countSummary(shown)
    errors += counts.errors
    warnings += counts.warnings
    out.push(counts.errors + counts.warnings === 0 ? `${input.file}: ok` : `${input.file}: ${counts.text}`)
  }
  const checked = positionals.length - unreadable
  if (positionals.length > 1) {
    out.push(`${plural(checked, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`)
  }
  // Escaped once at the boundary: file names and messages quote user input.
  io.stdout.write(`${escapeForTerminal(out.join('\n'))}\n`)
  if (unreadable > 0) return EXIT.usage
  return errors > 0 ? EXIT.failed : EXIT.ok
}
