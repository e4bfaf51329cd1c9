/** The browser side of Export: downloads through `<a download>`, and files picked with `showSaveFilePicker`. */
import type { ExportFormat } from '@autosource/engine/worker'
import { exportMimeType } from './export-file-name.ts'
import { createBlobSink, createWritableSink, type ExportSink, type WritableLike } from './export-sink.ts'

/** What the export needs of the browser (injected, so the store is tested in Node). */
export interface ExportIo {
  /** True when the browser can stream into a file the user picks (no size limit, nothing kept in memory). */
  canSaveToFile(): boolean
  /** Asks where to save (call it during the click); null when the user closes the picker. */
  pickFile(fileName: string, format: ExportFormat): Promise<ExportSink | null>
  /** A sink that downloads the collected Blob as `fileName` when closed. */
  downloadSink(fileName: string, format: ExportFormat): ExportSink
}

interface SaveFilePickerOptions {
  suggestedName?: string
  types?: { description: string; accept: Record<string, string[]> }[]
}
interface FileHandleLike {
  createWritable(): Promise<FileSystemWritableFileStream>
}
type PickerWindow = Window & {
  showSaveFilePicker?: (options: SaveFilePickerOptions) => Promise<FileHandleLike>
}

/** Starts a download of `blob` named `fileName` (an object URL and a clicked `<a download>`). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** The real browser. */
export function browserExportIo(): ExportIo {
  // Read on use, not here: the store (and its Node tests) is created where there may be no window.
  const picker = () => window as PickerWindow
  return {
    canSaveToFile() {
      // The picker exists only in secure, top-level documents of Chromium browsers.
      try {
        const win = picker()
        return typeof win.showSaveFilePicker === 'function' && win.isSecureContext && win.self === win.top
      } catch {
        return false
      }
    },
    async pickFile(fileName, format) {
      const ext = `.${format}`
      let handle: FileHandleLike
      try {
        handle = await picker().showSaveFilePicker!({
          suggestedName: fileName,
          types: [
            { description: `${format.toUpperCase()} file`, accept: { [exportMimeType(format)]: [ext] } },
          ],
        })
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return null
        throw e
      }
      const writable = await handle.createWritable()
      // Chunks arrive transferred from the worker: plain ArrayBuffers, never shared memory.
      return createWritableSink(writable as unknown as WritableLike)
    },
    downloadSink: (fileName, format) =>
      createBlobSink(exportMimeType(format), (blob) => downloadBlob(blob, fileName)),
  }
}
