/** The top bar: story name, seed, Run/Stop, live preview, Export and Share, save and run status. */
import { useEffect, useState } from 'react'
import { storySeedOf } from '../drafts/draft.ts'
import { formatCount, formatElapsed } from '../format.ts'
import { selectActiveDraft, useStudio } from '../store.ts'
import { FaultsToggle } from './run-faults-toggle.tsx'
import { SeedField } from './seed-field.tsx'

/** The studio's top bar. */
export function TopBar() {
  // Fields, not the draft object: the top bar must not re-render on every keystroke.
  const draftId = useStudio((s) => s.activeId)
  const draftName = useStudio((s) => selectActiveDraft(s)?.name)
  const draftSeed = useStudio((s) => selectActiveDraft(s)?.seed ?? null)
  const draft = draftId ? { id: draftId, name: draftName ?? '', seed: draftSeed } : undefined
  const storySeed = useStudio((s) => {
    const d = selectActiveDraft(s)
    return d ? storySeedOf(d.text) : undefined
  })
  const rename = useStudio((s) => s.rename)
  const runNow = useStudio((s) => s.runNow)
  const stopRun = useStudio((s) => s.stopRun)
  const live = useStudio((s) => s.live)
  const setLive = useStudio((s) => s.setLive)
  const running = useStudio((s) => s.run.status === 'running')
  const saveStatus = useStudio((s) => s.saveStatus)
  const openExport = useStudio((s) => s.openExport)
  const openShare = useStudio((s) => s.openShare)

  const [name, setName] = useState(draft?.name ?? '')
  useEffect(() => setName(draft?.name ?? ''), [draft?.name])
  return (
    <header className="top-bar">
      <span className="brand" aria-hidden="true">
        AutoSource <span className="brand-sub">Studio</span>
      </span>
      <input
        className="story-name"
        aria-label="Story name"
        value={name}
        disabled={!draft}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => draft && (name.trim() ? rename(draft.id, name) : setName(draft.name))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur()
          if (e.key === 'Escape') {
            setName(draft?.name ?? '')
            e.currentTarget.blur()
          }
        }}
      />
      <SeedField draft={draft} storySeed={storySeed} />
      <div className="top-actions">
        <button type="button" className="primary" onClick={runNow} disabled={!draft} title="Run (Ctrl+Enter)">
          Run
        </button>
        {running && (
          <button type="button" onClick={stopRun} title="Stop the run">
            Stop
          </button>
        )}
        <label className="toggle" title="Re-run after each edit that checks clean">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
          Live
        </label>
        <FaultsToggle />
        <button
          type="button"
          onClick={openExport}
          disabled={!draft}
          title="Export the whole run as JSON, NDJSON or CSV"
        >
          Export
        </button>
        <button type="button" onClick={openShare} disabled={!draft} title="Copy a link to this story">
          Share
        </button>
      </div>
      <RunStatus />
      <span className={`save-status save-${saveStatus}`} role="status">
        {saveStatus === 'saved' ? 'Saved' : saveStatus === 'pending' ? 'Saving…' : 'Not saved'}
      </span>
    </header>
  )
}

/** One line about the current run: progress, totals, or why it failed. */
function RunStatus() {
  const run = useStudio((s) => s.run)
  let text = ''
  if (run.status === 'running') text = `Running… ${formatCount(run.total)} events`
  else if (run.status === 'done' && run.summary) {
    text = `${formatCount(run.summary.total)} events in ${formatElapsed(run.summary.elapsedMs)}`
  } else if (run.status === 'error') text = 'Run failed'
  else if (run.status === 'stopped') {
    // A rate's count is random: its plan is the expectation, said as such (an actor story has none).
    const about = run.outline?.events.some((e) => e.rate !== undefined) ? 'about ' : ''
    text =
      run.planned !== undefined
        ? `Stopped at ${formatCount(run.total)} of ${about}${formatCount(run.planned)} events`
        : `Stopped at ${formatCount(run.total)} events`
  }
  return (
    <span className={`run-status run-${run.status}`} aria-live="polite" title={text || undefined}>
      {text}
    </span>
  )
}
