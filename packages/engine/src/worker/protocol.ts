/**
 * The studio <-> engine worker protocol: one version constant and two discriminated unions of
 * plain-data messages (structured-clone safe: no functions, no class instances; the engine types
 * named here are plain data too). Both sides
 * check `PROTOCOL_VERSION` in the `ready` handshake so a stale cached worker fails loudly.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { LineCol } from '../diagnostics/line-index.ts'
import type { IntensityCurve } from '../generate/intensity-curve.ts'
import type { OutputFormat } from '../generate/serialize.ts'
import type { GeneratedRecord, RecordActor, RunSummary, StoryEvent } from '../runtime/records.ts'
import type { FieldProvenance } from '../runtime/scope.ts'
import type { StoryOutline as EngineStoryOutline } from '../story/outline.ts'
import type { FaultCounts, FaultMark, MarkedRecord, MarkedSummary } from './fault-marks.ts'
import type { PackedRecords } from './packed-records.ts'

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 2

/** A diagnostic with 1-based line/column of both ends, computed in the worker with the engine's LineIndex. */
export interface PositionedDiagnostic extends Diagnostic {
  start: LineCol
  end: LineCol
}

/** The story's shape, known even when it has errors (as much as could be read). */
export type StoryOutline = EngineStoryOutline & {
  /** True when the story has `faults:` (story-wide or on a definition). */
  faults?: boolean
}

/** One event definition of the outline (for completion, navigation and the timeline lanes). */
export type OutlineEvent = EngineStoryOutline['events'][number]

/** One generated event as emitted (the NDJSON line, as an object). */
export type PlainEvent = StoryEvent

/**
 * One generated event with its metadata (definition, occurrence, time, parent, provenance), as the
 * engine yields it; `fault` says what a story's `faults:` did to it (absent for a clean record).
 */
export type PlainRecord = MarkedRecord

/** What the faults did to one record, and how many of each kind a run injected. */
/** Records travel packed (see packed-records.ts). */
/** What one field's value was resolved from (expression, refs, prev, siblings, context). */
/** A record's actor and state entry (issue 16); a rate lane's expected count over time, sent with a run's first batch (issue 17). */
export type { FaultCounts, FaultMark, FieldProvenance, IntensityCurve, PackedRecords, RecordActor }

/** Totals of a run (all events, not only the preview window); `faults` counts the injected faults per kind. */
export type PlainSummary = MarkedSummary

/** How far a run has come; sent with every batch. */
export interface RunProgress {
  /** Events generated so far (whole run). */
  total: number
  /** Records sent to the client so far (at most the preview cap). */
  previewed: number
  /** Simulated time of the latest event, epoch ms. */
  lastMs?: number
}

/** A function of the expression language, for completion and hover. */
export interface BuiltinDoc {
  name: string
  signature: string
  doc: string
  example?: string
}

/** Static knowledge of the engine the editor needs (sent once, on request). */
export interface EngineCatalog {
  builtins: BuiltinDoc[]
  /** `faker.<path>` names without the `faker.` prefix, e.g. `internet.email`. */
  fakerPaths: string[]
  /** JSON Schema of the story format (for monaco-yaml). */
  storySchema: object
}

/** Formats of an export: the ones `autosource generate --format` writes, byte for byte. */
export type ExportFormat = OutputFormat

/** How far an export has come; sent with every chunk. */
export interface ExportProgress {
  /** Events written so far. */
  events: number
  /** UTF-8 bytes written so far. */
  bytes: number
  /** Events the whole export will hold, when known before the end (see `expectedTotal`). */
  planned?: number
  /** Bytes the whole export will take, estimated from the first chunk and `planned`. */
  estimatedBytes?: number
}

/** Why an export ended. */
export type ExportOutcome =
  | { kind: 'complete' }
  | { kind: 'cancelled' }
  /** The story has errors: nothing was generated (`diagnostics` says why). */
  | { kind: 'story-errors' }
  /** The export would pass `maxBytes` (estimated, or reached): it stopped before memory grew. */
  | { kind: 'too-large'; maxBytes: number; estimatedBytes?: number }

