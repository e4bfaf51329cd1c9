import { WORKER_CHUNK_BYTES } from './worker-protocol.ts'

/*
 * The bytes of one chunk a `--workers` thread posts: each record's text is encoded straight into a
 * buffer of its own (transferred to the main thread, never pooled), instead of concatenating the
 * records into one string and encoding that. The concatenated string was a rope that TextEncoder
 * flattened and scanned again: 12-15% of a worker's time on the reference story.
 */
export class ChunkBuffer {
  private bytes = Buffer.allocUnsafeSlow(WORKER_CHUNK_BYTES)
  /** Bytes written so far. */
  length = 0

  /** Whether `text` goes into this chunk: an empty chunk takes any record, however long. */
  fits(text: string): boolean {
    // 3 bytes per UTF-16 unit is the most UTF-8 needs (a surrogate pair is 4 bytes for 2 units).
    return this.length === 0 || this.length + text.length * 3 <= this.bytes.length
  }

  /** Appends the UTF-8 of `text` (after `fits`; an empty chunk grows for a record longer than a chunk). */
  write(text: string): void {
    if (this.length === 0 && text.length * 3 > this.bytes.length)
      this.bytes = Buffer.allocUnsafeSlow(text.length * 3)
    this.length += this.bytes.write(text, this.length, 'utf8')
  }

  /** The chunk's bytes (a view of its own ArrayBuffer, to transfer); the next chunk gets a new buffer. */
  take(): Uint8Array {
    const out = new Uint8Array(this.bytes.buffer, 0, this.length)
    this.bytes = Buffer.allocUnsafeSlow(WORKER_CHUNK_BYTES)
    this.length = 0
    return out
  }
}
