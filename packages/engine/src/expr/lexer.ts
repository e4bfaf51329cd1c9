import type { Span } from '../diagnostics/span.ts'

/** A token of the expression language; offsets are into the whole source text. */
export interface Token {
  kind: 'number' | 'string' | 'name' | 'punct' | 'eof'
  /** Identifier or punctuation text; the decoded value for strings. */
  value: string
  /** Numeric value of a number token. */
  num: number
  /** True when a number was written with a decimal point or an exponent (`1.0`, `1e3`). */
  isFloat: boolean
  start: number
  end: number
}

/** A problem found while lexing or parsing, with offsets into the source text. */
export interface SyntaxProblem {
  code: string
  message: string
  span: Span
  hint?: string
}

const PUNCT2 = new Set(['==', '!=', '<=', '>=', '&&', '||', '??'])
const PUNCT1 = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '=',
])

/** Thrown inside the parser to stop at the first syntax error of one expression. */
export class SyntaxAbort extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.message)
  }
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
}

/**
 * `$` is a name character (PostHog's `$set`, `$current_url`; the context names `$event`...),
 * except in `${`, which opens a template hole and never starts or continues a name.
 */
function isDollar(text: string, i: number, end: number): boolean {
  return text.charCodeAt(i) === 36 && !(i + 1 < end && text.charCodeAt(i + 1) === 123)
}

function isIdentStart(text: string, i: number, end: number): boolean {
  return isLetter(text.charCodeAt(i)) || isDollar(text, i, end)
}

function isIdentPart(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i)
  return isLetter(c) || (c >= 48 && c <= 57) || isDollar(text, i, end)
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Splits `text[start, end)` into tokens; newlines are whitespace (multi-line seed values). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = []
  let i = start
  const tok = (kind: Token['kind'], value: string, s: number, e: number, num = 0, isFloat = false): void => {
    out.push({ kind, value, num, isFloat, start: s, end: e })
  }
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++
      continue
    }
    if (c === 35) {
      // `# comment` to the end of the line: lets multi-line values carry notes.
      while (i < end && text.charCodeAt(i) !== 10) i++
      continue
    }
    if (isIdentStart(text, i, end)) {
      const s = i
      while (i < end && isIdentPart(text, i, end)) i++
      tok('name', text.slice(s, i), s, i)
      continue
    }
    if (isDigit(c) || (c === 46 && i + 1 < end && isDigit(text.charCodeAt(i + 1)))) {
      const s = i
      let isFloat = false
      while (i < end && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i++
      if (i < end && text.charCodeAt(i) === 46 && i + 1 < end && isDigit(text.charCodeAt(i + 1))) {
        isFloat = true
        i++
        while (i < end && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i++
      } else if (i < end && text.charCodeAt(i) === 46 && !(i + 1 < end && isIdentStart(text, i + 1, end))) {
        // `1.` is a float too (Python writes it), but `1.foo` stays a member access error.
        isFloat = true
        i++
      }
      if (i < end && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69)) {
        let j = i + 1
        if (j < end && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45)) j++
        if (j < end && isDigit(text.charCodeAt(j))) {
          isFloat = true
          i = j
          while (i < end && isDigit(text.charCodeAt(i))) i++
        }
      }
      if (i < end && isIdentPart(text, i, end)) {
        const e0 = i
        while (i < end && isIdentPart(text, i, end)) i++
        throw new SyntaxAbort({
          code: 'expr/syntax',
          message: `invalid number \`${text.slice(s, i)}\``,
          span: { start: s, end: Math.max(e0, i) },
        })
      }
      const raw = text.slice(s, i).replaceAll('_', '')
      const value = Number(raw)
      // `1e999` would silently be Infinity: say so where it is written.
      if (!Number.isFinite(value)) {
        throw new SyntaxAbort({
          code: 'expr/syntax',
          message: `number \`${raw.slice(0, 40)}\` is too large (the largest is about 1.8e308)`,
          span: { start: s, end: i },
        })
      }
      tok('number', raw, s, i, value, isFloat)
      continue
    }
    if (c === 39 || c === 34) {
      const s = i
      i++
      let value = ''
      let closed = false
      while (i < end) {
        const d = text.charCodeAt(i)
        if (d === c) {
          closed = true
          i++
          break
        }
        if (d === 92) {
          const r = readEscape(text, i, end)
          value += r.value
          i = r.next
          continue
        }
        value += text[i]
        i++
      }
      if (!closed) {
        throw new SyntaxAbort({
          code: 'expr/syntax',
          message: 'unterminated string',
          span: { start: s, end: i },
        })
      }
      tok('string', value, s, i)
      continue
    }
    const two = text.slice(i, i + 2)
    if (i + 1 < end && PUNCT2.has(two)) {
      tok('punct', two, i, i + 2)
      i += 2
      continue
    }
    const one = text[i]
    if (PUNCT1.has(one)) {
      tok('punct', one, i, i + 1)
      i++
      continue
    }
    const cp = text.codePointAt(i) ?? c
    const ch = String.fromCodePoint(cp)
    throw new SyntaxAbort({
      code: 'expr/syntax',
      message: ch === '\\' ? 'a backslash is only allowed inside a string' : `unexpected character \`${ch}\``,
      span: { start: i, end: i + ch.length },
    })
  }
  tok('eof', '', end, end)
  return out
}

function readEscape(text: string, i: number, end: number): { value: string; next: number } {
  const n = text[i + 1]
  if (i + 1 >= end)
    throw new SyntaxAbort({ code: 'expr/syntax', message: 'unterminated string', span: { start: i, end } })
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' }
  if (Object.hasOwn(simple, n)) return { value: simple[n], next: i + 2 }
  if (n === 'u' || n === 'x') {
    let hex: string
    let next: number
    if (n === 'u' && text[i + 2] === '{') {
      const close = text.indexOf('}', i + 3)
      hex = close < 0 || close > end ? '' : text.slice(i + 3, close)
      next = close + 1
    } else {
      const len = n === 'u' ? 4 : 2
      hex = text.slice(i + 2, Math.min(end, i + 2 + len))
      next = i + 2 + len
      if (hex.length !== len) hex = ''
    }
    const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN
    if (!(code <= 0x10ffff)) {
      throw new SyntaxAbort({
        code: 'expr/syntax',
        message: 'invalid escape sequence',
        span: { start: i, end: Math.min(end, i + 2) },
      })
    }
    return { value: String.fromCodePoint(code), next }
  }
  return { value: n, next: i + 2 }
}
