/** Selection, editor requests, toasts, the engine banner and the shortcut panel, as a slice of the studio store. */
import type { SliceContext, UiSlice } from './types.ts'

/** Creates the UI actions. */
export function createUiSlice(ctx: SliceContext): UiSlice {
  const { get, set, deps } = ctx
  const toastMs = deps.toastMs ?? 8000
  let toastSeq = 0
  let revealSeq = 0

  return {
    catalog: null,
    selected: null,
    selectionOrigin: null,
    selectedProvenance: null,
    revealRequest: null,
    toasts: [],
    engineError: null,
    shortcutsOpen: false,

    reveal(line, column, file) {
      set({ revealRequest: { line, column, ...(file ? { file } : {}), nonce: ++revealSeq } })
    },

    selectRecord(selection, origin = null) {
      set({ selected: selection, selectionOrigin: selection ? origin : null, selectedProvenance: null })
      const runId = get().run.runId
      if (!selection || runId === null) return
      deps.engine.provenance(runId, selection.def, selection.index).then(
        (fields) => {
          // Only if the selection and the run are still the same when the answer arrives.
          if (get().selected === selection && get().run.runId === runId) {
            set({ selectedProvenance: { selection, runId, fields } })
          }
        },
        () => {},
      )
    },

    toast(message, tone = 'info', action) {
      const id = ++toastSeq
      set({ toasts: [...get().toasts.slice(-3), { id, message, tone, ...(action ? { action } : {}) }] })
      if (toastMs > 0) setTimeout(() => get().dismissToast(id), toastMs)
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) })
    },

    dismissEngineError() {
      set({ engineError: null })
    },

    setShortcutsOpen(open) {
      set({ shortcutsOpen: open })
    },
  }
}
