/**
 * The studio's one store: drafts (autosaved), the live check of the open story, the run preview,
 * selection, and toasts. It owns the engine client; components read state and call actions, and
 * never talk to the worker themselves.
 */
import type {
  CheckResult,
  EngineCatalog,
  EngineClient,
  FieldProvenance,
  FileMap,
  PackedRecords,
  PlainSummary,
  PositionedDiagnostic,
  StoryOutline,
} from '@autosource/engine/worker'
import { RecordWindow } from '@autosource/engine/worker'
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { type Draft, makeDraft, storyNameOf, uniqueName } from './drafts/draft.ts'
import type { DraftPersistence } from './drafts/persistence.ts'
import { blankStory, STARTER_STORY } from './drafts/starter.ts'
import { browserExportIo, type ExportIo } from './export-io.ts'
import { createExportSlice, type ExportSlice } from './export-slice.ts'
import { browserShareIo, type ShareIo } from './share-io.ts'
import { createShareSlice, type ShareSlice } from './share-slice.ts'

/** The file name the open story has in diagnostics (drafts notionally live beside the library in `stories/`). */
export const MAIN_FILE = 'story.yaml'

/** Records kept in memory for the table, timeline and inspector; the rest of a run is only counted. */
export const PREVIEW_CAP = 50_000

/** During a run, the views are updated at most this often (the first batch shows at once). */
export const RUN_UPDATE_INTERVAL_MS = 150

/** Once the preview window is full, the run's counts are updated at most this often. */
export const PROGRESS_UPDATE_INTERVAL_MS = 400

/** Quiet time after the last keystroke before the story is checked. */
export const CHECK_DEBOUNCE_MS = 100

/** The static check of the open story. */
export interface CheckState {
  draftId: string | null
  /** The text that was checked (diagnostics and outline belong to it). */
  text: string | null
  diagnostics: PositionedDiagnostic[]
  outline: StoryOutline | null
  checking: boolean
}

/** The run preview: a bounded window of records plus totals of the whole run. */
export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error'
  runId: number | null
  draftId: string | null
  /** The text and seed the shown records came from. */
  text: string | null
  seed: number | undefined
  /** The outline of that text (lane names, definition spans), once its check is known. */
  outline: StoryOutline | null
  /**
   * The first PREVIEW_CAP records of the run (events parsed on demand). Appended in place: `version`
   * changes with every append, so select `run.version` to redraw.
   */
  window: RecordWindow | null
  /** Changes whenever `window` gains records. */
  version: number
  /** Events generated so far (whole run). */
  total: number
  lastMs?: number
  summary: PlainSummary | null
  /** Runtime diagnostics (schema violations, evaluation errors). */
  diagnostics: PositionedDiagnostic[]
  error: string | null
  /** True while the records shown are from the previous run and a new one is on its way. */
  stale: boolean
  startedAt: number
}

/** A record picked in the table or timeline (issue 8 builds the views). */
export interface Selection {
  def: number
  index: number
}

/** A short message at the bottom of the window, with an optional action (e.g. "Undo"). */
export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  action?: { label: string; run: () => void }
}

/** Everything the studio shows, and what the user can do. */
export interface StudioState extends ExportSlice, ShareSlice {
  drafts: Draft[]
  activeId: string | null
  check: CheckState
  catalog: EngineCatalog | null
  run: RunState
  /** Re-run automatically after each edit whose check is clean. */
  live: boolean
  selected: Selection | null
  /** Where the selection was reached from (a provenance link): the timeline shows both. */
  selectionOrigin: Selection | null
  /** Provenance of the selected record (fetched from the worker; null while loading or when unknown). */
  selectedProvenance: { selection: Selection; runId: number; fields: FieldProvenance[] | null } | null
  /** A request for the editor to move its cursor (from Problems, the inspector...). */
  revealRequest: { line: number; column: number; nonce: number } | null
  toasts: Toast[]
  /** A crash or load failure of the engine, shown as a banner until dismissed. */
  engineError: string | null
  saveStatus: 'saved' | 'pending' | 'error'

  newDraft(): void
  openCopy(name: string, text: string, origin?: string, seed?: number | null): string
  activate(id: string): void
  rename(id: string, name: string): void
  duplicate(id: string): void
  remove(id: string): void
  setText(id: string, text: string): void
  setSeed(id: string, seed: number | null): void
  saveNow(): void
  runNow(): void
  stopRun(): void
  setLive(live: boolean): void
  /** Checks the open story now (at startup, after a crash). */
  recheck(): void
  reveal(line: number, column: number): void
  /** Selects a record everywhere (table, timeline, inspector); `origin` is the record a link was followed from. */
  selectRecord(selection: Selection | null, origin?: Selection | null): void
  toast(message: string, tone?: Toast['tone'], action?: Toast['action']): void
  dismissToast(id: number): void
  dismissEngineError(): void
}

