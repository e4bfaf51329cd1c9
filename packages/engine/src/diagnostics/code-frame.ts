import type { Diagnostic } from './diagnostic.ts'
import { LineIndex } from './line-index.ts'

/** Prints the line(s) of a span with a caret line under it, like compilers do. */
export function codeFrame(text: string, start: number, end: number, index = new LineIndex(text)): string {
  const from = index.position(start)
  const to = index.position(Math.max(start, end))
  const width = String(to.line).length
  const out: string[] = []
  const last = Math.min(to.line, from.line + 4)
  for (let line = from.line; line <= last; line++) {
    const content = index.lineText(line)
    out.push(`${String(line).padStart(width)} | ${content}`)
    const caretFrom = line === from.line ? from.column : 1
    const caretTo = line === to.line ? to.column : content.length + 1
    const carets = Math.max(1, caretTo - caretFrom)
    out.push(`${' '.repeat(width)} | ${' '.repeat(caretFrom - 1)}${'^'.repeat(carets)}`)
  }
  return out.join('\n')
}

/** Formats a diagnostic as `file:line:col: severity CODE: message`, its hint, and a code frame. */
export function formatDiagnostic(d: Diagnostic, text: string | undefined, index?: LineIndex): string {
  const idx = text === undefined ? undefined : (index ?? new LineIndex(text))
  const pos = idx ? idx.position(d.span.start) : { line: 1, column: 1 }
  let out = `${d.file}:${pos.line}:${pos.column}: ${d.severity} ${d.code}: ${d.message}`
  if (d.count !== undefined && d.count > 1) out += ` (${d.count} times)`
  if (d.hint) out += `\n  hint: ${d.hint}`
  if (text !== undefined && idx) out += `\n${codeFrame(text, d.span.start, d.span.end, idx)}`
  return out
}
