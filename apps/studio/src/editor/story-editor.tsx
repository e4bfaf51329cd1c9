/** The Monaco YAML editor of the open draft: markers from the engine, reveal requests, one model per draft. */
import { Editor, type OnMount } from '@monaco-editor/react'
import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { LIBRARY_FILES } from '../library.ts'
import { MAIN_FILE, type StudioState, selectActiveDraft, studioStore, useStudio } from '../store.ts'
import { useColorScheme } from '../use-color-scheme.ts'
import { includedFiles } from './included-files.ts'
import { toMarkers } from './markers.ts'
import { monaco, setLanguageContext } from './monaco-setup.ts'

type CodeEditor = Parameters<OnMount>[0]

/** Model path of a draft (also what monaco-yaml's fileMatch sees). */
export function draftModelPath(id: string): string {
  return `drafts/${id}.yaml`
}

/** Model path of an included (read-only) file. */
export function includedModelPath(file: string): string {
  return `included/${file}`
}

/** Puts the store's diagnostics on the model when they belong to its current text. */
function syncMarkers(editor: CodeEditor, state: StudioState): void {
  const model = editor.getModel()
  const draft = selectActiveDraft(state)
  if (!model || !draft) return
  if (model.uri.path.startsWith('/included/')) {
    // An included file's problems come with the check of the story that includes it.
    const file = model.uri.path.slice('/included/'.length)
    if (state.check.draftId === draft.id && state.check.text === draft.text) {
      monaco.editor.setModelMarkers(model, 'autosource', toMarkers(state.check.diagnostics, file))
    }
    // So do its run problems (a schema violation of an included event's field), for the text that ran.
    const { run } = state
    const runMarkers = run.draftId === draft.id && run.text === draft.text ? run.diagnostics : []
    monaco.editor.setModelMarkers(model, 'autosource-run', toMarkers(runMarkers, file))
    return
  }
  if (model.uri.path !== `/${draftModelPath(draft.id)}`) return
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

/** Puts the cursor at `position`, scrolls it into view and focuses the editor. */
function revealAt(editor: CodeEditor, position: { lineNumber: number; column: number }): void {
  editor.setPosition(position)
  editor.revealPositionInCenterIfOutsideViewport(position)
  editor.focus()
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
  // The files the story includes (tabs beside the story; shown read-only). A link's story includes nothing.
  const included = useStudio(
    useShallow((s) => {
      const d = selectActiveDraft(s)
      return d && d.origin !== 'link' ? includedFiles(d.text, MAIN_FILE, LIBRARY_FILES) : []
    }),
  )
  const [tab, setTab] = useState<string | null>(null)
  const viewing = tab !== null && included.includes(tab) ? tab : null
  const editorRef = useRef<CodeEditor | null>(null)
  // The tab on screen, for the store subscription (which outlives renders), and a reveal waiting for a tab switch.
  const viewingRef = useRef<string | null>(null)
  viewingRef.current = viewing
  const pendingReveal = useRef<{ lineNumber: number; column: number } | null>(null)
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
        const file = reveal.file ?? null
        if (file !== viewingRef.current) {
          // Another file's tab: switch to it, and move the cursor once its model is in the editor.
          pendingReveal.current = position
          setTab(file)
        } else revealAt(editor, position)
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

  // Switching tabs switches the model (the Editor child's effect ran first): its markers are put on again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the tab, hence the model, changed
  useEffect(() => {
    const editor = editorRef.current
    if (!editor) return
    syncMarkers(editor, studioStore().getState())
    const position = pendingReveal.current
    pendingReveal.current = null
    if (position) revealAt(editor, position)
  }, [viewing])

  if (!draftId) {
    return <div className="empty-state">No story is open. Create one or open a copy from the library.</div>
  }

  return (
    <div className="editor-files">
      {included.length > 0 && (
        <div className="file-tabs" role="tablist" aria-label="Files of the story">
          <FileTab
            label="Story"
            title="The story (editable)"
            selected={viewing === null}
            onSelect={() => setTab(null)}
          />
          {included.map((file) => (
            <FileTab
              key={file}
              label={file.split('/').pop() ?? file}
              title={`${file}, included (read-only)`}
              selected={viewing === file}
              onSelect={() => setTab(file)}
            />
          ))}
        </div>
      )}
      <div className="editor-surface">
        <Editor
          path={viewing ? includedModelPath(viewing) : draftModelPath(draftId)}
          defaultLanguage="yaml"
          defaultValue={
            viewing
              ? (LIBRARY_FILES[viewing] ?? '')
              : (selectActiveDraft(studioStore().getState())?.text ?? '')
          }
          theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
          loading={<div className="empty-state">Loading editor…</div>}
          onMount={onMount}
          onChange={(value) => {
            // Included files are read-only: only the story's own model reports edits.
            if (viewing) return
            typed.current = value ?? ''
            setText(draftId, value ?? '')
          }}
          options={{
            automaticLayout: true,
            minimap: { enabled: false },
            fontSize: 13,
            // 18 px lines (Monaco's default is 19-20): two more lines at 720 px.
            lineHeight: 18,
            tabSize: 2,
            insertSpaces: true,
            scrollBeyondLastLine: false,
            renderWhitespace: 'boundary',
            // A dimmed last line number is below 4.5:1 contrast in both themes (axe color-contrast).
            renderFinalNewline: 'on',
            wordBasedSuggestions: 'off',
            quickSuggestions: { other: true, strings: true, comments: false },
            fixedOverflowWidgets: true,
            // Tab moves focus out of the editor (WCAG 2.1.2, no keyboard trap); Ctrl+M lets Tab indent again.
            tabFocusMode: true,
            // Sticky-scroll lines are focusable spans: Tab would land on them instead of leaving the editor.
            stickyScroll: { enabled: false },
            ariaLabel: viewing ? `Included file ${viewing} (read-only). ${TAB_HINT_LABEL}` : TAB_HINT_LABEL,
            readOnly: viewing !== null,
            // Monaco draws squiggles only in editable editors by default; an included file's problems need them too.
            renderValidationDecorations: 'on',
            readOnlyMessage: {
              value: 'Included files are read-only here: open a copy from the library to edit one.',
            },
          }}
        />
      </div>
    </div>
  )
}

/** One tab of the editor's file tabs. */
function FileTab(props: { label: string; title: string; selected: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      role="tab"
      className="file-tab"
      aria-selected={props.selected}
      title={props.title}
      onClick={props.onSelect}
    >
      {props.label}
      {props.title.includes('read-only') && <span className="sr-only"> (read-only)</span>}
    </button>
  )
}
