/**
 * "New from sample data" (issue 25): paste sample events or drop/choose a file (NDJSON, a JSON array
 * or CSV) and get a new draft with the story `inferStory` writes for them. Inference runs on the main
 * thread in a lazily loaded chunk, so the samples are capped well below the engine's own limits.
 */
import { type DragEvent, useEffect, useRef, useState } from 'react'
import { studioStore } from '../store.ts'

/** Characters of sample text the studio accepts (a few thousand events are plenty to infer from). */
export const STUDIO_SAMPLE_CHARS = 5_000_000

interface Problem {
  key: string
  text: string
}

/** The "Sample…" button beside "New" (named "New from sample data"), and its dialog. */
export function NewFromSampleButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label="New from sample data"
        title="New story inferred from sample events (NDJSON, JSON or CSV)"
      >
        Sample…
      </button>
      {open && <NewFromSampleDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function NewFromSampleDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [problems, setProblems] = useState<Problem[]>([])
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const readFile = async (file: File): Promise<void> => {
    if (file.size > STUDIO_SAMPLE_CHARS) {
      setProblems([
        {
          key: 'size',
          text: `${file.name} is larger than ${STUDIO_SAMPLE_CHARS / 1_000_000} MB: use a shorter sample`,
        },
      ])
      return
    }
    setText(await file.text())
    setFileName(file.name)
    setProblems([])
  }

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault()
    const file = e.dataTransfer.files[0]
    if (file) void readFile(file)
  }

  const create = async (): Promise<void> => {
    if (text.length > STUDIO_SAMPLE_CHARS) {
      setProblems([
        {
          key: 'size',
          text: `The sample is longer than ${STUDIO_SAMPLE_CHARS} characters: use a shorter one`,
        },
      ])
      return
    }
    setBusy(true)
    const { inferStory, formatOfFileName } = await import('@autosource/engine')
    const file = fileName ?? 'pasted samples'
    const result = inferStory(text, { file, format: fileName ? formatOfFileName(fileName) : undefined })
    setBusy(false)
    const shown = result.diagnostics.filter((d) => d.severity === 'error' || result.text === '')
    if (result.text === '') {
      setProblems(shown.map((d, i) => ({ key: `${i}`, text: `${d.message} (${d.code})` })))
      return
    }
    const base = fileName ? fileName.replace(/\.[A-Za-z]+$/, '') : 'sample data'
    studioStore().getState().openCopy(`From ${base}`, result.text, `sample:${file}`)
    onClose()
  }

  return (
    <dialog
      ref={ref}
      className="modal new-from-sample"
      aria-labelledby="new-from-sample-title"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <h2 id="new-from-sample-title">New from sample data</h2>
      <p className="modal-lead">
        Paste sample events or drop a file: <strong>NDJSON</strong>, a <strong>JSON</strong> array or{' '}
        <strong>CSV</strong> with a header row. The new draft generates look-alike events: the same event
        types and rates, field formats, enums with their weights, number ranges and id relations, each field
        with a comment on what was inferred.
      </p>
      <textarea
        className="sample-input"
        aria-label="Sample events"
        placeholder={'{"type": "order.created", "created_at": "2025-01-01T10:00:00Z", "plan": "pro"}\n…'}
        value={text}
        spellCheck={false}
        rows={9}
        onChange={(e) => {
          setText(e.target.value)
          setFileName(null)
          setProblems([])
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
        style={{
          width: '100%',
          boxSizing: 'border-box',
          fontFamily: 'var(--mono)',
          fontSize: 12,
          resize: 'vertical',
        }}
      />
      <p className="modal-note">
        <label>
          Or choose a file:{' '}
          <input
            type="file"
            accept=".ndjson,.jsonl,.json,.csv,application/json,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void readFile(file)
            }}
          />
        </label>
        {fileName && <span> Read {fileName}.</span>}
      </p>
      {problems.length > 0 && (
        <ul className="modal-note sample-problems" role="alert" aria-label="Sample problems">
          {problems.slice(0, 8).map((p) => (
            <li key={p.key}>{p.text}</li>
          ))}
          {problems.length > 8 && <li>… and {problems.length - 8} more</li>}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || text.trim() === ''}
          onClick={() => void create()}
        >
          {busy ? 'Inferring…' : 'Create draft'}
        </button>
      </div>
    </dialog>
  )
}
