/** The engine client's public types: what the main thread asks of the engine and how it hears back. */

import type { Post, WorkerHost } from './host.ts'
import type {
  ClientMessage,
  EngineCatalog,
  ExportFormat,
  ExportOutcome,
  ExportProgress,
  FieldProvenance,
  FileMap,
  IntensityCurve,
  PackedRecords,
  PlainSummary,
  PositionedDiagnostic,
  RunProgress,
  StoryOutline,
  WorkerMessage,
} from './protocol.ts'

/** What the client needs of a Worker (a real `Worker`, or a test double). */
export interface WorkerLike {
  postMessage(message: ClientMessage): void
  terminate(): void
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void
}

/** How the client starts its engine. */
export interface EngineClientOptions {
  /** Makes the module worker. When missing or when it throws, the host runs on the main thread. */
  createWorker?: () => WorkerLike
  /** Loads a main-thread host (a dynamic import, so the engine stays out of the main bundle until needed). */
  loadLocalHost?: () => Promise<(post: Post) => WorkerHost>
  /** A worker that has not answered a cancel after this long is terminated (default CANCEL_BUDGET_MS). */
  cancelTimeoutMs?: number
  /** A worker that sends nothing for this long during a run or export is stopped (default RUN_SILENCE_BUDGET_MS). */
  stallTimeoutMs?: number
  /** A check, plan or describe waiting while the worker says nothing for this long is stopped (default CHECK_BUDGET_MS). */
  checkBudgetMs?: number
  /** Texts longer than this are refused without reaching the worker (default STORY_MAX_CHARS). */
  maxTextChars?: number
}

/** Where a story text came from, for the loader (a link may not include anything). */
export interface StorySource {
  file?: string
  files?: FileMap
  /** The text came from a share link: every `include:` is a `story/include-in-link` error. */
  fromLink?: boolean
}

/** The result of a static check. */
export interface CheckResult {
  diagnostics: PositionedDiagnostic[]
  outline: StoryOutline
}

/** What a run asks for. */
export interface RunRequest extends StorySource {
  text: string
  seed?: number
  limit?: number
  previewCap: number
  provenance?: boolean
  /** Ignore the story's `faults:` (`--no-faults`). */
  noFaults?: boolean
}

/** Callbacks of one run; none is called after the run was cancelled. */
export interface RunHandlers {
  /** `records` is null once the preview cap is reached (progress only). */
  onBatch(records: PackedRecords | null, progress: RunProgress, curves?: IntensityCurve[]): void
  onDone(summary: PlainSummary, diagnostics: PositionedDiagnostic[]): void
  /** `code` is `limit/budget` when a budget stopped the run (the worker was replaced). */
  onError(message: string, code?: string): void
}

/** What an export asks for: the whole run of a story, serialized like `autosource generate`. */
export interface ExportRequest extends StorySource {
  text: string
  seed?: number
  format: ExportFormat
  /** Refuse an export bigger than this (estimated early, or reached): the worker stops before memory grows. */
  maxBytes?: number
  /** Events of the whole run when already known (a finished preview of the same text and seed). */
  expectedEvents?: number
  /** Characters of text per chunk (default 256 Ki). */
  chunkChars?: number
  /** Ignore the story's `faults:` (`--no-faults`). */
  noFaults?: boolean
}

/** How an export ended, with its totals and the run's diagnostics. */
export interface ExportResult {
  outcome: ExportOutcome
  progress: ExportProgress
  summary: PlainSummary | null
  diagnostics: PositionedDiagnostic[]
}

/** Callbacks of one export; none is called after `cancelExport`. */
export interface ExportHandlers {
  /**
   * One chunk of the output (UTF-8), in order. The next chunk waits until the returned promise settles,
   * and the worker pauses when a few chunks wait (flow control). A rejection stops the export (onError).
   */
  onChunk(chunk: Uint8Array, progress: ExportProgress): void | Promise<void>
  /** Called after the last chunk was consumed (or when the export was refused). */
  onDone(result: ExportResult): void
  /** `code` is `limit/budget` when a budget stopped the export (the worker was replaced). */
  onError(message: string, code?: string): void
}

/** The engine, seen from the main thread. */
export interface EngineClient {
  /** Where the engine runs: a module worker, or the main thread (fallback). */
  readonly mode: 'worker' | 'main-thread' | 'not-started'
  describe(): Promise<EngineCatalog>
  /** Rejects with a BudgetExceededError when the check passes its budget (the worker is replaced). */
  check(text: string, options?: StorySource): Promise<CheckResult>
  /** Per-field provenance of a previewed record of a run started with `provenance: true` (null when unknown). */
  provenance(runId: number, def: number, index: number): Promise<FieldProvenance[] | null>
  /** Starts a run (cancelling the one in flight) and returns its id. */
  run(request: RunRequest, handlers: RunHandlers): number
  /** Stops a run; its handlers are never called again. */
  cancel(runId: number): void
  /** Events a story will make when knowable before running it (undefined: only a run can tell). */
  plan(text: string, options?: StorySource & { seed?: number }): Promise<number | undefined>
  /** Starts an export (independent of runs) and returns its id. */
  export(request: ExportRequest, handlers: ExportHandlers): number
  /** Stops an export; its handlers are never called again. */
  cancelExport(exportId: number): void
  /** Called when the engine crashed or stopped responding; returns an unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void
  dispose(): void
}
