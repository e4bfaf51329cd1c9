/** The Share dialog: the link of the open story (already copied), a Copy button, and a fallback for long links. */
import { useEffect, useRef } from 'react'
import { formatCount } from '../format.ts'
import { selectActiveDraft, useStudio } from '../store.ts'

/** The share dialog (a modal `<dialog>`). */
export function ShareDialog() {
  const share = useStudio((s) => s.share)
  const name = useStudio((s) => selectActiveDraft(s)?.name ?? '')
  const seed = useStudio((s) => selectActiveDraft(s)?.seed ?? null)
  const copyLink = useStudio((s) => s.copyShareLink)
  const closeShare = useStudio((s) => s.closeShare)
  const downloadStoryFile = useStudio((s) => s.downloadStoryFile)
  const ref = useRef<HTMLDialogElement>(null)
  const field = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (share.open && !dialog.open) dialog.showModal()
    if (!share.open && dialog.open) dialog.close()
  }, [share.open])

  // The link is selected when shown, and again when copying failed, so Ctrl+C works without the clipboard API.
  useEffect(() => {
    if (share.open && share.link && share.copy !== 'copied') field.current?.select()
  }, [share.open, share.link, share.copy])

  return (
    <dialog
      ref={ref}
      className="modal share-dialog"
      aria-labelledby="share-title"
      onCancel={(e) => {
        e.preventDefault()
        closeShare()
      }}
    >
      <h2 id="share-title">Share story</h2>
      <p className="modal-lead">
        The link holds the text of <strong>{name}</strong>
        {seed !== null && <> and its seed {seed}</>}: whoever opens it gets their own copy, as a new draft.
        The story travels inside the link; nothing is uploaded.
      </p>
      {share.error ? (
        <p className="export-message export-failed" role="alert">
          {share.error}
        </p>
      ) : (
        <>
          <label className="share-label" htmlFor="share-link">
            Share link
          </label>
          <div className="share-row">
            <input
              ref={field}
              id="share-link"
              className="share-link mono"
              readOnly
              value={share.link ?? ''}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="primary" onClick={copyLink}>
              Copy link
            </button>
          </div>
          <p className={`share-status share-${share.copy}`} role="status">
            {share.copy === 'copied'
              ? '✓ Copied to the clipboard.'
              : share.copy === 'failed'
                ? 'The browser did not allow copying: the link is selected, press Ctrl+C (⌘C) to copy it.'
                : ''}
          </p>
          <p className="muted share-length">{formatCount(share.length)} characters</p>
        </>
      )}
      {(share.warning || share.error) && (
        <div className="share-warning" role="note">
          <p>
            {share.warning ??
              'Send the story as a file instead (Download .yaml): it opens in the studio and runs with the CLI.'}
          </p>
        </div>
      )}
      <div className="modal-actions">
        <button type="button" onClick={downloadStoryFile}>
          Download .yaml
        </button>
        <button type="button" onClick={closeShare} autoFocus={!share.link}>
          Close
        </button>
      </div>
    </dialog>
  )
}
