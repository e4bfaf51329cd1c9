import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'

/** Where a runtime problem is reported: one field (or option) of one definition. */
export interface IssueSite {
  /** Top-level field or option name, for messages. */
  field: string
  file: string
  /** Span of the field's value in the file. */
  span: Span
  path: DocPath
  /** Maps an offset in the expression text to the file (absent for non-string values). */
  toFile?: (index: number) => number
}

interface Entry {
  site: IssueSite
  code: string
  message: string
  span: Span
  count: number
}

/**
 * Runtime problems collected during generation: one entry per (field, code) with a count,
 * the first message and the span of the sub-expression that failed. Generation goes on.
 */
export class RuntimeIssues {
  private readonly bySite = new Map<IssueSite, Map<string, Entry>>()
  /** While true, reports are dropped: a sharded run evaluating what another part emits (and counts). */
  muted = false

  /** Records one occurrence of a problem at `site`; `exprSpan` is in the expression's text. */
  report(site: IssueSite, code: string, message: string, exprSpan?: Span): void {
    if (this.muted) return
    let codes = this.bySite.get(site)
    if (!codes) {
      codes = new Map()
      this.bySite.set(site, codes)
    }
    const e = codes.get(code)
    if (e) {
      e.count++
      return
    }
    const span =
      exprSpan && site.toFile
        ? { start: site.toFile(exprSpan.start), end: site.toFile(exprSpan.end) }
        : site.span
    codes.set(code, { site, code, message, span, count: 1 })
  }

  /** Total number of problems seen (all counts). */
  get total(): number {
    let n = 0
    for (const codes of this.bySite.values()) for (const e of codes.values()) n += e.count
    return n
  }

  /** Forgets everything (e.g. before a new run with the same compiled story). */
  clear(): void {
    this.bySite.clear()
  }

  /** One warning diagnostic per (field, code), with its count, in report order. */
  toDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = []
    for (const codes of this.bySite.values()) {
      for (const e of codes.values()) {
        out.push({
          code: e.code,
          severity: 'warning',
          message: `${e.site.field}: ${e.message}; the value became null`,
          file: e.site.file,
          span: e.span,
          path: e.site.path,
          count: e.count,
        })
      }
    }
    return out
  }
}
