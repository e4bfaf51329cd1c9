/** Toasts (bottom right) and the engine banner (top): messages that never block the editor. */
import { useStudio } from '../store.ts'

/** Short-lived messages with an optional action, e.g. "Deleted … Undo". */
export function Toasts() {
  const toasts = useStudio((s) => s.toasts)
  const dismiss = useStudio((s) => s.dismissToast)
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.tone}`}>
          <span>{t.message}</span>
          {t.action && (
            <button
              type="button"
              onClick={() => {
                t.action!.run()
                dismiss(t.id)
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  )
}

/** A crash or load failure of the engine; the editor and drafts are untouched. */
export function EngineBanner() {
  const message = useStudio((s) => s.engineError)
  const dismiss = useStudio((s) => s.dismissEngineError)
  const recheck = useStudio((s) => s.recheck)
  if (!message) return null
  return (
    <div className="engine-banner" role="alert">
      <span>
        <strong>Engine problem.</strong> {message} Your story and drafts are safe.
      </span>
      <button
        type="button"
        onClick={() => {
          dismiss()
          recheck()
        }}
      >
        Restart engine
      </button>
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}
