import type { DiagnosticCode } from './codes.ts'
import type { Span } from './span.ts'

/** How bad a problem is: errors stop generation, warnings and infos do not. */
export type Severity = 'error' | 'warning' | 'info'

/** A path into the story document, e.g. `['events', 1, 'data', 'plan']`. */
export type DocPath = (string | number)[]

/** One problem, as data: what, where (file + exact span + document path), and how to fix it. */
export interface Diagnostic {
  /** One of `DiagnosticCode` (the constructors below check literals; see `CodeOf`). */
  code: string
  severity: Severity
  message: string
  file: string
  span: Span
  path: DocPath
  /** A suggestion of how to fix it, e.g. "did you mean `frequency`?". */
  hint?: string
  /** How many times a runtime problem happened (runtime diagnostics are reported once per field). */
  count?: number
}

/**
 * The code argument of the constructors: a string literal must be a `DiagnosticCode` (a typo is a
 * type error), while a code that is already a plain `string` (a problem record of another module
 * that has not narrowed its own field yet) passes through.
 */
export type CodeOf<C extends string> = string extends C ? C : C extends DiagnosticCode ? C : DiagnosticCode

/** Makes a diagnostic of any severity (the hint only when there is one, so output stays compact). */
export function diagnostic<C extends string>(
  severity: Severity,
  code: C & CodeOf<C>,
  message: string,
  file: string,
  span: Span,
  path: DocPath = [],
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity, message, file, span, path }
  if (hint !== undefined) d.hint = hint
  return d
}

/** Makes an error diagnostic. */
export function error<C extends string>(
  code: C & CodeOf<C>,
  message: string,
  file: string,
  span: Span,
  path: DocPath = [],
  hint?: string,
): Diagnostic {
  return diagnostic<C>('error', code, message, file, span, path, hint)
}

/** Makes a warning diagnostic. */
export function warning<C extends string>(
  code: C & CodeOf<C>,
  message: string,
  file: string,
  span: Span,
  path: DocPath = [],
  hint?: string,
): Diagnostic {
  return diagnostic<C>('warning', code, message, file, span, path, hint)
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Sorts diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.span.end - b.span.end,
  )
}
