/**
 * Quick fixes (Ctrl+. in the editor) for the open story's diagnostics: every "did you mean `x`?" hint
 * replaces the misspelt name, and a literal that reads as an expression gets its `=`. Pure text edits
 * by offset (no Monaco import), so they are unit-tested in Node.
 */
import type { PositionedDiagnostic } from '@autosource/engine/worker'
import { LITERAL_EXPRESSION, literalFixOffset } from './literal-expression.ts'

/** One fix: replace text[start, end) with `text`. */
export interface QuickFix {
  title: string
  start: number
  end: number
  text: string
}

const DID_YOU_MEAN = /did you mean `([^`\n]+)`\?/

/** The fixes a diagnostic offers against the text it was computed for (empty when it offers none). */
export function quickFixes(
  d: Pick<PositionedDiagnostic, 'code' | 'span'> & { hint?: string },
  text: string,
): QuickFix[] {
  const { start, end } = d.span
  if (end > text.length || start > end) return []
  if (d.code === LITERAL_EXPRESSION) {
    const at = literalFixOffset(text, d.span)
    return at === undefined ? [] : [{ title: 'Compute it: add `=` in front', start: at, end: at, text: '= ' }]
  }
  const guess = d.hint?.match(DID_YOU_MEAN)?.[1]
  const wrong = text.slice(start, end)
  // Only a span that is the misspelt name itself (one line, no spaces) is replaced: a span over a
  // larger construct would lose the rest of it.
  if (!guess || wrong === guess || wrong.length === 0 || /\s/.test(wrong)) return []
  return [{ title: `Change to \`${guess}\``, start, end, text: guess }]
}
