/** The keyboard shortcut panel (`?` anywhere outside a text field; Esc closes). */
import { useEffect, useRef } from 'react'
import { useStudio } from '../store.ts'

/** Every shortcut of the studio, as shown in the panel. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'Enter'], what: 'Run the story (⌘ on a Mac)' },
  { keys: ['Ctrl', 'S'], what: 'Save drafts now' },
  { keys: ['Ctrl', 'O'], what: 'Open a .yaml file as a new draft (or drop it on the window)' },
  { keys: ['Ctrl', 'Shift', 'U'], what: 'Send the finished preview to a URL (a webhook handler)' },
  { keys: ['Ctrl', '.'], what: 'In the editor: quick fixes of the problem at the cursor' },
  { keys: ['Tab'], what: 'Move to the next control (Tab leaves the editor)' },
  { keys: ['Ctrl', 'M'], what: 'In the editor: let Tab indent, or leave again' },
  { keys: ['Ctrl', 'Space'], what: 'In the editor: suggestions' },
  { keys: ['F8'], what: 'In the editor: next problem' },
  { keys: ['←', '→', '↑', '↓'], what: 'On a resize handle: resize the panes' },
  { keys: ['+', '−', '0'], what: 'On the timeline: zoom in, out, fit all' },
  { keys: ['←', '→'], what: 'On the timeline: pan' },
  { keys: ['↑', '↓'], what: 'In Events: move the selection' },
  { keys: ['?'], what: 'This panel' },
  { keys: ['Esc'], what: 'Close a dialog' },
]

/** True when a key press belongs to a text field (the `?` is typed, not a shortcut). */
export function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.isContentEditable || el.closest('input, textarea, select, .monaco-editor') !== null
}

/** The shortcut panel (a modal `<dialog>`). */
export function ShortcutsDialog() {
  const open = useStudio((s) => s.shortcutsOpen)
  const setOpen = useStudio((s) => s.setShortcutsOpen)
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="modal shortcuts"
      aria-labelledby="shortcuts-title"
      onCancel={(e) => {
        e.preventDefault()
        setOpen(false)
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.keys.join('+')} ${s.what}`}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (s.keys[0] === 'Ctrl' ? ' + ' : ' ')}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </dialog>
  )
}
