/**
 * The live check, as a slice of the studio store: debounced after edits, newest result wins, and the
 * budget: a check the watchdog stopped is a `limit/budget` problem, and that draft is then checked only
 * when the user asks (after a reload too), so one hostile story cannot keep the engine busy.
 */
import { type CheckResult, isBudgetError, type PositionedDiagnostic } from '@autosource/engine/worker'
import type { Draft } from '../drafts/draft.ts'
import { literalExpressionWarnings } from '../editor/literal-expression.ts'
import { MAIN_FILE, storyOrigin } from './story-origin.ts'
import type { CheckSlice, CheckState, SliceContext } from './types.ts'

/** Quiet time after the last keystroke before the story is checked. */
export const CHECK_DEBOUNCE_MS = 100

/** The check before anything was checked. */
export const emptyCheck: CheckState = {
  draftId: null,
  text: null,
  diagnostics: [],
  outline: null,
  checking: false,
}

/** The `limit/budget` problem of a stopped check (at the start of the text: it is about the whole story). */
export function budgetProblem(message: string): PositionedDiagnostic {
  return {
    code: 'limit/budget',
    severity: 'error',
    message,
    file: MAIN_FILE,
    span: { start: 0, end: 0 },
    path: [],
    start: { line: 1, column: 1 },
    end: { line: 1, column: 1 },
  }
}

/** The message shown for a draft restored after a budget stop (it is not checked by itself). */
export function restoredMessage(kind: 'check' | 'run'): string {
  return kind === 'check'
    ? 'The last check of this story was stopped by its time budget, so it is not checked automatically. Press “Check now” to check it deliberately, or edit it first.'
    : 'The last run of this story was stopped by its budget, so it does not run automatically. Press Run to run it deliberately.'
}

/** Creates the check actions and registers its steps (scheduleCheck, runCheckNow). */
export function createCheckSlice(ctx: SliceContext): CheckSlice {
  const { get, set, steps, deps } = ctx
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  const active = (): Draft | undefined => get().drafts.find((d) => d.id === get().activeId)

  steps.scheduleCheck = (delay = CHECK_DEBOUNCE_MS) => {
    if (timer !== undefined) clearTimeout(timer)
    const draft = active()
    // A draft whose check was stopped by the budget waits for "Check now" (or Run).
    if (draft?.budgetStopped === 'check') {
      timer = undefined
      seq++
      return
    }
    timer = setTimeout(() => void runCheck(), delay)
  }

  steps.forgetCheck = () => {
    seq++
  }

  steps.runCheckNow = () => {
    if (timer !== undefined) clearTimeout(timer)
    void runCheck()
  }

  async function runCheck(): Promise<void> {
    timer = undefined
    const draft = active()
    if (!draft) return
    const mine = ++seq
    const text = draft.text
    set({ check: { ...get().check, checking: true } })
    let result: CheckResult
    try {
      result = await deps.engine.check(text, storyOrigin(draft, deps.files))
    } catch (e) {
      if (mine !== seq) return
      if (isBudgetError(e)) {
        if (e.kind === 'check') steps.markBudget(draft.id, 'check')
        set({
          check: {
            draftId: draft.id,
            text,
            diagnostics: [budgetProblem(e.message)],
            outline: null,
            checking: false,
          },
          budgetStop: { draftId: draft.id, kind: e.kind, message: e.message },
        })
        return
      }
      set({
        check: { ...get().check, checking: false },
        engineError: `The story could not be checked: ${e instanceof Error ? e.message : String(e)}`,
      })
      return
    }
    // A newer check was started (the user typed on, or switched drafts): this result is stale.
    if (mine !== seq) return
    if (draft.budgetStopped === 'check') steps.markBudget(draft.id, null)
    const stop = get().budgetStop
    set({
      check: {
        draftId: draft.id,
        text,
        // The studio's own lint rides along with the engine's diagnostics (same text, same outline).
        diagnostics: [...result.diagnostics, ...literalExpressionWarnings(text, result.outline, MAIN_FILE)],
        outline: result.outline,
        checking: false,
      },
      // A clean check answers a stopped check; a stopped run is answered only by a run.
      ...(stop?.draftId === draft.id && stop.kind !== 'run' && draft.budgetStopped !== 'run'
        ? { budgetStop: null }
        : {}),
    })
    const run = get().run
    if (run.draftId === draft.id && run.text === text && !run.outline) {
      set({ run: { ...run, outline: result.outline } })
    }
    const clean = !result.diagnostics.some((d) => d.severity === 'error')
    const current = active()
    if (get().live && clean && current?.id === draft.id && current.text === text) {
      const seed = current.seed ?? undefined
      const shown = get().run
      const sameAsShown =
        shown.draftId === draft.id &&
        shown.text === text &&
        shown.seed === seed &&
        shown.status !== 'error' &&
        shown.status !== 'stopped'
      // A draft whose run was stopped by the budget runs again only on Run.
      if (!sameAsShown && current.budgetStopped !== 'run') steps.startRun()
    }
  }

  return {
    check: emptyCheck,
    budgetStop: null,
    recheck: () => steps.scheduleCheck(0),
    checkNow() {
      const draft = active()
      if (!draft) return
      // The draft's budget mark stays until a check succeeds: a reload during this check must not repeat it.
      set({ budgetStop: null })
      steps.runCheckNow()
    },
    dismissBudgetStop: () => set({ budgetStop: null }),
  }
}
