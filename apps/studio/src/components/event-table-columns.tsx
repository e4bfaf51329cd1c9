/** The "Columns" menu of the Events table: which data fields get a column, and in which order. */
import { useState } from 'react'

/** The menu button and its list of fields (checked ones shown, in the order given). */
export function ColumnsMenu(props: {
  available: readonly string[]
  chosen: readonly string[]
  onChange: (chosen: string[]) => void
}) {
  const [open, setOpen] = useState(false)
  const { chosen } = props
  const move = (path: string, by: number) => {
    const i = chosen.indexOf(path)
    const j = i + by
    if (i < 0 || j < 0 || j >= chosen.length) return
    const next = [...chosen]
    next[i] = chosen[j]
    next[j] = path
    props.onChange(next)
  }
  const others = props.available.filter((p) => !chosen.includes(p))
  return (
    <div className="columns-menu">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns
      </button>
      {open && (
        <fieldset className="columns-popover" aria-label="Data columns">
          <legend className="muted">Data fields shown as columns</legend>
          {[...chosen, ...others].map((path) => {
            const on = chosen.includes(path)
            return (
              <div key={path} className="columns-item">
                <label className="mono">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => props.onChange(on ? chosen.filter((p) => p !== path) : [...chosen, path])}
                  />{' '}
                  {path}
                </label>
                {on && (
                  <>
                    <button type="button" aria-label={`Move ${path} left`} onClick={() => move(path, -1)}>
                      ←
                    </button>
                    <button type="button" aria-label={`Move ${path} right`} onClick={() => move(path, 1)}>
                      →
                    </button>
                  </>
                )}
              </div>
            )
          })}
          {props.available.length === 0 && <p className="muted">Run the story to list its fields.</p>}
        </fieldset>
      )}
    </div>
  )
}
