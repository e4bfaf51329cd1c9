/**
 * Monaco code actions (the light bulb, Ctrl+.) from quick-fixes.ts: fixes of the diagnostics that
 * belong to the model's current text and touch the asked range. Imported by the lazy editor chunk.
 */
import type { PositionedDiagnostic } from '@autosource/engine/worker'
import type * as Monaco from 'monaco-editor'
import { MAIN_FILE, studioStore } from '../store.ts'
import { quickFixes } from './quick-fixes.ts'

/** The open draft's diagnostics computed for exactly `text` (an older text's offsets would be wrong). */
function currentDiagnostics(text: string): PositionedDiagnostic[] {
  const { check, run } = studioStore().getState()
  return [
    ...(check.text === text ? check.diagnostics : []),
    ...(run.text === text ? run.diagnostics : []),
  ].filter((d) => d.file === MAIN_FILE)
}

/** Registers the quick-fix provider for YAML models. */
export function registerQuickFixes(monaco: typeof Monaco): void {
  monaco.languages.registerCodeActionProvider(
    'yaml',
    {
      provideCodeActions(model, range) {
        const text = model.getValue()
        const from = model.getOffsetAt(range.getStartPosition())
        const to = model.getOffsetAt(range.getEndPosition())
        const actions: Monaco.languages.CodeAction[] = []
        for (const d of currentDiagnostics(text)) {
          if (d.span.end < from || d.span.start > to) continue
          for (const fix of quickFixes(d, text)) {
            const start = model.getPositionAt(fix.start)
            const end = model.getPositionAt(fix.end)
            actions.push({
              title: fix.title,
              kind: 'quickfix',
              isPreferred: true,
              diagnostics: [
                {
                  severity: d.severity === 'error' ? 8 : d.severity === 'warning' ? 4 : 2,
                  message: d.hint ? `${d.message}\n${d.hint}` : d.message,
                  code: d.code,
                  source: 'autosource',
                  startLineNumber: d.start.line,
                  startColumn: d.start.column,
                  endLineNumber: d.end.line,
                  endColumn: d.end.column,
                },
              ],
              edit: {
                edits: [
                  {
                    resource: model.uri,
                    versionId: model.getVersionId(),
                    textEdit: {
                      range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
                      text: fix.text,
                    },
                  },
                ],
              },
            })
          }
        }
        return { actions, dispose() {} }
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  )
}
