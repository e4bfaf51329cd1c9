/**
 * Export, as a slice of the studio store: the whole run of the open draft (not only the preview),
 * generated in the worker by the CLI's serializer and streamed chunk by chunk into a download or a file.
 */
import type {
  EngineClient,
  Exporter,
  ExportFormat,
  ExportResult,
  FileMap,
  PositionedDiagnostic,
} from '@autosource/engine/worker'
import { storySeedOf } from './drafts/draft.ts'
import { exportFileName, fileStem } from './export-file-name.ts'
import type { ExportIo } from './export-io.ts'
import type { ExportSink } from './export-sink.ts'
import { EXPORT_BLOB_MAX_BYTES, formatBytes } from './export-size.ts'
import type { ExportSlice, ExportState, ExportTarget } from './export-types.ts'
import { formatCount } from './format.ts'
import { storyOrigin } from './state/story-origin.ts'
import type { StudioState } from './state/types.ts'

export type { ExportSlice, ExportState, ExportTarget } from './export-types.ts'

/** What the slice needs from the store and the outside world. */
export interface ExportSliceDeps {
  engine: EngineClient
  files?: FileMap
  /** The file name the draft has in diagnostics (store.ts MAIN_FILE). */
  mainFile: string
  io: ExportIo
  get: () => StudioState
  set: (partial: Partial<StudioState>) => void
  now: () => number
  /** Progress is redrawn at most this often (ms). */
  progressIntervalMs?: number
  /** Runs the export (the pool of export workers, issue 22); `engine` when missing. */
  exporter?: Exporter
}

/** The dialog before anything was asked. */
export const initialExportState: ExportState = {
  open: false,
  format: 'ndjson',
  phase: 'choose',
  target: null,
  fileName: '',
  events: 0,
  bytes: 0,
  message: null,
  cliCommand: null,
  canSaveToFile: false,
}

