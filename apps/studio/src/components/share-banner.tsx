/** A banner about a share link that was opened from the address bar, or could not be. */
import { useStudio } from '../store.ts'

/** Shown under the top bar until dismissed; drafts are never touched by a bad link. */
export function ShareBanner() {
  const notice = useStudio((s) => s.linkNotice)
  const dismiss = useStudio((s) => s.dismissLinkNotice)
  if (!notice) return null
  return (
    <div className={`link-banner link-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>
        {notice.tone === 'error' && <strong>Share link problem. </strong>}
        {notice.message}
      </span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}