/** What the store needs from the outside world (injected so tests use doubles). */
export interface StudioDeps {
  engine: EngineClient
  persistence: DraftPersistence
  /** Files a story may `include:` (the library). */
  files?: FileMap
  now?: () => number
  /** Runs `fn` before the next paint (batches of records are applied at most once per frame). */
  nextFrame?: (fn: () => void) => void
  /** Toasts disappear after this long (ms); 0 keeps them. */
  toastMs?: number
  /** Downloads and save pickers of Export (the browser's by default). */
  exportIo?: ExportIo
  /** Clipboard and page address of Share (the browser's by default). */
  shareIo?: ShareIo
}

/** The store API (a vanilla zustand store). */
export type StudioStore = StoreApi<StudioState>

const emptyRun: RunState = {
  status: 'idle',
  runId: null,
  draftId: null,
  text: null,
  seed: undefined,
  outline: null,
  window: null,
  version: 0,
  total: 0,
  summary: null,
  diagnostics: [],
  error: null,
  stale: false,
  startedAt: 0,
}

const emptyCheck: CheckState = { draftId: null, text: null, diagnostics: [], outline: null, checking: false }

/** Creates the studio store and restores saved drafts (or the starter story on first visit). */
export function createStudioStore(deps: StudioDeps): StudioStore {
  const { engine, persistence } = deps
  const now = deps.now ?? (() => Date.now())
  const nextFrame =
    deps.nextFrame ??
    ((fn: () => void) =>
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16))
  const toastMs = deps.toastMs ?? 8000
  let checkTimer: ReturnType<typeof setTimeout> | undefined
  let checkSeq = 0
  let toastSeq = 0
  let revealSeq = 0

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

  const store = createStore<StudioState>()((set, get) => {
    const active = (): Draft | undefined => get().drafts.find((d) => d.id === get().activeId)

    function persistIndex(): void {
      const { drafts, activeId } = get()
      persistence.saveIndex({ order: drafts.map((d) => d.id), activeId })
      set({ saveStatus: 'pending' })
    }

    function putDraft(draft: Draft): void {
      set({ drafts: get().drafts.map((d) => (d.id === draft.id ? draft : d)), saveStatus: 'pending' })
      persistence.save(draft)
    }

    function scheduleCheck(delay = CHECK_DEBOUNCE_MS): void {
      if (checkTimer !== undefined) clearTimeout(checkTimer)
      checkTimer = setTimeout(runCheck, delay)
    }

    async function runCheck(): Promise<void> {
      checkTimer = undefined
      const draft = active()
      if (!draft) return
      const seq = ++checkSeq
      const text = draft.text
      set({ check: { ...get().check, checking: true } })
      let result: CheckResult
      try {
        result = await engine.check(text, { file: MAIN_FILE, files: deps.files })
      } catch (e) {
        if (seq !== checkSeq) return
        set({
          check: { ...get().check, checking: false },
          engineError: `The story could not be checked: ${errorText(e)}`,
        })
        return
      }
      // A newer check was started (the user typed on, or switched drafts): this result is stale.
      if (seq !== checkSeq) return
      set({
        check: {
          draftId: draft.id,
          text,
          diagnostics: result.diagnostics,
          outline: result.outline,
          checking: false,
        },
      })
      if (get().run.draftId === draft.id && get().run.text === text && !get().run.outline) {
        set({ run: { ...get().run, outline: result.outline } })
      }
      const { live, run } = get()
      const clean = !result.diagnostics.some((d) => d.severity === 'error')
      const current = active()
      if (live && clean && current?.id === draft.id && current.text === text) {
        const seed = current.seed ?? undefined
        const sameAsShown =
          run.draftId === draft.id && run.text === text && run.seed === seed && run.status !== 'error'
        if (!sameAsShown) startRun()
      }
    }

    function startRun(): void {
      const draft = active()
      if (!draft) return
      const previous = get().run
      if (previous.runId !== null && previous.status === 'running') engine.cancel(previous.runId)
      const seed = draft.seed ?? undefined
      const text = draft.text
      const sameDraft = previous.draftId === draft.id
      let pending: PackedRecords[] = []
      let pendingProgress: { total: number; lastMs?: number } | null = null
      let framed = false
      let lastApplied = 0
      let first = true
      const runId = engine.run(
        { text, file: MAIN_FILE, files: deps.files, seed, previewCap: PREVIEW_CAP, provenance: true },
        {
          onBatch(records, progress) {
            if (records) pending.push(records)
            pendingProgress = progress
            if (!framed) {
              framed = true
              // The first batch shows at once; later ones are coalesced so a long run re-renders the
              // views a few times a second instead of on every message.
              // Once the preview is full only the counts move: they are updated less often still.
              const interval = pending.length > 0 ? RUN_UPDATE_INTERVAL_MS : PROGRESS_UPDATE_INTERVAL_MS
              const wait = first ? 0 : Math.max(0, lastApplied + interval - now())
              if (wait === 0) nextFrame(apply)
              else setTimeout(() => nextFrame(apply), wait)
            }
          },
          onDone(summary, diagnostics) {
            apply()
            if (get().run.runId !== runId) return
            set({
              run: {
                ...get().run,
                status: 'done',
                window: first ? null : get().run.window,
                version: first ? 0 : get().run.version,
                stale: false,
                total: summary.total,
                summary,
                diagnostics,
              },
            })
          },
          onError(message) {
            if (get().run.runId !== runId) return
            set({ run: { ...get().run, status: 'error', error: message, stale: false } })
          },
        },
      )
      // Results of the previous run stay on screen (marked stale) until this run's first batch, so live
      // editing does not flicker; a different draft's results are cleared at once.
      set({
        run: {
          ...(sameDraft ? previous : emptyRun),
          status: 'running',
          runId,
          draftId: draft.id,
          text,
          seed,
          outline: checkedOutline(get().check, draft.id, text),
          error: null,
          summary: null,
          stale: sameDraft && (previous.window?.length ?? 0) > 0,
          startedAt: now(),
        },
      })

      function apply(): void {
        framed = false
        lastApplied = now()
        const run = get().run
        if (run.runId !== runId || (pending.length === 0 && !pendingProgress)) return
        // The first batch replaces the previous run's records (kept on screen until now, marked stale).
        const window = first || !run.window ? new RecordWindow(PREVIEW_CAP) : run.window
        for (const batch of pending) window.append(batch)
        const progress = pendingProgress
        const diagnostics = first ? [] : run.diagnostics
        first = false
        pending = []
        pendingProgress = null
        set({
          run: {
            ...run,
            window,
            version: window.version,
            stale: false,
            total: progress?.total ?? run.total,
            lastMs: progress?.lastMs ?? run.lastMs,
            diagnostics,
          },
        })
      }
    }

    function cancelRunInFlight(): void {
      const run = get().run
      if (run.status === 'running' && run.runId !== null) {
        engine.cancel(run.runId)
        set({ run: { ...run, status: run.stale ? 'done' : 'idle', runId: null, stale: false } })
      }
    }

    function addToast(message: string, tone: Toast['tone'] = 'info', action?: Toast['action']): void {
      const id = ++toastSeq
      set({ toasts: [...get().toasts.slice(-3), { id, message, tone, ...(action ? { action } : {}) }] })
      if (toastMs > 0) setTimeout(() => get().dismissToast(id), toastMs)
    }

    function activateDraft(id: string): void {
      if (get().activeId === id) return
      cancelRunInFlight()
      checkSeq++ // results of a check of the previous draft are dropped
      set({ activeId: id, check: emptyCheck, run: emptyRun, selected: null, selectedProvenance: null })
      persistIndex()
      scheduleCheck(0)
    }

    return {
      drafts: initialDrafts,
      activeId: initialActive,
      check: emptyCheck,
      catalog: null,
      run: emptyRun,
      live: true,
      selected: null,
      selectionOrigin: null,
      selectedProvenance: null,
      revealRequest: null,
      toasts: [],
      engineError: null,
      saveStatus: 'saved',
      // Export and Share live in their own modules (export-slice.ts, share-slice.ts).
      ...createExportSlice({
        engine,
        files: deps.files,
        mainFile: MAIN_FILE,
        io: deps.exportIo ?? browserExportIo(),
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

      newDraft() {
        const name = uniqueName(
          'Untitled story',
          get().drafts.map((d) => d.name),
        )
        get().openCopy(name, blankStory(name))
      },

      openCopy(name, text, origin, seed = null) {
        const draft = makeDraft(
          {
            name: uniqueName(
              name,
              get().drafts.map((d) => d.name),
            ),
            text,
            seed,
            ...(origin ? { origin } : {}),
          },
          now(),
        )
        set({ drafts: [...get().drafts, draft] })
        persistence.save(draft)
        activateDraft(draft.id)
        persistIndex()
        return draft.id
      },

      activate: activateDraft,

      rename(id, name) {
        const draft = get().drafts.find((d) => d.id === id)
        const trimmed = name.trim()
        if (!draft || !trimmed || trimmed === draft.name) return
        putDraft({ ...draft, name: trimmed, updatedAt: now() })
      },

      duplicate(id) {
        const draft = get().drafts.find((d) => d.id === id)
        if (!draft) return
        const copy = makeDraft(
          {
            name: uniqueName(
              `${draft.name} copy`,
              get().drafts.map((d) => d.name),
            ),
            text: draft.text,
            seed: draft.seed,
            ...(draft.origin ? { origin: draft.origin } : {}),
          },
          now(),
        )
        const drafts = [...get().drafts]
        drafts.splice(drafts.findIndex((d) => d.id === id) + 1, 0, copy)
        set({ drafts })
        persistence.save(copy)
        activateDraft(copy.id)
        persistIndex()
      },

      remove(id) {
        const drafts = get().drafts
        const at = drafts.findIndex((d) => d.id === id)
        if (at < 0) return
        const draft = drafts[at]
        const rest = drafts.filter((d) => d.id !== id)
        const wasActive = get().activeId === id
        persistence.remove(id)
        set({ drafts: rest })
        if (wasActive) {
          cancelRunInFlight()
          const next = rest[Math.min(at, rest.length - 1)]
          if (next) activateDraft(next.id)
          else {
            checkSeq++ // a check of the deleted draft that is still in flight is dropped
            set({
              activeId: null,
              check: emptyCheck,
              run: emptyRun,
              selected: null,
              selectedProvenance: null,
            })
          }
        }
        persistIndex()
        addToast(`Deleted “${draft.name}”.`, 'info', {
          label: 'Undo',
          run: () => {
            if (get().drafts.some((d) => d.id === draft.id)) return
            const list = [...get().drafts]
            list.splice(Math.min(at, list.length), 0, draft)
            set({ drafts: list })
            persistence.save(draft)
            activateDraft(draft.id)
            persistIndex()
          },
        })
      },

      setText(id, text) {
        const draft = get().drafts.find((d) => d.id === id)
        if (!draft || draft.text === text) return
        putDraft({ ...draft, text, updatedAt: now() })
        if (id === get().activeId) {
          // Each edit cancels the run in flight; the check (and, when live, a new run) follows the debounce.
          cancelRunInFlight()
          scheduleCheck()
        }
      },

      setSeed(id, seed) {
        const draft = get().drafts.find((d) => d.id === id)
        if (!draft || draft.seed === seed) return
        putDraft({ ...draft, seed, updatedAt: now() })
        if (id === get().activeId) {
          cancelRunInFlight()
          scheduleCheck()
        }
      },

      saveNow() {
        const ok = persistence.flush()
        set({ saveStatus: ok ? 'saved' : 'error' })
        if (ok) addToast('Saved in this browser.')
      },

      runNow() {
        if (checkTimer !== undefined) {
          // Run what is on screen: the pending check is done now, so Problems match the run.
          clearTimeout(checkTimer)
          void runCheck()
        }
        set({ engineError: null })
        startRun()
      },

      stopRun: cancelRunInFlight,

      setLive(live) {
        set({ live })
        if (live) scheduleCheck(0)
      },

      recheck() {
        scheduleCheck(0)
      },

      reveal(line, column) {
        set({ revealRequest: { line, column, nonce: ++revealSeq } })
      },

      selectRecord(selection, origin = null) {
        set({ selected: selection, selectionOrigin: selection ? origin : null, selectedProvenance: null })
        const runId = get().run.runId
        if (!selection || runId === null) return
        engine.provenance(runId, selection.def, selection.index).then(
          (fields) => {
            // Only if the selection and the run are still the same when the answer arrives.
            if (get().selected === selection && get().run.runId === runId) {
              set({ selectedProvenance: { selection, runId, fields } })
            }
          },
          () => {},
        )
      },

      toast: addToast,

      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) })
      },

      dismissEngineError() {
        set({ engineError: null })
      },
    }
  })

  engine.onCrash((message) => {
    store.setState({ engineError: message })
  })
  engine.describe().then(
    (catalog) => store.setState({ catalog }),
    (e) => store.setState({ engineError: `The engine could not start: ${errorText(e)}` }),
  )
  store.getState().recheck()
  return store
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

/** The outline of a check when it is for this exact draft text. */
function checkedOutline(check: CheckState, draftId: string, text: string): StoryOutline | null {
  return check.draftId === draftId && check.text === text ? check.outline : null
}

/** True when the records on screen were generated from a different text or seed than the draft has now. */
export function selectRunOutdated(state: StudioState): boolean {
  const draft = selectActiveDraft(state)
  const run = state.run
  if (!draft || run.draftId !== draft.id || run.text === null) return false
  return run.text !== draft.text || run.seed !== (draft.seed ?? undefined)
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