/** Creates the export actions (spread into the store). */
export function createExportSlice(deps: ExportSliceDeps): ExportSlice {
  const { engine, io, get, set, now } = deps
  const exporter = deps.exporter ?? engine
  const interval = deps.progressIntervalMs ?? 100
  // The export in flight: its id (to cancel it) and sink (to discard it). Only one at a time.
  let current: { id: number | null; sink: ExportSink | null; token: number } | null = null
  let token = 0

  const state = () => get().exporting
  const update = (patch: Partial<ExportState>) => set({ exporting: { ...state(), ...patch } })

  /** The open draft's text, run seed and the seed its output is named after. */
  function source() {
    const s = get()
    const draft = s.drafts.find((d) => d.id === s.activeId)
    if (!draft) return undefined
    const seed = draft.seed ?? undefined
    const checked = s.check.draftId === draft.id && s.check.text === draft.text ? s.check.outline : null
    const effectiveSeed = draft.seed ?? checked?.seed ?? storySeedOf(draft.text)
    // A finished preview of the same text and seed counted the whole run: an exact size for the guard.
    const run = s.run
    const known =
      run.status === 'done' && run.draftId === draft.id && run.text === draft.text && run.seed === seed
        ? run.summary?.total
        : undefined
    return { draft, seed, effectiveSeed, known }
  }

  function stop(discard: boolean): void {
    const job = current
    current = null
    if (!job) return
    if (job.id !== null) exporter.cancelExport(job.id)
    if (discard) void job.sink?.abort()
  }

  function cliCommand(name: string, seed: number, format: ExportFormat, fileName: string): string {
    const faultsOff = get().drafts.find((d) => d.id === get().activeId)?.faultsOff ? ' --no-faults' : ''
    return `autosource generate ${fileStem(name)}.yaml --seed=${seed} --format ${format}${faultsOff} --out ${fileName}`
  }

  function finished(result: ExportResult, sink: ExportSink, mine: number, target: ExportTarget): void {
    const p = result.progress
    const base = { events: p.events, bytes: p.bytes, planned: p.planned, estimatedBytes: p.estimatedBytes }
    const outcome = result.outcome
    if (outcome.kind === 'complete') {
      const errors = result.diagnostics.filter((d) => d.severity === 'error')
      if (errors.length > 0) {
        // As `autosource generate --out`: a run that reported errors leaves no file behind.
        void sink.abort()
        current = null
        update({ ...base, phase: 'failed', message: runErrorMessage(errors) })
        return
      }
      update({ ...base, phase: 'running', message: 'Finishing the file…' })
      sink.close().then(
        () => {
          if (current?.token !== mine) return
          current = null
          const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length
          const verb = target === 'download' ? 'Downloaded' : 'Saved'
          update({
            phase: 'done',
            message:
              `${verb} ${state().fileName}: ${formatCount(p.events)} events, ${formatBytes(p.bytes)}.` +
              (warnings > 0
                ? ` The run reported ${formatCount(warnings)} warning${warnings === 1 ? '' : 's'} (Problems shows them after a run).`
                : ''),
          })
        },
        (e) => {
          if (current?.token !== mine) return
          current = null
          update({ phase: 'failed', message: `The file could not be finished: ${errorText(e)}` })
        },
      )
      return
    }
    current = null
    void sink.abort()
    if (outcome.kind === 'cancelled') update({ ...base, phase: 'cancelled', message: 'Export cancelled.' })
    else if (outcome.kind === 'story-errors') {
      update({
        ...base,
        phase: 'refused',
        message: `The story has errors, so there is nothing to export: ${runErrorMessage(result.diagnostics)}`,
      })
    } else {
      const src = source()
      const size =
        outcome.estimatedBytes !== undefined
          ? `about ${formatBytes(outcome.estimatedBytes)}${p.planned !== undefined ? ` (${formatCount(p.planned)} events)` : ''}`
          : `more than ${formatBytes(outcome.maxBytes)}`
      const instead = io.canSaveToFile()
        ? 'Use “Save as…” to stream it straight into a file, or run it with the CLI:'
        : 'Run it with the CLI instead (save the story as a .yaml file first):'
      update({
        ...base,
        phase: 'refused',
        message: `This export would be ${size}, more than the ${formatBytes(outcome.maxBytes)} a download can hold in this tab. Nothing was saved. ${instead}`,
        cliCommand: src
          ? cliCommand(src.draft.name, src.effectiveSeed, state().format, state().fileName)
          : null,
      })
    }
  }

  function begin(target: ExportTarget, sink: ExportSink, mine: number): void {
    const src = source()
    if (!src || current?.token !== mine) {
      void sink.abort()
      return
    }
    current.sink = sink
    const format = state().format
    let lastDrawn = 0
    update({ phase: 'running', target, events: 0, bytes: 0, estimatedBytes: undefined, message: null })
    current.id = exporter.export(
      {
        text: src.draft.text,
        // A draft from a link is exported as it checks: `fromLink`, no library files.
        ...storyOrigin(src.draft, deps.files),
        seed: src.seed,
        format,
        maxBytes: target === 'download' ? EXPORT_BLOB_MAX_BYTES : undefined,
        expectedEvents: src.known,
        // The Faults toggle: an export is what the preview shows (the dialog says so).
        ...(src.draft.faultsOff ? { noFaults: true } : {}),
      },
      {
        async onChunk(chunk, progress) {
          await sink.write(chunk)
          const t = now()
          if (t - lastDrawn >= interval && current?.token === mine) {
            lastDrawn = t
            update({
              events: progress.events,
              bytes: progress.bytes,
              planned: progress.planned,
              estimatedBytes: progress.estimatedBytes,
            })
          }
        },
        onDone(result) {
          if (current?.token === mine) finished(result, sink, mine, target)
        },
        onError(message) {
          if (current?.token !== mine) return
          current = null
          void sink.abort()
          update({ phase: 'failed', message: `${message} Nothing was saved.` })
        },
      },
    )
  }

  return {
    exporting: initialExportState,

    openExport() {
      const src = source()
      if (!src) return
      if (current) return update({ open: true })
      const format = state().format
      set({
        exporting: {
          ...initialExportState,
          open: true,
          format,
          fileName: exportFileName(src.draft.name, src.effectiveSeed, format),
          planned: src.known,
          canSaveToFile: io.canSaveToFile(),
        },
      })
      if (src.known === undefined) {
        const text = src.draft.text
        engine.plan(text, { ...storyOrigin(src.draft, deps.files), seed: src.seed }).then(
          (planned) => {
            const again = source()
            if (state().open && state().planned === undefined && again?.draft.text === text)
              update({ planned })
          },
          () => {},
        )
      }
    },

    closeExport() {
      stop(true)
      update({ open: false, phase: 'choose', message: null, cliCommand: null })
    },

    setExportFormat(format) {
      const src = source()
      if (!src || current) return
      update({
        format,
        fileName: exportFileName(src.draft.name, src.effectiveSeed, format),
        phase: 'choose',
        message: null,
        cliCommand: null,
      })
    },

    startExport(target) {
      const src = source()
      if (!src || current) return
      const mine = ++token
      current = { id: null, sink: null, token: mine }
      const { fileName, format } = state()
      if (target === 'download') {
        begin(target, io.downloadSink(fileName, format), mine)
        return
      }
      update({ phase: 'picking', target, message: null, cliCommand: null })
      // Called before any await: the picker needs the click's user activation.
      io.pickFile(fileName, format).then(
        (sink) => {
          if (current?.token !== mine) return void sink?.abort()
          if (!sink) {
            current = null
            update({ phase: 'choose', target: null })
            return
          }
          begin(target, sink, mine)
        },
        (e) => {
          if (current?.token !== mine) return
          current = null
          update({ phase: 'failed', message: `The file could not be opened for writing: ${errorText(e)}` })
        },
      )
    },

    cancelExport() {
      if (!current) return
      stop(true)
      update({ phase: 'cancelled', message: 'Export cancelled. Nothing was saved.' })
    },
  }
}

function runErrorMessage(diagnostics: readonly PositionedDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const first = errors[0] ?? diagnostics[0]
  if (!first) return 'see Problems.'
  const more = errors.length > 1 ? ` (and ${formatCount(errors.length - 1)} more; see Problems)` : ''
  return `line ${first.start.line}: ${first.message}${more}.`
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
