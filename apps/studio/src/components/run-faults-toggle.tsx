/**
 * The run toolbar's "Faults" toggle (issue 18): shown for a story with `faults:`; off reruns the
 * story without them (the CLI's `--no-faults`) so the author can compare. Kept with the draft, so it
 * survives a reload; Export honours it, and its dialog says so (FaultsExportNote).
 */
import { type StudioState, selectActiveDraft, useStudio } from '../store.ts'

/** True when the open draft's latest check found `faults:` in the story. */
function storyHasFaults(s: StudioState): boolean {
  return s.check.draftId === s.activeId && s.check.outline?.faults === true
}

/** The Faults checkbox (keyboard: Tab to it, Space toggles). */
export function FaultsToggle() {
  const draftId = useStudio((s) => s.activeId)
  const off = useStudio((s) => selectActiveDraft(s)?.faultsOff === true)
  const visible = useStudio(storyHasFaults)
  const setFaultsOff = useStudio((s) => s.setFaultsOff)
  const runNow = useStudio((s) => s.runNow)
  // A draft whose faults are off keeps the toggle while the story is being edited, to turn them back on.
  if (!draftId || (!visible && !off)) return null
  return (
    <label
      className="toggle faults-toggle"
      title="Inject the story's faults: (duplicates, late, damaged and changed events). Off: the clean stream, as --no-faults"
    >
      <input
        type="checkbox"
        checked={!off}
        onChange={(e) => {
          setFaultsOff(draftId, !e.target.checked)
          runNow()
        }}
      />
      Faults
    </label>
  )
}

/** The Export dialog's line about faults, for a story with `faults:`. */
export function FaultsExportNote() {
  const off = useStudio((s) => selectActiveDraft(s)?.faultsOff === true)
  const visible = useStudio(storyHasFaults)
  if (!visible && !off) return null
  return off ? (
    <p className="modal-note faults-toggle-note">
      Faults are off for this story: the export is the clean stream, without its <code>faults:</code> (as{' '}
      <code>--no-faults</code>).
    </p>
  ) : (
    <p className="modal-note muted">
      The export includes the story's <code>faults:</code> (duplicates, late and damaged records), in delivery
      order, as the preview shows. Turn Faults off in the toolbar for the clean stream.
    </p>
  )
}
