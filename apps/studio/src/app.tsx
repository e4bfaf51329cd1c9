/** The studio window: top bar, story list, editor with Problems, inspector, timeline and events, resizable. */
import { lazy, Suspense, useEffect } from 'react'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { BigRunBanner, BudgetBanner, ConflictBanner } from './components/banners.tsx'
import { EventTable } from './components/event-table.tsx'
import { ExportDialog } from './components/export-dialog.tsx'
import { FileOpen } from './components/file-open.tsx'
import { Inspector } from './components/inspector.tsx'
import { ProblemsPanel } from './components/problems-panel.tsx'
import { SendDialog } from './components/send-dialog.tsx'
import { ShareBanner } from './components/share-banner.tsx'
import { ShareDialog } from './components/share-dialog.tsx'
import { ShortcutsDialog, typingInto } from './components/shortcuts-dialog.tsx'
import { StoryList } from './components/story-list.tsx'
import { Summary } from './components/summary.tsx'
import { Timeline } from './components/timeline.tsx'
import { EngineBanner, Toasts } from './components/toasts.tsx'
import { TopBar } from './components/top-bar.tsx'
import { type StudioState, studioStore } from './store.ts'

// Monaco is large: the rest of the studio is interactive before it arrives. Its chunks (3.6 MB) are
// fetched once the first preview is on screen (or after START_BUDGET_MS): parsing them earlier competes
// with the engine worker for the CPU and delays the first preview.
const StoryEditor = lazy(() => firstPreviewShown().then(() => import('./editor/story-editor.tsx')))

/** Start-up time the editor waits at most for the first preview. */
const START_BUDGET_MS = 2000

/** Resolves after the first run's records (or its failure, or errors in the story) have been painted. */
function firstPreviewShown(): Promise<void> {
  return new Promise((resolve) => {
    const store = studioStore()
    const shown = (s: StudioState) =>
      s.run.shown > 0 ||
      s.run.status === 'done' ||
      s.run.status === 'error' ||
      s.engineError !== null ||
      s.check.diagnostics.some((d) => d.severity === 'error')
    let done = false
    const finish = () => {
      if (done) return
      done = true
      unsubscribe()
      clearTimeout(timer)
      // One frame for React to commit the preview, one for the browser to paint it.
      requestAnimationFrame(() => setTimeout(resolve, 0))
    }
    const unsubscribe = store.subscribe((s) => shown(s) && finish())
    const timer = setTimeout(finish, START_BUDGET_MS)
    if (shown(store.getState())) finish()
  })
}

function layoutStorage(): Storage | undefined {
  try {
    return localStorage
  } catch {
    return undefined
  }
}

/** A resizable group whose sizes survive a reload. */
function SavedGroup(props: {
  id: string
  orientation: 'horizontal' | 'vertical'
  className?: string
  children: React.ReactNode
}) {
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: `autosource.studio.layout.${props.id}`,
    storage: layoutStorage(),
  })
  return (
    <Group
      id={props.id}
      orientation={props.orientation}
      className={props.className}
      defaultLayout={defaultLayout}
      onLayoutChanged={onLayoutChanged}
    >
      {props.children}
    </Group>
  )
}

/** Ctrl/Cmd+Enter runs, Ctrl/Cmd+S saves, anywhere in the window (captured before Monaco sees them); `?` shows them all. */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInto(e.target)) {
        e.preventDefault()
        studioStore().getState().setShortcutsOpen(true)
        return
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      if (e.key === 'Enter') {
        e.preventDefault()
        e.stopPropagation()
        studioStore().getState().runNow()
      } else if (e.key === 's' || e.key === 'S') {
        e.preventDefault()
        e.stopPropagation()
        studioStore().getState().saveNow()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}

/** A pane resize handle: focusable, named, arrow keys resize (react-resizable-panels' separator). */
function Handle(props: { orientation: 'vertical' | 'horizontal'; label: string }) {
  return (
    <Separator className={`separator ${props.orientation}`} aria-label={props.label} title={props.label} />
  )
}

/** The studio. */
export function App() {
  useShortcuts()
  return (
    <div className="app">
      <TopBar />
      <EngineBanner />
      <BudgetBanner />
      <ConflictBanner />
      <BigRunBanner />
      <ShareBanner />
      <main className="workspace">
        <SavedGroup id="columns" orientation="horizontal">
          <Panel id="stories" defaultSize="17" minSize="10">
            <StoryList />
          </Panel>
          <Handle orientation="vertical" label="Resize the story list" />
          <Panel id="work" minSize="40">
            <SavedGroup id="rows" orientation="vertical">
              <Panel id="top" defaultSize="60" minSize="20">
                <SavedGroup id="editor-inspector" orientation="horizontal">
                  <Panel id="editor-column" defaultSize="68" minSize="30">
                    <SavedGroup id="editor-problems" orientation="vertical">
                      <Panel id="editor" defaultSize="75" minSize="20">
                        <section className="pane editor-pane" aria-label="Story editor">
                          <p className="editor-hint" id="editor-hint">
                            Tab leaves the editor · <kbd>Ctrl</kbd>+<kbd>M</kbd> lets Tab indent ·{' '}
                            <kbd>?</kbd> all shortcuts
                          </p>
                          <div className="editor-host">
                            <Suspense fallback={<div className="empty-state">Loading editor…</div>}>
                              <StoryEditor />
                            </Suspense>
                          </div>
                        </section>
                      </Panel>
                      <Handle orientation="horizontal" label="Resize the editor and Problems" />
                      <Panel id="problems" defaultSize="25" minSize="8">
                        <ProblemsPanel />
                      </Panel>
                    </SavedGroup>
                  </Panel>
                  <Handle orientation="vertical" label="Resize the editor and the inspector" />
                  <Panel id="inspector" defaultSize="32" minSize="15">
                    <Inspector />
                  </Panel>
                </SavedGroup>
              </Panel>
              <Handle orientation="horizontal" label="Resize the editor and the results" />
              <Panel id="bottom" defaultSize="40" minSize="15">
                <SavedGroup id="results" orientation="vertical">
                  <Panel id="timeline" defaultSize="50" minSize="15">
                    <SavedGroup id="timeline-summary" orientation="horizontal">
                      <Panel id="timeline-chart" defaultSize="78" minSize="40">
                        <Timeline />
                      </Panel>
                      <Handle orientation="vertical" label="Resize the timeline and the summary" />
                      <Panel id="summary" defaultSize="22" minSize="12">
                        <Summary />
                      </Panel>
                    </SavedGroup>
                  </Panel>
                  <Handle orientation="horizontal" label="Resize the timeline and the events" />
                  <Panel id="events" defaultSize="50" minSize="15">
                    <EventTable />
                  </Panel>
                </SavedGroup>
              </Panel>
            </SavedGroup>
          </Panel>
        </SavedGroup>
      </main>
      <ExportDialog />
      <SendDialog />
      <ShareDialog />
      <ShortcutsDialog />
      <Toasts />
      <FileOpen />
    </div>
  )
}
