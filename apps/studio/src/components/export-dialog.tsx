/** The Export dialog: format, progress of the whole-run export, Cancel, and what happened. */
import type { ExportFormat } from '@autosource/engine/worker'
import { useEffect, useRef } from 'react'
import { EXPORT_BLOB_MAX_BYTES, formatBytes } from '../export-size.ts'
import { formatCount } from '../format.ts'
import { selectActiveDraft, useStudio } from '../store.ts'
import { FaultsExportNote } from './run-faults-toggle.tsx'
import { openSendDialog } from './send-dialog.tsx'

const FORMATS: { format: ExportFormat; label: string; description: string }[] = [
  { format: 'json', label: 'JSON', description: 'one array of events' },
  { format: 'ndjson', label: 'NDJSON', description: 'one event per line' },
  { format: 'csv', label: 'CSV', description: 'one row per event, data fields as columns' },
]

/** The export dialog (a modal `<dialog>`; Escape closes it and cancels an export in flight). */
export function ExportDialog() {
  const state = useStudio((s) => s.exporting)
  const storyName = useStudio((s) => selectActiveDraft(s)?.name ?? '')
  const closeExport = useStudio((s) => s.closeExport)
  const setFormat = useStudio((s) => s.setExportFormat)
  const startExport = useStudio((s) => s.startExport)
  const cancelExport = useStudio((s) => s.cancelExport)
  // A story with errors exports nothing: the dialog says so instead of offering a download that would fail.
  const errors = useStudio((s) =>
    s.check.draftId === s.activeId ? s.check.diagnostics.filter((d) => d.severity === 'error').length : 0,
  )
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (state.open && !dialog.open) dialog.showModal()
    if (!state.open && dialog.open) dialog.close()
  }, [state.open])

  const busy = state.phase === 'running' || state.phase === 'picking'
  const blocked = errors > 0 && state.phase === 'choose'
  const finished = state.phase !== 'choose' && !busy
  const fraction =
    state.phase === 'done'
      ? 1
      : state.planned
        ? Math.min(1, state.events / state.planned)
        : state.estimatedBytes
          ? Math.min(1, state.bytes / state.estimatedBytes)
          : undefined

  return (
    <dialog
      ref={ref}
      className="modal export-dialog"
      aria-labelledby="export-title"
      onCancel={(e) => {
        e.preventDefault()
        closeExport()
      }}
    >
      <h2 id="export-title">Export events</h2>
      <p className="modal-lead">
        The whole run of <strong>{storyName}</strong>, not only the preview, written exactly as{' '}
        <code>autosource generate</code> writes it.
      </p>
      <fieldset className="format-choice" disabled={busy}>
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label key={f.format} className="format-option">
            <input
              type="radio"
              name="export-format"
              value={f.format}
              checked={state.format === f.format}
              onChange={() => setFormat(f.format)}
              aria-label={f.label}
              aria-describedby={`export-format-${f.format}`}
            />
            <span className="format-label">{f.label}</span>
            <span className="muted" id={`export-format-${f.format}`}>
              {f.description}
            </span>
          </label>
        ))}
      </fieldset>
      <FaultsExportNote />
      <p className="export-file">
        <span className="muted">File</span> <code>{state.fileName}</code>
        {state.planned !== undefined && <span className="muted"> · {formatCount(state.planned)} events</span>}
      </p>

      {(busy || state.phase === 'done' || state.phase === 'cancelled') && (
        <div className="export-progress">
          <progress
            aria-label="Export progress"
            max={1}
            {...(fraction === undefined || state.phase === 'picking' ? {} : { value: fraction })}
          />
          <span className="muted" aria-live="polite">
            {state.phase === 'picking'
              ? 'Choose where to save the file…'
              : `${formatCount(state.events)}${state.planned !== undefined ? ` of ${formatCount(state.planned)}` : ''} events · ${formatBytes(state.bytes)}${
                  state.estimatedBytes !== undefined && state.phase === 'running'
                    ? ` of about ${formatBytes(state.estimatedBytes)}`
                    : ''
                }`}
          </span>
        </div>
      )}

      {state.message && (
        <p
          className={`export-message export-${state.phase}`}
          role={state.phase === 'refused' || state.phase === 'failed' ? 'alert' : 'status'}
        >
          {state.message}
        </p>
      )}
      {state.cliCommand && <pre className="cli-command">{state.cliCommand}</pre>}
      {blocked && (
        <p className="export-message export-failed" role="alert">
          This story has {errors} error{errors === 1 ? '' : 's'}, so it cannot be exported. Fix{' '}
          {errors === 1 ? 'it' : 'them'} first (see Problems), then export.
        </p>
      )}
      {state.phase === 'choose' && !blocked && (
        <p className="modal-note muted">
          Download keeps the file in this tab until it is complete (up to {formatBytes(EXPORT_BLOB_MAX_BYTES)}
          ).
          {state.canSaveToFile && ' Save as… writes straight into a file of your choice, with no size limit.'}
        </p>
      )}

      <div className="modal-actions">
        <button
          type="button"
          className="export-send"
          disabled={busy}
          title="POST the finished preview's events to a webhook handler (Ctrl+Shift+U)"
          onClick={() => {
            closeExport()
            openSendDialog()
          }}
        >
          Send to URL…
        </button>
        {state.canSaveToFile && !blocked && (
          <button type="button" disabled={busy} onClick={() => startExport('file')}>
            Save as…
          </button>
        )}
        {!blocked && (
          <button
            type="button"
            className="primary"
            // A download refused for its size would only be refused again (another format re-enables it).
            disabled={busy || state.cliCommand !== null}
            autoFocus
            onClick={() => startExport('download')}
          >
            Download
          </button>
        )}
        {busy ? (
          <button type="button" onClick={cancelExport}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={closeExport}>
            {finished ? 'Close' : 'Cancel'}
          </button>
        )}
      </div>
    </dialog>
  )
}
