import type { Diagnostic, Severity } from './diagnostic.ts'
import { MAX_MESSAGE_LENGTH, truncateUser } from './user-text.ts'

/**
 * Most diagnostics one load or check reports. Past it the rest are left out and counted in one
 * `limit/diagnostics` warning: a hostile story (a 5,000-field cycle) must not print megabytes.
 */
export const MAX_DIAGNOSTICS = 200

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
const LEFT_OUT = /^(\d+) more problems? (?:was|were) left out/

/**
 * Caps a story's diagnostics: at most `max` (errors first, then warnings, then infos; the order
 * of the list is kept), each message and hint at most MAX_MESSAGE_LENGTH characters, and one
 * `limit/diagnostics` warning saying how many were left out. Idempotent: capping a capped list
 * (or a list joining capped lists) keeps a single `limit/diagnostics` with the sum.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max = MAX_DIAGNOSTICS): Diagnostic[] {
  let omitted = 0
  let firstOmitted: Diagnostic | undefined
  const kept: Diagnostic[] = []
  for (const d of diagnostics) {
    const m = d.code === 'limit/diagnostics' ? LEFT_OUT.exec(d.message) : null
    if (m) {
      omitted += Number(m[1])
      firstOmitted ??= d
    } else kept.push(d)
  }
  let shown = kept
  if (kept.length > max) {
    const order = kept.map((d, i) => ({ d, i }))
    order.sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i)
    const keep = new Set(order.slice(0, max).map((x) => x.i))
    shown = kept.filter((_, i) => keep.has(i))
    const left = kept.filter((_, i) => !keep.has(i))
    omitted += left.length
    firstOmitted = left[0]
  }
  const out = shown.map(clampText)
  if (omitted > 0 && firstOmitted) out.push(leftOut(omitted, max, firstOmitted))
  return out
}

/** The one `limit/diagnostics` warning, at the first problem that was left out. */
function leftOut(count: number, max: number, at: Diagnostic): Diagnostic {
  return {
    code: 'limit/diagnostics',
    severity: 'warning',
    message: `${count} more ${count === 1 ? 'problem was' : 'problems were'} left out: at most ${max} are reported at once`,
    file: at.file,
    span: at.span,
    path: at.path,
    hint: 'Fix the problems shown (the first ones often cause the rest), then check again',
  }
}

/** A diagnostic with its message and hint cut to MAX_MESSAGE_LENGTH (the same object when short). */
function clampText(d: Diagnostic): Diagnostic {
  const long = d.message.length > MAX_MESSAGE_LENGTH || (d.hint?.length ?? 0) > MAX_MESSAGE_LENGTH
  if (!long) return d
  const c: Diagnostic = { ...d, message: truncateUser(d.message, MAX_MESSAGE_LENGTH) }
  if (d.hint !== undefined) c.hint = truncateUser(d.hint, MAX_MESSAGE_LENGTH)
  return c
}
