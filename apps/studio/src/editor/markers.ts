/** Engine diagnostics as Monaco marker data (pure: no Monaco import, so it is unit-tested in Node). */
import type { PositionedDiagnostic } from '@autosource/engine/worker'

/** Monaco's MarkerSeverity values (stable across versions: Hint 1, Info 2, Warning 4, Error 8). */
export const SEVERITY = { error: 8, warning: 4, info: 2 } as const

/** The fields of monaco.editor.IMarkerData the studio sets. */
export interface MarkerData {
  severity: number
  message: string
  code: string
  source: string
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
}

/** Markers for the diagnostics that point into `file` (diagnostics of included files stay in Problems only). */
export function toMarkers(diagnostics: readonly PositionedDiagnostic[], file: string): MarkerData[] {
  return diagnostics
    .filter((d) => d.file === file)
    .map((d) => {
      const empty = d.end.line === d.start.line && d.end.column <= d.start.column
      return {
        severity: SEVERITY[d.severity],
        message: d.hint ? `${d.message}\n${d.hint}` : d.message,
        code: d.code,
        source: 'autosource',
        startLineNumber: d.start.line,
        startColumn: d.start.column,
        endLineNumber: d.end.line,
        // An empty span (e.g. "missing key here") still gets one visible character of squiggle.
        endColumn: empty ? d.start.column + 1 : d.end.column,
      }
    })
}
