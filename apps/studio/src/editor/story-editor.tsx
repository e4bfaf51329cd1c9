/** The Monaco YAML editor of the open draft: markers from the engine, reveal requests, one model per draft. */
import { Editor, type OnMount } from '@monaco-editor/react'
import { useEffect, useRef } from 'react'
import { MAIN_FILE, type StudioState, selectActiveDraft, studioStore, useStudio } from '../store.ts'
import { useColorScheme } from '../use-color-scheme.ts'
import { toMarkers } from './markers.ts'
import { monaco, setLanguageContext } from './monaco-setup.ts'

type CodeEditor = Parameters<OnMount>[0]

/** Model path of a draft (also what monaco-yaml's fileMatch sees). */
export function draftModelPath(id: string): string {
  return `drafts/${id}.yaml`
}

/** Puts the store's diagnostics on the model when they belong to its current text. */
function syncMarkers(editor: CodeEditor, state: StudioState): void {
  const model = editor.getModel()
  const draft = selectActiveDraft(state)
  if (!model || !draft || model.uri.path !== `/${draftModelPath(draft.id)}`) return
  const text = model.getValue()
  const { check, run } = state
  // Markers computed for an older text would sit on the wrong characters; Monaco keeps moving the
  // previous ones along with edits until the fresh check lands (about 100 ms after typing stops).
  if (check.draftId === draft.id && check.text === text) {
    monaco.editor.setModelMarkers(model, 'autosource', toMarkers(check.diagnostics, MAIN_FILE))
  }
  // A run's problems belong to the text it ran: after an edit they go (Problems drops them too), and
  // with Live off they would otherwise stay on characters that no longer mean that.
  const runMarkers = run.draftId === draft.id && run.text === text ? run.diagnostics : []
  monaco.editor.setModelMarkers(model, 'autosource-run', toMarkers(runMarkers, MAIN_FILE))
}

/** The editor's accessible name: what it is, and how Tab behaves in it (read out on focus). */
export const TAB_HINT_LABEL =
  'Story YAML. Tab moves focus out of the editor; press Ctrl+M to let Tab indent, and Ctrl+M again to leave.'

/** Puts a text from elsewhere (another tab changed the draft) into the model, keeping undo. */
function adoptText(editor: CodeEditor, draftId: string, text: string): void {
  const model = editor.getModel()
  if (!model || model.uri.path !== `/${draftModelPath(draftId)}` || model.getValue() === text) return
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null)
}

/** The editor region's content (lazy-loaded: the rest of the studio is usable before Monaco arrives). */
export default function StoryEditor() {
  // Only the draft id: the editor must not re-render on every keystroke (Monaco owns the text).
  const draftId = useStudio((s) => s.activeId)
  const setText = useStudio((s) => s.setText)
  const scheme = useColorScheme()
  const editorRef = useRef<CodeEditor | null>(null)
  // The last text this editor produced: any other text of the open draft came from elsewhere (another tab).
  const typed = useRef<string | null>(null)

  useEffect(() => {
    const store = studioStore()
    const apply = (state: StudioState, prev?: StudioState) => {
      if (!prev || state.catalog !== prev.catalog || state.check.outline !== prev.check.outline) {
        setLanguageContext({ catalog: state.catalog, outline: state.check.outline })
      }
      const editor = editorRef.current
      if (!editor) return
      const draft = selectActiveDraft(state)
      if (draft && draft !== selectActiveDraft(prev ?? state) && draft.text !== typed.current) {
        adoptText(editor, draft.id, draft.text)
      }
      if (
        !prev ||
        state.check !== prev.check ||
        state.run.diagnostics !== prev.run.diagnostics ||
        state.activeId !== prev.activeId
      ) {
        syncMarkers(editor, state)
      }
      const reveal = state.revealRequest
      if (reveal && reveal !== prev?.revealRequest) {
        const position = { lineNumber: reveal.line, column: reveal.column }
        editor.setPosition(position)
        editor.revealPositionInCenterIfOutsideViewport(position)
        editor.focus()
      }
    }
    apply(store.getState())
    return store.subscribe(apply)
  }, [])

  // A draft whose model already existed may have changed meanwhile (another tab): bring it up to date.
  useEffect(() => {
    const editor = editorRef.current
    const draft = selectActiveDraft(studioStore().getState())
    if (editor && draft && draftId === draft.id) adoptText(editor, draft.id, draft.text)
  }, [draftId])

  // No autofocus: the page's first Tab stop is the top bar, and keyboard users reach the editor in order.
  const onMount: OnMount = (editor) => {
    editorRef.current = editor
    syncMarkers(editor, studioStore().getState())
  }

  if (!draftId) {
    return <div className="empty-state">No story is open. Create one or open a copy from the library.</div>
  }

  return (
    <Editor
      path={draftModelPath(draftId)}
      defaultLanguage="yaml"
      defaultValue={selectActiveDraft(studioStore().getState())?.text ?? ''}
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      loading={<div className="empty-state">Loading editor…</div>}
      onMount={onMount}
      onChange={(value) => {
        typed.current = value ?? ''
        setText(draftId, value ?? '')
      }}
      options={{
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        insertSpaces: true,
        scrollBeyondLastLine: false,
        renderWhitespace: 'boundary',
        wordBasedSuggestions: 'off',
        quickSuggestions: { other: true, strings: true, comments: false },
        fixedOverflowWidgets: true,
        // Tab moves focus out of the editor (WCAG 2.1.2, no keyboard trap); Ctrl+M lets Tab indent again.
        tabFocusMode: true,
        // Sticky-scroll lines are focusable spans: Tab would land on them instead of leaving the editor.
        stickyScroll: { enabled: false },
        ariaLabel: TAB_HINT_LABEL,
      }}
    />
  )
}
