/**
 * Banners under the top bar about what the studio stopped or kept for you: a check or run stopped by its
 * budget (`limit/budget`), a draft changed in two tabs (both versions kept), and a Live run too big to
 * start without asking.
 */
import { formatCount } from '../format.ts'
import { useStudio } from '../store.ts'

/** A check or run the watchdog stopped: what happened and how to go on. */
export function BudgetBanner() {
  const stop = useStudio((s) => (s.budgetStop?.draftId === s.activeId ? s.budgetStop : null))
  const checkNow = useStudio((s) => s.checkNow)
  const runNow = useStudio((s) => s.runNow)
  const dismiss = useStudio((s) => s.dismissBudgetStop)
  const mark = useStudio((s) => s.drafts.find((d) => d.id === s.activeId)?.budgetStopped)
  if (!stop) return null
  const isRun = stop.kind === 'run' || (stop.kind === 'restored' && mark === 'run')
  return (
    <div className="budget-banner" role="alert">
      <span>
        <strong>Stopped (limit/budget).</strong> {stop.message}
      </span>
      {stop.kind !== 'size' && (
        <button type="button" onClick={isRun ? runNow : checkNow}>
          {isRun ? 'Run now' : 'Check now'}
        </button>
      )}
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}

/** Another tab changed the same draft: both versions are kept, side by side. */
export function ConflictBanner() {
  const conflict = useStudio((s) => s.conflict)
  const name = useStudio((s) => s.drafts.find((d) => d.id === s.conflict?.draftId)?.name)
  const copyExists = useStudio((s) => s.drafts.some((d) => d.id === s.conflict?.copyId))
  const activate = useStudio((s) => s.activate)
  const dismiss = useStudio((s) => s.dismissConflict)
  if (!conflict) return null
  return (
    <div className="conflict-banner" role="alert">
      <span>
        <strong>Changed in two tabs.</strong> “{name ?? 'This draft'}” was edited here and in another tab at
        the same time. Both versions are kept: one in “{name ?? 'this draft'}”, the other as “
        {conflict.copyName}”.
      </span>
      {copyExists && (
        <button type="button" onClick={() => activate(conflict.copyId)}>
          Open “{conflict.copyName}”
        </button>
      )}
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}

/** Live found a story planned past LIVE_CONFIRM_EVENTS: it asks before generating it. */
export function BigRunBanner() {
  const prompt = useStudio((s) => (s.bigRun?.draftId === s.activeId ? s.bigRun : null))
  const answer = useStudio((s) => s.answerBigRun)
  if (!prompt) return null
  return (
    <div className="big-run-banner" role="alertdialog" aria-label="Large run">
      <span>
        <strong>Large run.</strong> This story makes about {formatCount(prompt.events)} events. Live stopped
        it before it used the engine for long. Generate all of them?
      </span>
      <button type="button" className="primary" onClick={() => answer(true)}>
        Run {formatCount(prompt.events)} events
      </button>
      <button type="button" onClick={() => answer(false)}>
        Not now (Live off)
      </button>
    </div>
  )
}
