/**
 * The engine side of the worker protocol, independent of where it runs: the module worker wraps it
 * (worker-entry.ts), the client runs it on the main thread when workers are unavailable, and Node
 * tests drive it directly (the excalidraw lesson: one code path, three hosts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { LineIndex } from '../diagnostics/line-index.ts'
import { intensityCurves } from '../generate/intensity-curve.ts'
import type { StreamOptions } from '../generate/stream-story.ts'
import type { FieldProvenance } from '../runtime/scope.ts'
import type { Story } from '../story/types.ts'
import { packedTransfer, packRecords } from './packed-records.ts'
import {
  type ClientMessage,
  type EngineCatalog,
  type ExportFormat,
  type ExportProgress,
  type FileMap,
  type PlainRecord,
  type PlainSummary,
  type PositionedDiagnostic,
  PROTOCOL_VERSION,
  type StoryOutline,
  type WorkerMessage,
} from './protocol.ts'

/** Options the host passes to the engine's checkStory/streamStory. */
export interface HostStoryOptions extends StreamOptions {
  /**
   * Same key, same story text and included files: the engine may reuse the story it loaded and
   * compiled for an earlier call (one compile per edit serves its check, run, plan and export).
   */
  key?: string
  /** Ignore the story's `faults:` (the CLI's `--no-faults`; fault-marks.ts). */
  noFaults?: boolean
}

/** A run as the host needs it: records lazily, then diagnostics and a summary. */
export interface HostRun {
  readonly diagnostics: Diagnostic[]
  /** The loaded story, when it loaded (the host sends its rate curves with the first batch). */
  readonly story?: Story
  records(): Iterable<PlainRecord>
  summary(): PlainSummary
}

/** A whole-run export as the host needs it: the text chunks the CLI writes for the same story and seed. */
export interface HostExport {
  /** True when the story has errors and generates nothing. */
  readonly failed: boolean
  readonly diagnostics: Diagnostic[]
  /** Events the run will make, when knowable before running it. */
  readonly planned: number | undefined
  /** The output as text chunks of about `chunkChars` characters, each ending at an event boundary. */
  chunks(chunkChars: number): Iterable<string>
  summary(): PlainSummary
}

/** The slice of the engine the host calls; injected so the host is testable without the full engine. */
export interface EngineApi {
  checkStory(text: string, options?: HostStoryOptions): { diagnostics: Diagnostic[]; outline: StoryOutline }
  streamStory(text: string, options?: HostStoryOptions): HostRun
  /** Events a story will make when knowable before running it (no end_date, probability or when). */
  plannedEvents(text: string, options?: HostStoryOptions): number | undefined
  /** The whole run serialized by the CLI's serializer (`autosource generate --format`). */
  exportStory(text: string, options: HostStoryOptions, format: ExportFormat): HostExport
  catalog(): EngineCatalog
  /** The engine's NDJSON line of an event (the preview shows exactly what an export writes). */
  serializeNdjson(event: PlainRecord['event']): string
}

/** Tuning of the host's cooperative scheduling. */
export interface WorkerHostOptions {
  engine: EngineApi
  /** Records per batch at most (default 2000). */
  batchSize?: number
  /** A batch ends after this many ms even when not full, so cancel and check stay responsive (default 25). */
  batchBudgetMs?: number
  /** Monotonic clock in ms, for the batch budget only (never for simulated time). */
  now?: () => number
  /** Lets queued messages (cancel, check) in between batches. */
  yieldToLoop?: () => Promise<void>
  /** Export chunks sent and not yet acknowledged by the client, at most (default 8). */
  exportWindow?: number
}

/** Characters of text per export chunk unless the client asks otherwise (UTF-8: 256 KiB to 1 MiB). */
export const EXPORT_CHUNK_CHARS = 1 << 18

/** The engine side of the protocol: feed it client messages; it answers through `post`. */
export interface WorkerHost {
  handle(message: ClientMessage): void
  /** Resolves when every run started so far has finished or stopped (tests). */
  idle(): Promise<void>
}

