/**
 * The studio state's types, shared by every slice and by the components. Type-only and at the bottom of
 * the store's imports: slices import this module, never each other and never store.ts.
 */
import type {
  BudgetKind,
  EngineCatalog,
  EngineClient,
  Exporter,
  FieldProvenance,
  FileMap,
  IntensityCurve,
  PlainSummary,
  PositionedDiagnostic,
  StoryOutline,
} from '@autosource/engine/worker'
import type { StoreApi } from 'zustand/vanilla'
import type { Draft } from '../drafts/draft.ts'
import type { DraftPersistence } from '../drafts/persistence.ts'
import type { ExportIo } from '../export-io.ts'
import type { ExportSlice } from '../export-types.ts'
import type { ShareIo } from '../share-io.ts'
import type { ShareSlice } from '../share-types.ts'
import type { RunFeed } from './run-feed.ts'

/** The static check of the open story. */
export interface CheckState {
  draftId: string | null
  /** The text that was checked (diagnostics and outline belong to it). */
  text: string | null
  diagnostics: PositionedDiagnostic[]
  outline: StoryOutline | null
  checking: boolean
}

/** The run preview: totals of the whole run (its records are in the RunFeed). */
export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error' | 'stopped'
  runId: number | null
  draftId: string | null
  /** The text and seed the shown records came from. */
  text: string | null
  seed: number | undefined
  /** The outline of that text (lane names, definition spans), once its check is known. */
  outline: StoryOutline | null
  /** Records shown (in the feed), or 0 before the first batch. */
  shown: number
  /** Events generated so far (whole run). */
  total: number
  /** Events the run was planned to make, when known before running (for "Stopped at N of M"). */
  planned?: number
  lastMs?: number
  /** Expected-intensity curves of the run's rate lanes, from its first batch (issue 17). */
  curves?: IntensityCurve[]
  summary: PlainSummary | null
  /** Runtime diagnostics (schema violations, evaluation errors). */
  diagnostics: PositionedDiagnostic[]
  error: string | null
  /** True while the records shown are from the previous run and a new one is on its way. */
  stale: boolean
  /** The run ignored the story's `faults:` (the draft's Faults toggle was off). */
  faultsOff?: boolean
  startedAt: number
}

/** A record picked in the table or timeline. */
export interface Selection {
  def: number
  index: number
  /** The second delivery of a duplicated event (`faults:`), which has its original's def and index. */
  copy?: boolean
}

/** A short message at the bottom of the window, with an optional action (e.g. "Undo"). */
export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  action?: { label: string; run: () => void }
}

/** A check or run stopped by its budget (`limit/budget`): shown as a banner until dismissed. */
export interface BudgetStop {
  draftId: string
  kind: BudgetKind | 'restored'
  message: string
}

/** Two tabs changed one draft: both versions are kept, this tab's in place and the other as a copy. */
export interface DraftConflict {
  draftId: string
  copyId: string
  copyName: string
}

/** A Live run that would be big, waiting for the user's confirmation. */
export interface BigRunPrompt {
  draftId: string
  text: string
  events: number
}

/** Drafts and their storage. */
export interface DraftsSlice {
  drafts: Draft[]
  activeId: string | null
  saveStatus: 'saved' | 'pending' | 'error'
  conflict: DraftConflict | null
  newDraft(): void
  openCopy(name: string, text: string, origin?: string, seed?: number | null): string
  activate(id: string): void
  rename(id: string, name: string): void
  duplicate(id: string): void
  remove(id: string): void
  setText(id: string, text: string): void
  setSeed(id: string, seed: number | null): void
  /** Turns the story's `faults:` off (or back on) for this draft's runs and exports; kept with the draft. */
  setFaultsOff(id: string, off: boolean): void
  saveNow(): void
  dismissConflict(): void
}

/** The live check. */
export interface CheckSlice {
  check: CheckState
  budgetStop: BudgetStop | null
  /** Checks the open story soon (at startup, after a crash); skipped for a draft a budget stopped. */
  recheck(): void
  /** Checks the open story now, even one whose last check was stopped by the budget. */
  checkNow(): void
  dismissBudgetStop(): void
}

/** The run preview. */
export interface RunSlice {
  run: RunState
  /** The records of the run on screen (read with useRunRecords). */
  feed: RunFeed
  /** Re-run automatically after each edit whose check is clean. */
  live: boolean
  bigRun: BigRunPrompt | null
  runNow(): void
  stopRun(): void
  setLive(live: boolean): void
  /** Answers the big-run prompt: run it, or leave Live off. */
  answerBigRun(run: boolean): void
}

/** Selection, editor requests, toasts and the engine banner. */
export interface UiSlice {
  catalog: EngineCatalog | null
  selected: Selection | null
  /** Where the selection was reached from (a provenance link): the timeline shows both. */
  selectionOrigin: Selection | null
  /** Provenance of the selected record (fetched from the worker; null while loading or when unknown). */
  selectedProvenance: { selection: Selection; runId: number; fields: FieldProvenance[] | null } | null
  /** A request for the editor to move its cursor (from Problems, the inspector...); `file` is an included file's tab. */
  revealRequest: { line: number; column: number; file?: string; nonce: number } | null
  toasts: Toast[]
  /** A crash or load failure of the engine, shown as a banner until dismissed. */
  engineError: string | null
  /** The keyboard shortcut panel (`?`). */
  shortcutsOpen: boolean
  /** Moves the editor's cursor there: in the story, or in the read-only tab of the included `file`. */
  reveal(line: number, column: number, file?: string): void
  /** Selects a record everywhere (table, timeline, inspector); `origin` is the record a link was followed from. */
  selectRecord(selection: Selection | null, origin?: Selection | null): void
  toast(message: string, tone?: Toast['tone'], action?: Toast['action']): void
  dismissToast(id: number): void
  dismissEngineError(): void
  setShortcutsOpen(open: boolean): void
}

/** Everything the studio shows, and what the user can do. */
export interface StudioState extends DraftsSlice, CheckSlice, RunSlice, UiSlice, ExportSlice, ShareSlice {}

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
  /** Where Export's runs go (the pool of export workers in the browser; `engine` by default). */
  exporter?: Exporter
  /** Clipboard and page address of Share (the browser's by default). */
  shareIo?: ShareIo
}

/** The store API (a vanilla zustand store). */
export type StudioStore = StoreApi<StudioState>

/** Steps one slice asks of another, registered by the slice that owns them (no import between slices). */
export interface StoreSteps {
  scheduleCheck(delay?: number): void
  runCheckNow(): void
  /** Drops the result of a check still in flight. */
  forgetCheck(): void
  startRun(): void
  cancelRunInFlight(): void
  /** Switches the open draft (cancels its run, clears check and selection). */
  activateDraft(id: string): void
  /** Forgets the open draft's check, run and selection (after it was deleted). */
  clearActive(): void
  /** Records on the draft that a budget stopped its check or run (null clears it). */
  markBudget(draftId: string, kind: 'check' | 'run' | null): void
}

/** What every slice is made with. */
export interface SliceContext {
  deps: StudioDeps
  get: () => StudioState
  set: (partial: Partial<StudioState>) => void
  now: () => number
  steps: StoreSteps
}
