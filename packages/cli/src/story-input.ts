import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from './cli-io.ts'
import { type Diagnostic, fileIncludeResolver, formatDiagnostic, type LoadOptions } from './engine.ts'
import { escapeForTerminal } from './terminal-text.ts'

/** A story file read from disk: the name shown in diagnostics (as the user wrote it) and its text. */
export interface StoryInput {
  file: string
  text: string
  /** The text came from a share link: it may include nothing and no file is ever read for it. */
  fromLink?: boolean
}

/**
 * How to load an input: a file's `include:` reads files next to it; a share link's never reads
 * anything (every include is `story/include-in-link`, no resolver is even passed).
 */
export function storyOptions(input: StoryInput, cwd: string): LoadOptions {
  if (input.fromLink) return { file: input.file, fromLink: true }
  return { file: input.file, resolveInclude: fileIncludeResolver(cwd) }
}

/** Reads a story file; a missing or unreadable file is a clear UsageError, not a stack trace. */
export function readStoryInput(path: string, cwd: string): StoryInput {
  const full = resolve(cwd, path)
  try {
    if (statSync(full).isDirectory()) throw new UsageError(`${path}: is a directory, not a story file`)
    return { file: path, text: readFileSync(full, 'utf8') }
  } catch (e) {
    if (e instanceof UsageError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`)
    if (code === 'EACCES') throw new UsageError(`${path}: permission denied`)
    throw new UsageError(`${path}: cannot read (${code ?? (e as Error).message})`)
  }
}

/**
 * Formats diagnostics with code frames, escaped for the terminal (a story's control characters
 * never reach it raw). Texts come from the loaded story's sources, else the main input, else the
 * file on disk (an included file that failed to load), never for a share link.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  input: StoryInput,
  cwd: string,
  sources: Record<string, string> = {},
): string[] {
  const texts = new Map<string, string | undefined>(Object.entries(sources))
  texts.set(input.file, input.text)
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      let text: string | undefined
      try {
        if (input.fromLink) throw new Error('a link reads no files')
        text = readFileSync(resolve(cwd, file), 'utf8')
      } catch {
        text = undefined
      }
      texts.set(file, text)
    }
    return texts.get(file)
  }
  return diagnostics.map((d) => escapeForTerminal(formatDiagnostic(d, textOf(d.file))))
}

/** Counts of a list of diagnostics, e.g. for "2 errors, 1 warning". */
export function countSummary(diagnostics: readonly Diagnostic[]): {
  errors: number
  warnings: number
  text: string
} {
  let errors = 0
  let warnings = 0
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++
    else if (d.severity === 'warning') warnings++
  }
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  return { errors, warnings, text }
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