/** Posts one message; the transfer list is for export chunks. */
export type Post = (message: WorkerMessage, transfer?: Transferable[]) => void

/** Creates a host that answers `ready` at once and then serves client messages. */
export function createWorkerHost(post: Post, options: WorkerHostOptions): WorkerHost {
  const engine = options.engine
  const batchSize = options.batchSize ?? 2000
  const budget = options.batchBudgetMs ?? 25
  const now = options.now ?? (() => performance.now())
  const yieldToLoop = options.yieldToLoop ?? defaultYield
  const runs = new Map<number, { cancelled: boolean; done: Promise<void> }>()
  // Provenance of the previewed records of the latest run, by `def:index` (bounded by the preview cap).
  let provenanceRun = -1
  let provenance = new Map<string, FieldProvenance[]>()
  const exportWindow = options.exportWindow ?? 8
  const exports = new Map<number, ExportState>()

  post({ type: 'ready', version: PROTOCOL_VERSION })

  function check(msg: Extract<ClientMessage, { type: 'check' }>): void {
    try {
      const file = msg.file ?? 'story.yaml'
      const result = engine.checkStory(msg.text, {
        file,
        resolveInclude: resolver(msg.files),
        key: storyKey(file, msg.text, msg.files, msg.fromLink),
        fromLink: msg.fromLink,
      })
      post({
        type: 'checked',
        requestId: msg.requestId,
        diagnostics: positioned(result.diagnostics, file, msg.text, msg.files),
        outline: result.outline,
      })
    } catch (e) {
      post({ type: 'error', requestId: msg.requestId, message: `The checker failed: ${describeError(e)}` })
    }
  }

  async function run(msg: Extract<ClientMessage, { type: 'run' }>): Promise<void> {
    const state = runs.get(msg.runId)!
    const file = msg.file ?? 'story.yaml'
    try {
      const storyRun = engine.streamStory(msg.text, {
        file,
        seed: msg.seed,
        limit: msg.limit,
        provenance: msg.provenance,
        noFaults: msg.noFaults,
        resolveInclude: resolver(msg.files),
        key: storyKey(file, msg.text, msg.files, msg.fromLink),
        fromLink: msg.fromLink,
      })
      const iterator = storyRun.records()[Symbol.iterator]()
      let total = 0
      let previewed = 0
      let lastMs: number | undefined
      let curves = storyRun.story ? intensityCurves(storyRun.story) : undefined
      for (;;) {
        const started = now()
        const records: PlainRecord[] = []
        let finished = false
        for (;;) {
          const next = iterator.next()
          if (next.done) {
            finished = true
            break
          }
          total++
          lastMs = next.value.timeMs
          if (previewed < msg.previewCap) {
            const record = next.value
            if (record.provenance) provenance.set(`${record.def}:${record.index}`, record.provenance)
            records.push(record)
            previewed++
          }
          if (records.length >= batchSize) break
          // Reading the clock every record would cost more than generating some of them.
          if ((total & 127) === 0 && now() - started >= budget) break
        }
        if (records.length > 0 || !finished) {
          const packed =
            records.length > 0 ? packRecords(records, (r) => engine.serializeNdjson(r.event)) : null
          const progress = { total, previewed, lastMs }
          post(
            curves?.length
              ? { type: 'batch', runId: msg.runId, records: packed, progress, curves }
              : { type: 'batch', runId: msg.runId, records: packed, progress },
            packed ? packedTransfer(packed) : undefined,
          )
          curves = undefined
        }
        if (finished) break
        await yieldToLoop()
        if (state.cancelled) {
          iterator.return?.()
          post({
            type: 'done',
            runId: msg.runId,
            summary: storyRun.summary(),
            diagnostics: [],
            cancelled: true,
          })
          return
        }
      }
      post({
        type: 'done',
        runId: msg.runId,
        summary: storyRun.summary(),
        diagnostics: positioned(storyRun.diagnostics, file, msg.text, msg.files),
        cancelled: false,
      })
    } catch (e) {
      post({ type: 'error', runId: msg.runId, message: `The run failed: ${describeError(e)}` })
    }
  }

  async function exportStory(
    msg: Extract<ClientMessage, { type: 'export' }>,
    state: ExportState,
  ): Promise<void> {
    const file = msg.file ?? 'story.yaml'
    const progress: ExportProgress = { events: 0, bytes: 0 }
    const finish = (
      outcome: Extract<WorkerMessage, { type: 'export-done' }>['outcome'],
      summary: PlainSummary | null,
      diagnostics: PositionedDiagnostic[],
    ) => post({ type: 'export-done', exportId: msg.exportId, outcome, progress, summary, diagnostics })
    try {
      const job = engine.exportStory(
        msg.text,
        {
          file,
          seed: msg.seed,
          noFaults: msg.noFaults,
          resolveInclude: resolver(msg.files),
          key: storyKey(file, msg.text, msg.files, msg.fromLink),
          fromLink: msg.fromLink,
        },
        msg.format,
      )
      if (job.failed) {
        finish({ kind: 'story-errors' }, null, positioned(job.diagnostics, file, msg.text, msg.files))
        return
      }
      const planned = msg.expectedEvents ?? job.planned
      if (planned !== undefined) progress.planned = planned
      const encoder = new TextEncoder()
      const iterator = job.chunks(msg.chunkChars ?? EXPORT_CHUNK_CHARS)[Symbol.iterator]()
      for (;;) {
        if (state.cancelled) {
          iterator.return?.()
          finish({ kind: 'cancelled' }, job.summary(), [])
          return
        }
        const next = iterator.next()
        if (next.done) break
        const chunk = encoder.encode(next.value)
        progress.bytes += chunk.byteLength
        progress.events = job.summary().total
        if (progress.estimatedBytes === undefined && planned !== undefined && progress.events > 0) {
          // One chunk holds thousands of events: a good enough average to refuse early, before memory grows.
          progress.estimatedBytes = Math.round((progress.bytes / progress.events) * planned)
        }
        const max = msg.maxBytes
        if (max !== undefined && (progress.bytes > max || (progress.estimatedBytes ?? 0) > max)) {
          iterator.return?.()
          finish(
            progress.estimatedBytes === undefined
              ? { kind: 'too-large', maxBytes: max }
              : { kind: 'too-large', maxBytes: max, estimatedBytes: progress.estimatedBytes },
            job.summary(),
            [],
          )
          return
        }
        post({ type: 'export-chunk', exportId: msg.exportId, chunk, progress: { ...progress } }, [
          chunk.buffer as ArrayBuffer,
        ])
        state.inflight++
        // Flow control: a slow sink (a file on a slow disk) must not make chunks pile up on the main thread.
        while (state.inflight >= exportWindow && !state.cancelled) {
          await new Promise<void>((resolve) => (state.wake = resolve))
        }
        await yieldToLoop()
      }
      finish({ kind: 'complete' }, job.summary(), positioned(job.diagnostics, file, msg.text, msg.files))
    } catch (e) {
      post({ type: 'error', exportId: msg.exportId, message: `The export failed: ${describeError(e)}` })
    }
  }

  return {
    handle(message) {
      switch (message.type) {
        case 'describe':
          try {
            post({ type: 'described', requestId: message.requestId, catalog: engine.catalog() })
          } catch (e) {
            post({ type: 'error', requestId: message.requestId, message: describeError(e) })
          }
          return
        case 'check':
          check(message)
          return
        case 'provenance':
          post({
            type: 'provenance',
            requestId: message.requestId,
            fields:
              message.runId === provenanceRun
                ? (provenance.get(`${message.def}:${message.index}`) ?? null)
                : null,
          })
          return
        case 'run': {
          // One run at a time: a new run supersedes the one in flight (the CPU is better spent on the new one).
          for (const other of runs.values()) other.cancelled = true
          provenanceRun = message.runId
          provenance = new Map()
          const state = { cancelled: false, done: Promise.resolve() }
          runs.set(message.runId, state)
          state.done = run(message).finally(() => runs.delete(message.runId))
          return
        }
        case 'cancel': {
          const state = runs.get(message.runId)
          if (state) state.cancelled = true
          // A cancel for a run that already ended needs no answer: the client got its `done`.
          return
        }
        case 'plan': {
          let events: number | undefined
          try {
            const file = message.file ?? 'story.yaml'
            events = engine.plannedEvents(message.text, {
              file,
              seed: message.seed,
              resolveInclude: resolver(message.files),
              key: storyKey(file, message.text, message.files, message.fromLink),
              fromLink: message.fromLink,
            })
          } catch {
            // A story the loader chokes on has no plan; the check reports why.
          }
          post({ type: 'planned', requestId: message.requestId, events })
          return
        }
        case 'export': {
          // Exports run beside the preview run (the user may keep editing); each is independent.
          const state: ExportState = { cancelled: false, inflight: 0, done: Promise.resolve() }
          exports.set(message.exportId, state)
          state.done = exportStory(message, state).finally(() => exports.delete(message.exportId))
          return
        }
        case 'export-ack': {
          const state = exports.get(message.exportId)
          if (!state) return
          state.inflight = Math.max(0, state.inflight - message.count)
          state.wake?.()
          return
        }
        case 'cancel-export': {
          const state = exports.get(message.exportId)
          if (!state) return
          state.cancelled = true
          state.wake?.()
          return
        }
      }
    },
    async idle() {
      while (runs.size > 0 || exports.size > 0) {
        await Promise.all([...runs.values(), ...exports.values()].map((r) => r.done))
      }
    },
  }
}

