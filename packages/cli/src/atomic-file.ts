import { randomBytes } from 'node:crypto'
import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'

/** Temp files of unfinished outputs, removed on Ctrl-C so no partial file is left behind. */
const pending = new Set<string>()

/** Removes every unfinished temp file (signal handlers call this). */
export function removePendingTempFiles(): void {
  for (const path of pending) tryUnlink(path)
  pending.clear()
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone: nothing to clean.
  }
}

/**
 * An output file written to `FILE.tmp-XXXXXXXX` and renamed onto FILE only on success, so a
 * failed or interrupted run never leaves a file that looks complete.
 */
export class AtomicFile {
  readonly tempPath: string
  readonly stream: WriteStream
  private settled = false

  constructor(readonly path: string) {
    this.tempPath = `${path}.tmp-${randomBytes(4).toString('hex')}`
    pending.add(this.tempPath)
    // Large buffer: we write 64 KiB chunks, and fewer drain round trips keep throughput up.
    this.stream = createWriteStream(this.tempPath, { highWaterMark: 1 << 20 })
  }

  /** Flushes and moves the temp file onto the real name. */
  async commit(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.stream.end()
    await finished(this.stream)
    renameSync(this.tempPath, this.path)
    pending.delete(this.tempPath)
  }

  /** Drops the temp file (the real file, if any, is left untouched). */
  async abort(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.stream.destroy()
    await finished(this.stream).catch(() => undefined)
    tryUnlink(this.tempPath)
    pending.delete(this.tempPath)
  }
}
