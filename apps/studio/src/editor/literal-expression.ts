/**
 * The studio's own lint: a `data` value written as a plain string that reads like an expression over
 * its sibling fields (`total: price * qty`) is a literal, so the story writes the text "price * qty"
 * and the check says nothing. This finds such values and offers the `=` fix (pure: tested in Node).
 */
import { LineIndex, type PositionedDiagnostic, type StoryOutline } from '@autosource/engine/worker'

/** The code of the warning (listed in the engine's codes.ts and docs/diagnostics.md). */
export const LITERAL_EXPRESSION = 'story/literal-expression'

/** Names an expression may use besides sibling fields (SPEC section 3). */
const CONTEXT_NAMES = new Set(['timestamp', 'index', 'org_id', 'source', 'event'])

const OPERAND = /^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|\d+(?:\.\d+)?)$/
const OPERATORS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '??',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '&&',
  '||',
])
// Operators split on whitespace, and `*`, `+`, `%` also without it (`price*qty`); `-` and `/` only with
// spaces, so `in-progress` or `n/a` stay words.
const SPLIT = /\s+(\?\?|==|!=|<=|>=|&&|\|\||and|or|[-+*/%<>])\s+|\s*([*+%])\s*/

/** Where the `=` goes and the literal as the story reads it. */
interface LiteralValue {
  value: string
  insertAt: number
}

/** The string a YAML scalar's source stands for, when it is a simple one-line string (else undefined). */
function readScalar(raw: string, start: number): LiteralValue | undefined {
  if (raw.includes('\n') || raw.includes('\r')) return undefined
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) return undefined
    return { value: raw.slice(1, -1).replaceAll("''", "'"), insertAt: start + 1 }
  }
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2 || raw.includes('\\')) return undefined
    return { value: raw.slice(1, -1), insertAt: start + 1 }
  }
  // Block scalars, flow collections, aliases and tags are not simple strings.
  if (/^[|>[{&*!]/.test(raw)) return undefined
  return { value: raw, insertAt: start }
}

/** The operand names of `value` when it reads as `a op b (op c)...`, else undefined. */
export function expressionOperands(value: string): string[] | undefined {
  const text = value.trim()
  // Already an expression (SPEC section 3), or the escape for a literal that looks like one.
  if (/^[=\\]/.test(text) || text.includes('${') || text.startsWith('prev.') || /^[\w.]+\(/.test(text)) {
    return undefined
  }
  const parts = text.split(SPLIT)
  // split() with two capture groups yields [operand, op1, op2, operand, ...]: one of op1/op2 is undefined.
  const operands: string[] = []
  let operators = 0
  for (let i = 0; i < parts.length; i += 3) {
    if (!OPERAND.test(parts[i] ?? '')) return undefined
    operands.push(parts[i])
    if (i + 1 < parts.length) {
      const op = parts[i + 1] ?? parts[i + 2]
      if (op === undefined || !OPERATORS.has(op)) return undefined
      operators++
    }
  }
  return operators > 0 ? operands : undefined
}

/** Warnings for literal `data` values of the main file that read as expressions over sibling fields. */
export function literalExpressionWarnings(
  text: string,
  outline: StoryOutline | null,
  file: string,
): PositionedDiagnostic[] {
  if (!outline) return []
  let lines: LineIndex | undefined
  const out: PositionedDiagnostic[] = []
  for (const def of outline.events) {
    if (def.file !== file) continue
    for (const field of def.fields) {
      const span = def.fieldSpans[field]
      if (!span || span.end > text.length) continue
      const literal = readScalar(text.slice(span.start, span.end), span.start)
      const operands = literal && expressionOperands(literal.value)
      if (!literal || !operands) continue
      const names = operands.filter((o) => !/^\d/.test(o)).map((o) => o.split('.')[0])
      const siblings = names.filter((n) => n !== field && def.fields.includes(n))
      // Every name must be one an expression could mean, and at least one a sibling field.
      if (siblings.length === 0 || !names.every((n) => def.fields.includes(n) || CONTEXT_NAMES.has(n)))
        continue
      lines ??= new LineIndex(text)
      const shown = literal.value.trim()
      out.push({
        code: LITERAL_EXPRESSION,
        severity: 'warning',
        message: `\`${field}\` is the literal text "${shown}", not a computed value: it reads like an expression over ${[...new Set(siblings)].map((s) => `\`${s}\``).join(', ')}`,
        hint: `write \`= ${shown}\` to compute it, or \`\\${shown}\` to keep the text and silence this`,
        file,
        span,
        path: ['events', def.index, 'data', field],
        start: lines.position(span.start),
        end: lines.position(span.end),
      })
    }
  }
  return out
}

/** Where the `=` of the fix goes for a literal-expression warning's span (undefined when it does not apply). */
export function literalFixOffset(text: string, span: { start: number; end: number }): number | undefined {
  return readScalar(text.slice(span.start, span.end), span.start)?.insertAt
}