/** Other files a story may `include:`, by path (the studio sends library stories and drafts). */
export type FileMap = Record<string, string>

/**
 * Where a request's text came from. `fromLink`: it was opened from a share link, so the loader makes
 * every `include:` a `story/include-in-link` error and never reads `files` (a link brings all it uses).
 */
export interface TextOrigin {
  file?: string
  files?: FileMap
  fromLink?: boolean
}

/** Messages from the client (main thread) to the worker. */
export type ClientMessage =
  | { type: 'describe'; requestId: number }
  | ({ type: 'check'; requestId: number; text: string } & TextOrigin)
  | ({
      type: 'run'
      runId: number
      text: string
      /** Overrides the story's `seed:` when set. */
      seed?: number
      /** Stop after this many events (the whole run otherwise ends with the story). */
      limit?: number
      /** Send at most this many records; the rest of the run is only counted. */
      previewCap: number
      /**
       * Record per-field provenance. It is kept in the worker for the previewed records and fetched one
       * record at a time with `provenance` (inline it would triple what the main thread must decode).
       */
      provenance?: boolean
      /** Ignore the story's `faults:` (`--no-faults`): the clean stream, in timestamp order. */
      noFaults?: boolean
    } & TextOrigin)
  | { type: 'provenance'; requestId: number; runId: number; def: number; index: number }
  | { type: 'cancel'; runId: number }
  /** The planned number of events of a story (undefined when only a run can tell). */
  | ({ type: 'plan'; requestId: number; text: string; seed?: number } & TextOrigin)
  | ({
      type: 'export'
      exportId: number
      text: string
      seed?: number
      format: ExportFormat
      /** Refuse (before or during the run) an export bigger than this many bytes. */
      maxBytes?: number
      /** Events of the whole run when the client already knows (a finished preview of the same text and seed). */
      expectedEvents?: number
      /** Characters of text per chunk (default 256 Ki). */
      chunkChars?: number
      /** Ignore the story's `faults:` (`--no-faults`). */
      noFaults?: boolean
    } & TextOrigin)
  /** The client has consumed `count` more chunks (flow control: the worker keeps a few in flight at most). */
  | { type: 'export-ack'; exportId: number; count: number }
  | { type: 'cancel-export'; exportId: number }

/** Messages from the worker to the client. */
export type WorkerMessage =
  | { type: 'ready'; version: number }
  | { type: 'described'; requestId: number; catalog: EngineCatalog }
  | { type: 'checked'; requestId: number; diagnostics: PositionedDiagnostic[]; outline: StoryOutline }
  /** `records` is null once the preview cap is reached (progress only). */
  | {
      type: 'batch'
      runId: number
      records: PackedRecords | null
      progress: RunProgress
      /** On the first batch only: the expected-intensity curves of the run's rate lanes. */
      curves?: IntensityCurve[]
    }
  | {
      type: 'done'
      runId: number
      summary: PlainSummary
      diagnostics: PositionedDiagnostic[]
      /** True when the run stopped because of `cancel` (its results must not be shown). */
      cancelled: boolean
    }
  | { type: 'provenance'; requestId: number; fields: FieldProvenance[] | null }
  | { type: 'planned'; requestId: number; events: number | undefined }
  /** `chunk` is UTF-8 of whole events (never a split character) and is transferred, not copied. */
  | { type: 'export-chunk'; exportId: number; chunk: Uint8Array; progress: ExportProgress }
  | {
      type: 'export-done'
      exportId: number
      outcome: ExportOutcome
      progress: ExportProgress
      summary: PlainSummary | null
      diagnostics: PositionedDiagnostic[]
    }
  | { type: 'error'; runId?: number; requestId?: number; exportId?: number; message: string }
