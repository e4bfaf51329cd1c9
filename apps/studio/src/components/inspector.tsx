/**
 * The "Inspector" region: the selected event's envelope and data. Issue 8 adds per-field expressions,
 * provenance links (ref, prev, siblings) and schema violations.
 */
import { LineIndex } from '@autosource/engine/worker'
import { MAIN_FILE, selectActiveDraft, studioStore, useStudio } from '../store.ts'

/** Details of the selected event. */
export function Inspector() {
  const selected = useStudio((s) => s.selected)
  const position = useStudio((s) =>
    s.selected && s.run.window ? s.run.window.find(s.selected.def, s.selected.index) : -1,
  )
  const window = useStudio((s) => s.run.window)
  const record = window && position >= 0 ? window.record(position) : undefined
  const outline = useStudio((s) => s.run.outline)
  const reveal = useStudio((s) => s.reveal)
  const provenance = useStudio((s) =>
    s.selectedProvenance && s.selectedProvenance.selection === s.selected
      ? s.selectedProvenance.fields
      : null,
  )
  const def = record ? outline?.events[record.def] : undefined
  const inThisFile = def?.file === MAIN_FILE

  return (
    <section className="pane inspector" aria-label="Inspector">
      <div className="pane-header">
        <h2>Inspector</h2>
        {def && inThisFile && (
          <button
            type="button"
            onClick={() => {
              const text = selectActiveDraft(studioStore().getState())?.text ?? ''
              const at = new LineIndex(text).position(def.span.start)
              reveal(at.line, at.column)
            }}
          >
            Show in editor
          </button>
        )}
      </div>
      {!selected || !record ? (
        <p className="empty-note">Select an event in the table or timeline to see its fields.</p>
      ) : (
        <div className="inspector-body">
          <dl className="envelope">
            <dt>event</dt>
            <dd>
              {record.event.source} · {record.event.event} #{record.index + 1}
            </dd>
            <dt>timestamp</dt>
            <dd className="mono">{record.event.timestamp}</dd>
            <dt>id</dt>
            <dd className="mono">{record.event.id}</dd>
            <dt>org_id</dt>
            <dd className="mono">{record.event.org_id}</dd>
          </dl>
          <h3>data</h3>
          <dl className="fields">
            {Object.entries(record.event.data).map(([field, value]) => {
              const p = provenance?.find((f) => f.field === field)
              return (
                <div key={field} className="field">
                  <dt>{field}</dt>
                  <dd>
                    <code className="value">{JSON.stringify(value)}</code>
                    {p?.expression && <code className="expression">{p.expression}</code>}
                  </dd>
                </div>
              )
            })}
          </dl>
        </div>
      )}
    </section>
  )
}
