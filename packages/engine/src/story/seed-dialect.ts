/**
 * The seed dialect: the product's original examples write expression values that are not
 * valid YAML, e.g. `source: weighted({'google': 0.6, 'direct': 0.3})` (a plain scalar may
 * not contain `: `) and a `switch(plan, {...})` call spread over several lines.
 *
 * Before YAML parsing we find every unquoted block value that is a call (`name(` running to
 * its balanced closing parenthesis, possibly over several lines), remember its exact text and
 * offset, and mask it with a same-length run of `_` so the YAML parser sees an ordinary
 * one-line plain scalar. Because the mask has the same length, every offset the YAML parser
 * reports is an offset in the original file: no span ever moves.
 */

/** One call value found in the source, exactly as written. */
export interface DialectValue {
  start: number
  end: number
  text: string
}

/** The masked text for the YAML parser and the values it hides, keyed by start offset. */
export interface DialectScan {
  masked: string
  values: Map<number, DialectValue>
  /** Calls that never close: reported by the loader with a precise span. */
  unclosed: DialectValue[]
}

// A block value position: indentation, optional `- ` sequence markers, an optional key and `: `,
// an optional anchor `&name `, then a call `ident(`, `ident.path(`. Keys may be quoted.
const VALUE_START =
  /^([ \t]*)((?:-[ \t]+)*)(?:("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:[ \t]+)?(?:&[^\s,[\]{}]+[ \t]+)?([A-Za-z_][\w.]*\()/

/**
 * Longest call value the scanner follows (the expression parser's own limit): bounding it keeps
 * the scan linear on hostile input such as thousands of nested unclosed `f(` lines.
 */
export const MAX_CALL_LENGTH = 20_000

/** Finds seed-dialect call values and masks them for the YAML parser. */
export function scanSeedDialect(text: string): DialectScan {
  const values = new Map<number, DialectValue>()
  const unclosed: DialectValue[] = []
  let masked: string[] | undefined
  let lineStart = 0
  let blockScalarIndent = -1
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = text.length
    const line = text.slice(lineStart, lineEnd)
    const indent = line.length - line.trimStart().length
    if (blockScalarIndent >= 0) {
      // Inside a `|` or `>` block scalar: its lines are text, not values.
      if (line.trim() === '' || indent > blockScalarIndent) {
        lineStart = lineEnd + 1
        continue
      }
      blockScalarIndent = -1
    }
    if (/:[ \t]*[|>][-+0-9]*[ \t]*(#.*)?$/.test(line)) blockScalarIndent = indent
    const m = VALUE_START.exec(line)
    if (m && !line.trimStart().startsWith('#')) {
      const callStart = lineStart + m[0].length - m[4].length
      const end = findCallEnd(text, callStart + m[4].length - 1, indent)
      if (end < 0) {
        const stop = Math.min(text.length, lineEnd)
        unclosed.push({ start: callStart, end: stop, text: text.slice(callStart, stop) })
      } else if (restOfLineIsEmpty(text, end)) {
        const value = { start: callStart, end, text: text.slice(callStart, end) }
        values.set(callStart, value)
        masked ??= text.split('')
        for (let i = callStart; i < end; i++) masked[i] = '_'
        const endLine = text.indexOf('\n', end)
        lineStart = endLine < 0 ? text.length + 1 : endLine + 1
        continue
      }
    }
    if (line.includes('(') && (line.includes('{') || line.includes('['))) {
      for (const value of flowCalls(text, lineStart, lineEnd)) {
        values.set(value.start, value)
        masked ??= text.split('')
        for (let i = value.start; i < value.end; i++) masked[i] = '_'
      }
    }
    lineStart = lineEnd + 1
  }
  return { masked: masked ? masked.join('') : text, values, unclosed }
}

// Inside a flow collection, after `{`, `[` or `,`: an optional key and `: `, then a call.
const FLOW_ITEM =
  /^[ \t]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[A-Za-z_$][\w.$-]*)[ \t]*:[ \t]+)?([A-Za-z_][\w.]*\()/

/**
 * Calls inside one-line flow collections, e.g. `data: { plan: choice(['a', 'b']), n: 1 }`:
 * the same masking as block values, for calls that close on the line and end their item.
 */
function flowCalls(text: string, lineStart: number, lineEnd: number): DialectValue[] {
  const found: DialectValue[] = []
  // Where each `(` of the line closes, found in one pass: asking findCallEnd at every comma of a
  // long line of unclosed calls (`[f(1, f(1, ...`) would rescan the line each time (quadratic).
  const closes = callEnds(text, lineStart, lineEnd)
  let depth = 0
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text[i]
    if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break
    // Outside a flow collection only a value's first character can open one (or a quoted
    // string): `a: "x ${f(1)}"` and `a: text {b}` are scalars, not collections.
    const valueStart = depth > 0 || startsValue(text, lineStart, i)
    if ((c === '"' || c === "'") && valueStart) {
      const close = skipString(text, i)
      if (close < 0) break
      i = close - 1
      continue
    }
    if (c === '}' || c === ']') depth = Math.max(0, depth - 1)
    if (c !== '{' && c !== '[' && !(c === ',' && depth > 0)) continue
    if (c !== ',' && !valueStart) continue
    if (c !== ',') depth++
    const m = FLOW_ITEM.exec(text.slice(i + 1, lineEnd))
    if (!m) continue
    const start = i + 1 + m[0].length - m[1].length
    const end = closes.get(start + m[1].length - 1) ?? -1
    if (end < 0 || end > lineEnd) continue
    let next = end
    while (next < lineEnd && (text[next] === ' ' || text[next] === '\t')) next++
    const after = text[next]
    if (after !== ',' && after !== '}' && after !== ']') continue
    found.push({ start, end, text: text.slice(start, end) })
    i = end - 1
  }
  return found
}

/** True when `i` is where a block value starts: after `key: `, `- ` or at the line's first character. */
function startsValue(text: string, lineStart: number, i: number): boolean {
  let j = i - 1
  while (j >= lineStart && (text[j] === ' ' || text[j] === '\t')) j--
  if (j < lineStart) return true
  return (text[j] === ':' || text[j] === '-') && j < i - 1
}

/**
 * For every `(` on one line, the offset just after the `)` that closes it, or -1 (closed by
 * another bracket, or not on this line): findCallEnd's answer for each, in a single pass.
 */
function callEnds(text: string, lineStart: number, lineEnd: number): Map<number, number> {
  const ends = new Map<number, number>()
  const open: number[] = []
  const giveUp = () => {
    for (const o of open) if (text[o] === '(') ends.set(o, -1)
    open.length = 0
  }
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text[i]
    if ((c === '"' || c === "'") && open.length) {
      const close = skipString(text, i)
      if (close < 0 || close > lineEnd) break
      i = close - 1
    } else if (c === '#' && open.length && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
      break
    } else if (c === '(' || c === '[' || c === '{') {
      open.push(i)
    } else if ((c === ')' || c === ']' || c === '}') && open.length) {
      const o = open.pop()!
      if (text[o] === '(') ends.set(o, c === ')' ? i + 1 : -1)
    }
  }
  giveUp()
  return ends
}

