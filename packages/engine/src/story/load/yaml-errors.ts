import { type Document, visit } from 'yaml'
import { MAX_DIAGNOSTICS } from '../../diagnostics/cap-diagnostics.ts'
import { type Diagnostic, error } from '../../diagnostics/diagnostic.ts'
import type { Span } from '../../diagnostics/span.ts'
import { MAX_CALL_LENGTH, type scanSeedDialect } from '../seed-dialect.ts'
import { YAML_LIMITS } from '../yaml-tree.ts'

type Scan = ReturnType<typeof scanSeedDialect>

/** Most YAML errors of one file turned into diagnostics (the first ones; a diagnostic each at most). */
export const MAX_YAML_ERRORS = 2 * MAX_DIAGNOSTICS

/**
 * Turns the yaml package's errors into diagnostics: one cause for an unclosed seed-dialect call,
 * the opening quote of an unclosed string, and no noise after the parser lost its place.
 */
export function reportYamlErrors(
  doc: Document,
  text: string,
  file: string,
  scan: Scan,
  out: Diagnostic[],
): void {
  // A call that never closes makes YAML errors at or after it: report the cause, once, instead.
  const unclosed = scan.unclosed.map((u) => ({ ...u, extent: continuationEnd(text, u.start) }))
  const explained = new Set<number>()
  let reported = 0
  // Past MAX_YAML_ERRORS the rest would be cut by the diagnostics cap anyway: garbage input has
  // one error per token, and each is matched against the unclosed calls.
  for (const e of doc.errors.slice(0, MAX_YAML_ERRORS)) {
    const at = e.pos[0]
    const cause = unclosed.find((u) => at >= lineStartOf(text, u.start) && at <= u.extent)
    if (cause) {
      explained.add(cause.start)
      continue
    }
    if (/Maximum call stack/.test(e.message)) {
      out.push(
        error(
          'limit/depth',
          `Values are nested too deeply to parse (the limit is ${YAML_LIMITS.maxDepth} levels)`,
          file,
          { start: Math.min(at, text.length), end: Math.min(at, text.length) },
        ),
      )
      continue
    }
    const code = e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax'
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    const open = e.code === 'MISSING_CHAR' && /quote/.test(message) ? unclosedQuote(doc, at) : undefined
    if (open !== undefined) {
      // YAML notices a missing quote where the file ends; the mistake is where the string starts.
      const quote = text[open]
      out.push(
        error(
          code,
          `This string has no closing ${quote}`,
          file,
          { start: open, end: open + 1 },
          [],
          `Add ${quote} where the text ends`,
        ),
      )
      continue
    }
    // After a first syntax error the parser has lost its place, and "Unexpected ... token in YAML
    // stream" errors for every following token are noise that hides the real mistake.
    if (reported > 0 && /^Unexpected .* (token in YAML stream|at node end)/.test(message)) continue
    // The yaml package may point one past the end of the text (at a missing character).
    const start = Math.min(at, text.length)
    out.push(
      error(code, unmask(message, scan), file, {
        start,
        end: Math.min(Math.max(e.pos[1], start), text.length),
      }),
    )
    reported++
  }
  for (const u of unclosed) {
    if (!explained.has(u.start)) continue
    const name = /^[\w.]+/.exec(u.text)?.[0] ?? 'call'
    out.push(
      error(
        'yaml/unclosed-call',
        `\`${name.slice(0, 80)}(\` is never closed: the value runs on without a matching \`)\``,
        file,
        { start: u.start, end: u.end },
        [],
        'Close the call with `)`; a call may continue on lines indented deeper than its key',
      ),
    )
  }
}

/** Start of the quoted scalar that runs to `at` (where YAML found its quote missing). */
function unclosedQuote(doc: Document, at: number): number | undefined {
  let found: number | undefined
  visit(doc, {
    Scalar(_key, node) {
      const r = node.range
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < at && r[1] >= at)
        found = r[0]
    },
  })
  return found
}

/** Offset where the line holding `offset` starts. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/**
 * End of the lines that continue the value at `start`: blank lines and lines indented deeper than
 * its line (at most MAX_CALL_LENGTH on, like the scanner, so nested unclosed calls stay linear).
 */
function continuationEnd(text: string, start: number): number {
  const lineStart = lineStartOf(text, start)
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0].length ?? 0
  const bound = start + MAX_CALL_LENGTH
  let end = text.indexOf('\n', start)
  while (end >= 0 && end < bound) {
    const next = text.indexOf('\n', end + 1)
    const line = text.slice(end + 1, next < 0 ? text.length : next)
    const lineIndent = line.length - line.trimStart().length
    if (line.trim() !== '' && lineIndent <= indent) break
    end = next
  }
  return end < 0 ? text.length : end
}

/**
 * Finds where flow brackets (`[`, `{`) nest deeper than the limit, outside quotes and comments.
 * Text inside plain scalars may count too; only absurd nesting (4x the limit) is reported here,
 * the tree walk reports the rest exactly.
 */
export function flowDepthProblem(text: string): Span | undefined {
  const limit = YAML_LIMITS.maxDepth * 4
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '[' || c === '{') {
      if (++depth > limit) return { start: i, end: i + 1 }
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--
    } else if (c === '"' || c === "'") {
      // Skip a quoted string (a double-quoted one may span lines; escapes only in double quotes).
      const q = c
      for (i++; i < text.length && text[i] !== q; i++) if (q === '"' && text[i] === '\\') i++
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i)
      i = nl < 0 ? text.length : nl
    }
  }
  return undefined
}

/** YAML messages quote the masked text of seed-dialect calls (`"_____"`): show the call as written. */
function unmask(message: string, scan: Scan): string {
  if (!message.includes('___')) return message
  let out = message
  for (const v of scan.values.values()) {
    const mask = '_'.repeat(v.end - v.start)
    if (out.includes(mask)) out = out.replace(mask, v.text)
  }
  return out
}
