/** "Copy as…": the selected row, or the Shift-selected range, as JSON, NDJSON or CSV on the clipboard. */
import { useState } from 'react'
import { type CopyFormat, formatRows } from './copy-format.ts'

/** The copy control of the Events table. */
export function CopyMenu(props: { disabled: boolean; count: number; lines: () => Promise<string[]> }) {
  const [note, setNote] = useState('')
  const copy = async (format: CopyFormat) => {
    try {
      const lines = await props.lines()
      await navigator.clipboard.writeText(formatRows(lines, format))
      setNote(`Copied ${lines.length} as ${format.toUpperCase()}`)
    } catch (e) {
      setNote(`Copy failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return (
    <>
      <select
        aria-label="Copy selected events"
        value=""
        disabled={props.disabled}
        title={props.disabled ? 'Select a row (Shift+click for a range) to copy' : undefined}
        onChange={(e) => void copy(e.target.value as CopyFormat)}
      >
        <option value="">{props.count > 1 ? `Copy ${props.count} as…` : 'Copy as…'}</option>
        <option value="json">JSON</option>
        <option value="ndjson">NDJSON</option>
        <option value="csv">CSV</option>
      </select>
      <span className="muted copy-note" role="status">
        {note}
      </span>
    </>
  )
}