interface ExportState {
  cancelled: boolean
  /** Chunks posted and not yet acknowledged. */
  inflight: number
  /** Resumes an export waiting for acknowledgements (or for its cancel). */
  wake?: () => void
  done: Promise<void>
}

/** Adds 1-based line/column to each diagnostic, using the text of the file it points into. */
export function positioned(
  diagnostics: readonly Diagnostic[],
  mainFile: string,
  mainText: string,
  files: FileMap | undefined,
): PositionedDiagnostic[] {
  const indexes = new Map<string, LineIndex>()
  const indexOf = (file: string): LineIndex => {
    let index = indexes.get(file)
    if (!index) {
      index = new LineIndex(file === mainFile ? mainText : (files?.[file] ?? ''))
      indexes.set(file, index)
    }
    return index
  }
  return diagnostics.map((d) => {
    const index = indexOf(d.file)
    return { ...d, start: index.position(d.span.start), end: index.position(d.span.end) }
  })
}

/** What a loaded and compiled story depends on: its file name, its text and the files it may include. */
function storyKey(file: string, text: string, files: FileMap | undefined, fromLink?: boolean): string {
  // Keys are compared only with the previous one (one string comparison per message). A linked
  // text compiles differently (no includes), so it never shares a program with the same text.
  return `${fromLink ? 'link' : 'file'}\u0000${file}\u0000${text}\u0000${files ? JSON.stringify(files) : ''}`
}

/** Resolves `include:` paths against the files the studio sent (also used by export-pool-host.ts). */
export function resolver(files: FileMap | undefined): HostStoryOptions['resolveInclude'] {
  if (!files) return undefined
  return (path, fromFile) => {
    // Relative to the including file's folder first, like the CLI resolves includes on disk.
    const slash = fromFile.lastIndexOf('/')
    const joined = slash >= 0 ? fromFile.slice(0, slash + 1) + path : path
    if (Object.hasOwn(files, joined)) return { file: joined, text: files[joined] }
    if (Object.hasOwn(files, path)) return { file: path, text: files[path] }
    // A draft opened from `composition/x.yaml` lives at the root but still writes
    // `include: [shared.yaml]`: take the one open file whose path ends with that name.
    const matches = Object.keys(files).filter((f) => f.endsWith(`/${path}`))
    return matches.length === 1 ? { file: matches[0], text: files[matches[0]] } : undefined
  }
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

// A MessageChannel hop is not clamped like nested setTimeout (4 ms), so yielding stays cheap.
function defaultYield(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0))
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}
