/**
 * Where export chunks go: a download assembled from Blob parts (never one giant string or buffer), or a
 * file the user picked, written as the chunks arrive (File System Access API).
 */

/** Receives the chunks of one export, in order. */
export interface ExportSink {
  /** Appends one chunk (the next one waits until this settles). */
  write(chunk: Uint8Array): void | Promise<void>
  /** The export is complete: finish the file (or start the download). */
  close(): Promise<void>
  /** The export stopped: throw away what was written. */
  abort(): Promise<void>
}

/** Pending chunks become one Blob part at this size, so the browser can move them out of the tab's heap. */
export const BLOB_PART_BYTES = 32 * 1024 * 1024

/**
 * A sink that gathers chunks into Blob parts and hands the whole Blob to `deliver` on close. Chunks are
 * folded into a Blob every BLOB_PART_BYTES: Chromium keeps large blobs out of the renderer (on disk
 * when needed), so the tab holds at most one part of raw chunks at a time.
 */
export function createBlobSink(
  type: string,
  deliver: (blob: Blob) => void,
): ExportSink & { parts(): number } {
  let parts: Blob[] = []
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let finished = false
  const fold = () => {
    if (pending.length === 0) return
    parts.push(new Blob(pending as BlobPart[], { type }))
    pending = []
    pendingBytes = 0
  }
  return {
    write(chunk) {
      if (finished) return
      pending.push(chunk)
      pendingBytes += chunk.byteLength
      if (pendingBytes >= BLOB_PART_BYTES) fold()
    },
    async close() {
      if (finished) return
      finished = true
      fold()
      const blob = new Blob(parts, { type })
      parts = []
      deliver(blob)
    },
    async abort() {
      finished = true
      parts = []
      pending = []
    },
    parts: () => parts.length,
  }
}

/** The slice of `FileSystemWritableFileStream` a file sink uses. */
export interface WritableLike {
  write(data: Uint8Array): Promise<void>
  close(): Promise<void>
  abort(): Promise<void>
}

/** A sink writing straight into a file (nothing is kept in memory); abort discards the file's new content. */
export function createWritableSink(writable: WritableLike): ExportSink {
  let finished = false
  return {
    write: (chunk) => writable.write(chunk),
    async close() {
      if (finished) return
      finished = true
      await writable.close()
    },
    async abort() {
      if (finished) return
      finished = true
      // The browser writes to a temporary file until close(): abort leaves the target as it was.
      await writable.abort().catch(() => {})
    },
  }
}
