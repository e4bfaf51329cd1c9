/**
 * Opening `.yaml` files as new drafts: Ctrl+O (or the Drafts "Open…" button) picks files, and files
 * dropped anywhere on the window open too (caught before Monaco, which would paste them as text).
 */
import { useEffect, useState } from 'react'
import { studioStore } from '../store.ts'
import { readStoryFile } from '../story-file.ts'

/** The id of the hidden file input (the "Open…" button clicks it). */
export const FILE_INPUT_ID = 'story-file-input'

/** Asks for files to open (the browser's file picker). */
export function pickStoryFiles(): void {
  document.getElementById(FILE_INPUT_ID)?.click()
}

/** Opens each file as a new draft (the last one is left open); refusals are toasts. */
async function openFiles(files: Iterable<File>): Promise<void> {
  const state = studioStore().getState()
  for (const file of files) {
    const opened = await readStoryFile(file)
    if (!opened.ok) {
      state.toast(opened.message, 'error')
      continue
    }
    const id = state.openCopy(opened.name, opened.text, `file:${file.name}`)
    const name =
      studioStore()
        .getState()
        .drafts.find((d) => d.id === id)?.name ?? opened.name
    state.toast(`Opened ${file.name} as “${name}”.`)
  }
}

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false

/** The hidden input, the Ctrl+O shortcut and the drop target (with its overlay while dragging). */
export function FileOpen() {
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'o' || e.key === 'O')) {
        e.preventDefault()
        e.stopPropagation()
        pickStoryFiles()
      }
    }
    let depth = 0
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      e.stopPropagation()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      e.stopPropagation()
      depth = 0
      setDragging(false)
      void openFiles(e.dataTransfer?.files ?? [])
    }
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('dragenter', onEnter, true)
    window.addEventListener('dragleave', onLeave, true)
    window.addEventListener('dragover', onOver, true)
    window.addEventListener('drop', onDrop, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('dragenter', onEnter, true)
      window.removeEventListener('dragleave', onLeave, true)
      window.removeEventListener('dragover', onOver, true)
      window.removeEventListener('drop', onDrop, true)
    }
  }, [])

  return (
    <>
      <input
        id={FILE_INPUT_ID}
        type="file"
        accept=".yaml,.yml"
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])]
          e.target.value = ''
          void openFiles(files)
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a .yaml file to open it as a new draft
        </div>
      )}
    </>
  )
}
