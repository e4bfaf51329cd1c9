/** Studio entry: restore drafts, start the engine client, flush drafts when the tab hides, render. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.tsx'
import { createDraftPersistence } from './drafts/persistence.ts'
import { browserTabSync } from './drafts/tab-sync.ts'
import { createStudioEngine } from './engine.ts'
import { createStudioExporter } from './export-pool/studio-exporter.ts'
import { LIBRARY_FILES } from './library.ts'
import { takeShareLinkFromLocation } from './share-io.ts'
import { createStudioStore, installStudioStore, markSaved, type StudioStore } from './store.ts'
import './styles.css'

function browserStorage(): Storage | undefined {
  try {
    const s = window.localStorage
    s.getItem('autosource.studio.v1.index')
    return s
  } catch {
    return undefined
  }
}

let store: StudioStore | undefined
const persistence = createDraftPersistence(browserStorage(), {
  // Other tabs hear of every write (and this one of theirs): the same draft stays the same everywhere.
  sync: browserTabSync(),
  onSaved: () => store && markSaved(store, true),
  onError: (message) => {
    if (!store) return
    markSaved(store, false)
    store.getState().toast(message, 'error')
  },
})
const engine = createStudioEngine()
store = createStudioStore({
  engine,
  exporter: createStudioExporter(engine),
  persistence,
  files: LIBRARY_FILES,
})
installStudioStore(store)

// A share link (`#s=...`) opens as a new draft, then leaves the address bar so a reload does not repeat it.
const openLink = (link: string) => void store?.getState().openShareLink(link)
takeShareLinkFromLocation(openLink)
window.addEventListener('hashchange', () => takeShareLinkFromLocation(openLink))

// Autosave is debounced; these make sure nothing typed is lost when the tab is hidden or closed.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') persistence.flush()
})
window.addEventListener('pagehide', () => persistence.flush())

// Monaco cancels a pending request (code actions, hovers) when the text or its markers change, and a
// few of its internal promises reject with that cancellation unobserved. It is not an error: Monaco
// filters the same value (name and message "Canceled") from its own error handler.
window.addEventListener('unhandledrejection', (e) => {
  const reason: unknown = e.reason
  if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled')
    e.preventDefault()
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
