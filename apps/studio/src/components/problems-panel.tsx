/** The "Problems" region: every diagnostic of the open story (static check and run), click to jump. */
import type { PositionedDiagnostic } from '@autosource/engine/worker'
import { useShallow } from 'zustand/react/shallow'
import { includedFiles } from '../editor/included-files.ts'
import { LIBRARY_FILES } from '../library.ts'
import { MAIN_FILE, type StudioState, selectActiveDraft, useStudio } from '../store.ts'

const activeText = (s: StudioState): string | undefined => selectActiveDraft(s)?.text

const ORDER = { error: 0, warning: 1, info: 2 } as const

/**
 * Static and runtime diagnostics of the open draft's current text only, deduplicated, errors first
 * then by position. While a newer text is being checked the list is empty ("Checking…"): problems of
 * an older text would point at characters that moved or no longer exist.
 */
function useProblems(): {
  problems: PositionedDiagnostic[]
  checking: boolean
  stale: boolean
  paused: boolean
} {
  const check = useStudio((s) => s.check)
  const run = useStudio((s) => s.run)
  const activeId = useStudio((s) => s.activeId)
  // Booleans, not the text: Problems must not re-render on every keystroke.
  const checkCurrent = useStudio(
    (s) => s.activeId !== null && s.check.draftId === s.activeId && s.check.text === activeText(s),
  )
  const runCurrent = useStudio(
    (s) => s.activeId !== null && s.run.draftId === s.activeId && s.run.text === activeText(s),
  )
  const paused = useStudio((s) => s.drafts.find((d) => d.id === s.activeId)?.budgetStopped === 'check')
  const stale = activeId !== null && !checkCurrent
  const list = [...(checkCurrent ? check.diagnostics : []), ...(runCurrent ? run.diagnostics : [])]
  const seen = new Set<string>()
  const problems = list
    .filter((d) => {
      const key = `${d.code}|${d.file}|${d.span.start}|${d.span.end}|${d.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort(
      (a, b) =>
        ORDER[a.severity] - ORDER[b.severity] ||
        a.start.line - b.start.line ||
        a.start.column - b.start.column,
    )
  return { problems, checking: check.checking, stale, paused }
}

/** The Problems list under the editor. */
export function ProblemsPanel() {
  const { problems, checking, stale, paused } = useProblems()
  const reveal = useStudio((s) => s.reveal)
  // Problems in an included file open its read-only tab; a built-in pack's file has none.
  const included = useStudio(
    useShallow((s) => {
      const d = selectActiveDraft(s)
      return d && d.origin !== 'link' ? includedFiles(d.text, MAIN_FILE, LIBRARY_FILES) : []
    }),
  )
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.filter((p) => p.severity === 'warning').length

  return (
    <section className="pane problems" aria-label="Problems">
      <div className="pane-header">
        <h2>Problems</h2>
        <span className="counts">
          {errors > 0 && (
            <span className="count error">
              {errors} {errors === 1 ? 'error' : 'errors'}
            </span>
          )}
          {warnings > 0 && (
            <span className="count warning">
              {warnings} {warnings === 1 ? 'warning' : 'warnings'}
            </span>
          )}
          {(checking || stale) && !paused && <span className="muted">checking…</span>}
        </span>
      </div>
      {problems.length === 0 ? (
        <p className="empty-note">
          {paused && stale
            ? 'Not checked yet: press “Check now”.'
            : checking || stale
              ? 'Checking…'
              : 'No problems.'}
        </p>
      ) : (
        <ul className="problem-list">
          {problems.map((p) => (
            <li key={`${p.code}|${p.file}|${p.span.start}|${p.span.end}|${p.message}`}>
              <button
                type="button"
                className={`problem ${p.severity}`}
                disabled={p.file !== MAIN_FILE && !included.includes(p.file)}
                onClick={() =>
                  reveal(p.start.line, p.start.column, p.file === MAIN_FILE ? undefined : p.file)
                }
                title={
                  p.file === MAIN_FILE
                    ? 'Show in editor'
                    : included.includes(p.file)
                      ? `Show in ${p.file} (read-only tab)`
                      : `In ${p.file}`
                }
              >
                <span className={`severity ${p.severity}`} role="img" aria-label={p.severity}>
                  {p.severity === 'error' ? '●' : p.severity === 'warning' ? '▲' : 'ℹ'}
                </span>
                <span className="problem-message">
                  {p.message}
                  {p.count !== undefined && p.count > 1 && <span className="muted"> ({p.count} times)</span>}
                  {p.hint && <span className="problem-hint">{p.hint}</span>}
                </span>
                <span className="problem-where">
                  {p.file !== MAIN_FILE && `${p.file} `}
                  Ln {p.start.line}, Col {p.start.column}
                </span>
                <span className="problem-code">{p.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
