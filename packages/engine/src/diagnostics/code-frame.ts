import type { Diagnostic } from './diagnostic.ts'
import { LineIndex } from './line-index.ts'
import { safeTerminalText } from './safe-text.ts'

/** Longest line a code frame prints whole; longer lines show a window around the span. */
export const CODE_FRAME_WIDTH = 120

/**
 * Prints the line(s) of a span with a caret line under it, like compilers do (at most 5 lines).
 * Control and bidi characters of the text are shown escaped, with the carets under them.
 */
export function codeFrame(text: string, start: number, end: number, index = new LineIndex(text)): string {
  const from = index.position(start)
  let to = index.position(Math.max(start, end))
  // A span that ends just after a line break ends on the line before (no caret under the next line).
  if (to.column === 1 && to.line > from.line)
    to = { line: to.line - 1, column: index.lineText(to.line - 1).length + 1 }
  const last = Math.min(to.line, from.line + 4)
  const width = String(last).length
  const out: string[] = []
  for (let line = from.line; line <= last; line++) {
    const content = index.lineText(line)
    const caretFrom = line === from.line ? from.column : 1
    const caretTo = line === to.line ? to.column : content.length + 1
    const carets = Math.max(1, caretTo - caretFrom)
    // A window around the span on very long lines (a 2 MB one-line file must not flood the terminal).
    let shown = content
    let shift = 0
    if (content.length > CODE_FRAME_WIDTH) {
      const left = Math.max(0, Math.min(caretFrom - 1 - 40, content.length - CODE_FRAME_WIDTH))
      const right = Math.min(content.length, left + CODE_FRAME_WIDTH)
      shown = `${left > 0 ? '…' : ''}${content.slice(left, right)}${right < content.length ? '…' : ''}`
      shift = (left > 0 ? 1 : 0) - left
    }
    const before = Math.max(0, caretFrom - 1 + shift)
    const room = Math.max(1, Math.min(carets, shown.length - before + 1))
    // Control and bidi characters print escaped (`\u001b`): measure the carets on the escaped text.
    const head = safeTerminalText(shown.slice(0, before))
    const marked = safeTerminalText(shown.slice(before, before + room))
    const tail = safeTerminalText(shown.slice(before + room))
    out.push(`${String(line).padStart(width)} | ${head}${marked}${tail}`)
    // Keep tabs under tabs so the caret lines up however wide the terminal draws a tab.
    const pad = head.replace(/[^\t]/g, ' ') + ' '.repeat(Math.max(0, before - shown.length))
    const beyond = Math.max(0, before + room - Math.max(before, shown.length))
    out.push(`${' '.repeat(width)} | ${pad}${'^'.repeat(Math.max(1, marked.length + beyond))}`)
  }
  if (last < to.line) out.push(`${' '.repeat(width)} | …`)
  return out.join('\n')
}

/** Formats a diagnostic as `file:line:col: severity CODE: message`, its hint, and a code frame. */
export function formatDiagnostic(d: Diagnostic, text: string | undefined, index?: LineIndex): string {
  const idx = text === undefined ? undefined : (index ?? new LineIndex(text))
  const pos = idx ? idx.position(d.span.start) : { line: 1, column: 1 }
  // File names, messages and hints quote story text: escape what a terminal would act on.
  let out = `${safeTerminalText(d.file)}:${pos.line}:${pos.column}: ${d.severity} ${d.code}: ${safeTerminalText(d.message)}`
  if (d.count !== undefined && d.count > 1) out += ` (${d.count} times)`
  if (d.hint) out += `\n  hint: ${safeTerminalText(d.hint)}`
  if (text !== undefined && idx) out += `\n${codeFrame(text, d.span.start, d.span.end, idx)}`
  return out
}
