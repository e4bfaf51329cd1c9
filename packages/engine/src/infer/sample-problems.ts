import type { DiagnosticCode } from '../diagnostics/codes.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { diagnostic, type Severity } from '../diagnostics/diagnostic.ts'
import { INFER_LIMITS } from './limits.ts'

/** Collects the problems of reading samples, each naming its line; past the cap, only counts. */
export class SampleProblems {
  readonly list: Diagnostic[] = []
  private dropped = 0

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /** Records a problem at `[start, end)` of the text (the span is kept short for code frames). */
  add(severity: Severity, code: DiagnosticCode, message: string, start: number, end = start): void {
    if (this.list.length >= INFER_LIMITS.maxDiagnostics) {
      this.dropped++
      return
    }
    const stop = Math.min(end, start + 200, this.text.length)
    this.list.push(diagnostic(severity, code, message, this.file, { start, end: Math.max(start, stop) }))
  }

  /** The problems, with one more saying how many were not listed. */
  finish(): Diagnostic[] {
    if (this.dropped > 0) {
      this.list.push(
        diagnostic(
          'warning',
          'infer/limit',
          `${this.dropped} more problems in the samples were not listed`,
          this.file,
          {
            start: 0,
            end: 0,
          },
        ),
      )
      this.dropped = 0
    }
    return this.list
  }
}

/** 1-based line number of an offset (counted on demand: only problems need it). */
export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}
