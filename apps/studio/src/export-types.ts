/** The types of the Export slice (kept apart so the store's types module imports no slice code). */
import type { ExportFormat } from '@autosource/engine/worker'

/** Where an export goes: a browser download (Blob, capped) or a file picked by the user (streamed). */
export type ExportTarget = 'download' | 'file'

/** The export dialog and the export in flight. */
export interface ExportState {
  open: boolean
  format: ExportFormat
  /** choose -> (picking) -> running -> done | cancelled | refused | failed */
  phase: 'choose' | 'picking' | 'running' | 'done' | 'cancelled' | 'refused' | 'failed'
  target: ExportTarget | null
  fileName: string
  /** Events and UTF-8 bytes written so far. */
  events: number
  bytes: number
  /** Events of the whole run, when known before the end. */
  planned?: number
  estimatedBytes?: number
  /** The outcome, for people (refusals say what to do instead). */
  message: string | null
  /** The same export with the CLI, offered when the browser cannot hold it. */
  cliCommand: string | null
  /** The browser can stream into a picked file ("Save as…"). */
  canSaveToFile: boolean
}

/** The export part of the store. */
export interface ExportSlice {
  exporting: ExportState
  /** Opens the export dialog for the open draft. */
  openExport(): void
  /** Closes the dialog (cancelling an export in flight). */
  closeExport(): void
  setExportFormat(format: ExportFormat): void
  /** Starts the export; call it from the click (`file` opens the browser's save picker). */
  startExport(target: ExportTarget): void
  /** Stops the export in flight; nothing is saved. */
  cancelExport(): void
}