/**
 * Returns the offset just after the `)` that closes the `(` at `open`, skipping string
 * literals and nested brackets; -1 when the call does not close before a line that is
 * indented at or left of the key and does not start with a closing bracket.
 */
function findCallEnd(text: string, open: number, keyIndent: number): number {
  let depth = 0
  let i = open
  const stop = Math.min(text.length, open + MAX_CALL_LENGTH)
  while (i < stop) {
    const c = text[i]
    if (c === "'" || c === '"') {
      const close = skipString(text, i)
      if (close < 0) return -1
      i = close
      continue
    }
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) return c === ')' ? i + 1 : -1
    } else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return -1 // a YAML comment inside an open call: not a dialect value
    } else if (c === '\n') {
      NEXT_LINE.lastIndex = i + 1
      const next = NEXT_LINE.exec(text)
      if (next && next[2] !== '' && next[1].length <= keyIndent && !')]}'.includes(next[2])) return -1
    }
    i++
  }
  return -1
}

// The indentation and first character of a line (sticky: matched in place, no slicing).
const NEXT_LINE = /([ \t]*)(\S?)/y

/** Offset after the closing quote of the string starting at `i`, or -1 when it does not close on its line. */
function skipString(text: string, i: number): number {
  const q = text[i]
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]
    if (c === '\\') j++
    else if (c === q) return j + 1
    else if (c === '\n') return -1
  }
  return -1
}

function restOfLineIsEmpty(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === '\n' || c === '\r' || c === '#') return true
    if (c !== ' ' && c !== '\t') return false
  }
  return true
}
