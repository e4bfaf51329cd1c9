/**
 * The studio's store, made of slices (state/*-slice.ts, export-slice.ts, share-slice.ts) over one types
 * module (state/types.ts). It owns the engine client; components read state and call actions, and never
 * talk to the worker themselves. Slices reach each other only through the `steps` they register.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { type Draft, makeDraft, storyNameOf } from './drafts/draft.ts'
import type { DraftPersistence } from './drafts/persistence.ts'
import { STARTER_STORY } from './drafts/starter.ts'
import { browserExportIo } from './export-io.ts'
import { createExportSlice } from './export-slice.ts'
import { browserShareIo } from './share-io.ts'
import { createShareSlice } from './share-slice.ts'
import { createCheckSlice, emptyCheck, restoredMessage } from './state/check-slice.ts'
import { applyRemoteChange, createDraftsSlice, keepBothVersions } from './state/drafts-slice.ts'
import { createRunSlice, emptyRun } from './state/run-slice.ts'
import { MAIN_FILE } from './state/story-origin.ts'
import type { SliceContext, StoreSteps, StudioDeps, StudioState, StudioStore } from './state/types.ts'
import { createUiSlice } from './state/ui-slice.ts'

export { CHECK_DEBOUNCE_MS } from './state/check-slice.ts'
export {
  LIVE_CONFIRM_EVENTS,
  PREVIEW_CAP,
  PROGRESS_UPDATE_INTERVAL_MS,
  RUN_UPDATE_INTERVAL_MS,
  SHARED_RUN_LIMIT,
} from './state/run-slice.ts'
export { MAIN_FILE } from './state/story-origin.ts'
export type * from './state/types.ts'

/** Creates the studio store and restores saved drafts (or the starter story on first visit). */
export function createStudioStore(deps: StudioDeps): StudioStore {
  const { engine, persistence } = deps
  const now = deps.now ?? (() => Date.now())

  const restored = persistence.load()
  let initialDrafts = restored.drafts
  let initialActive = restored.activeId
  if (initialDrafts.length === 0) {
    const starter = makeDraft(
      { name: storyNameOf(STARTER_STORY) ?? 'My first story', text: STARTER_STORY },
      now(),
    )
    initialDrafts = [starter]
    initialActive = starter.id
    persistence.save(starter)
    persistence.saveIndex({ order: [starter.id], activeId: starter.id })
  }

  const steps = {} as StoreSteps
  let ctx: SliceContext | undefined
  const store = createStore<StudioState>()((set, get) => {
    ctx = { deps, get, set, now, steps }
    const slices: StudioState = {
      ...createDraftsSlice(ctx, { drafts: initialDrafts, activeId: initialActive }),
      ...createCheckSlice(ctx),
      ...createRunSlice(ctx),
      ...createUiSlice(ctx),
      // Export and Share live in their own modules (export-slice.ts, share-slice.ts).
      ...createExportSlice({
        engine,
        files: deps.files,
        mainFile: MAIN_FILE,
        io: deps.exportIo ?? browserExportIo(),
        exporter: deps.exporter,
        get,
        set,
        now,
      }),
      ...createShareSlice({
        engine,
        files: deps.files,
        mainFile: MAIN_FILE,
        io: deps.shareIo ?? browserShareIo(),
        get,
        set,
      }),
    }
    return slices
  })
  registerDraftSteps(store, steps, persistence)

  engine.onCrash((message) => store.setState({ engineError: message }))
  engine.describe().then(
    (catalog) => store.setState({ catalog }),
    (e) =>
      store.setState({
        engineError: `The engine could not start: ${e instanceof Error ? e.message : String(e)}`,
      }),
  )
  const context = ctx!
  persistence.setHandlers({
    onConflict: (mine, theirs) => keepBothVersions(context, mine, theirs),
    onRemote: (change) => applyRemoteChange(context, change),
  })

  // A draft whose last check or run a budget stopped is not started again by itself after a reload.
  const open = selectActiveDraft(store.getState())
  if (open?.budgetStopped) {
    store.setState({
      budgetStop: { draftId: open.id, kind: 'restored', message: restoredMessage(open.budgetStopped) },
    })
  }
  store.getState().recheck()
  return store
}

/** The steps about drafts that need the whole store (opening, clearing, budget marks). */
function registerDraftSteps(store: StudioStore, steps: StoreSteps, persistence: DraftPersistence): void {
  const { getState: get, setState: set } = store
  steps.activateDraft = (id) => {
    if (get().activeId === id) return
    steps.cancelRunInFlight()
    steps.forgetCheck() // results of a check of the previous draft are dropped
    get().feed.clear()
    set({
      activeId: id,
      check: emptyCheck,
      run: emptyRun,
      selected: null,
      selectedProvenance: null,
      bigRun: null,
    })
    const { drafts, activeId } = get()
    persistence.saveIndex({ order: drafts.map((d) => d.id), activeId })
    set({ saveStatus: 'pending' })
    const draft = drafts.find((d) => d.id === id)
    if (draft?.budgetStopped) {
      set({ budgetStop: { draftId: id, kind: 'restored', message: restoredMessage(draft.budgetStopped) } })
    }
    steps.scheduleCheck(0)
  }
  steps.clearActive = () => {
    steps.forgetCheck() // a check of the deleted draft that is still in flight is dropped
    get().feed.clear()
    set({ activeId: null, check: emptyCheck, run: emptyRun, selected: null, selectedProvenance: null })
  }
  steps.markBudget = (draftId, kind) => {
    const draft = get().drafts.find((d) => d.id === draftId)
    if (!draft || (draft.budgetStopped ?? null) === kind) return
    const { budgetStopped: _, ...rest } = draft
    const next: Draft = kind ? { ...rest, budgetStopped: kind } : rest
    set({ drafts: get().drafts.map((d) => (d.id === draftId ? next : d)) })
    persistence.save(next)
    // Written at once: the point is to survive a reload of a tab the budget had to rescue.
    persistence.flush()
  }
}

/** Marks the store's save status after the persistence wrote to storage (wired by the app). */
export function markSaved(store: StudioStore, ok: boolean): void {
  store.setState({ saveStatus: ok ? 'saved' : 'error' })
}

let instance: StudioStore | undefined

/** Installs the app's store (once, at startup). */
export function installStudioStore(store: StudioStore): void {
  instance = store
}

/** The app's store (throws before installStudioStore, which is a programming error). */
export function studioStore(): StudioStore {
  if (!instance) throw new Error('The studio store is not installed yet.')
  return instance
}

/** React hook: a slice of the studio state. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(studioStore(), selector)
}

/** The open draft, if any. */
export function selectActiveDraft(state: StudioState): Draft | undefined {
  return state.drafts.find((d) => d.id === state.activeId)
}

/** True when the records on screen were generated from a different text or seed than the draft has now. */
export function selectRunOutdated(state: StudioState): boolean {
  const draft = selectActiveDraft(state)
  const run = state.run
  if (!draft || run.draftId !== draft.id || run.text === null) return false
  return run.text !== draft.text || run.seed !== (draft.seed ?? undefined)
}
