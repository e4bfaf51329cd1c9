import type { Expr, TemplateText } from './ast.ts'
import { type ParseResult, parseExpression } from './parser.ts'

/** Parses a template (`Hello ${name}`): text runs and `${expr}` holes; `$${` is a literal `${`. */
export function parseTemplate(text: string, start = 0, end = text.length): ParseResult {
  const parts: (TemplateText | Expr)[] = []
  let buf = ''
  let bufStart = start
  let i = start
  const flush = (at: number): void => {
    if (buf) parts.push({ type: 'text', value: buf, span: { start: bufStart, end: at } })
    buf = ''
  }
  while (i < end) {
    if (text.startsWith('$${', i)) {
      if (!buf) bufStart = i
      buf += '${'
      i += 3
      continue
    }
    if (text.startsWith('${', i)) {
      flush(i)
      const close = findClose(text, i + 2, end)
      if (close < 0) {
        return {
          ok: false,
          problem: {
            code: 'expr/syntax',
            message: 'unterminated `$' + '{` in template',
            span: { start: i, end },
          },
        }
      }
      if (text.slice(i + 2, close).trim() === '') {
        return {
          ok: false,
          problem: {
            code: 'expr/syntax',
            message: 'empty `$' + '{}` in template',
            span: { start: i, end: close + 1 },
          },
        }
      }
      const r = parseExpression(text, i + 2, close)
      if (!r.ok) return r
      parts.push(r.expr)
      i = close + 1
      bufStart = i
      continue
    }
    if (!buf) bufStart = i
    buf += text[i]
    i++
  }
  flush(end)
  return { ok: true, expr: { type: 'template', parts, span: { start, end } } }
}

/** Finds the `}` closing a `${`, skipping nested braces and quoted strings; -1 when none. */
function findClose(text: string, from: number, end: number): number {
  let depth = 0
  for (let i = from; i < end; i++) {
    const c = text[i]
    if (c === "'" || c === '"') {
      i++
      while (i < end && text[i] !== c) i += text[i] === '\\' ? 2 : 1
    } else if (c === '{') depth++
    else if (c === '}') {
      if (depth === 0) return i
      depth--
    }
  }
  return -1
}
