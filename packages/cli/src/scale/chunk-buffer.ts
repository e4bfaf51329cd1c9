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

  /** Whether `text` and its separators go into this chunk: an empty chunk takes any record, however long. */
  fits(text: string): boolean {
    return this.length === 0 || this.length + room(text) <= this.bytes.length
  }

  /**
   * Appends `before`, the UTF-8 of `text`, then `after` (ASCII separators such as `,\n` and `\n`,
   * written as bytes: `text + '\n'` would make a new string per record). After `fits`; an empty
   * chunk grows for a record longer than a chunk.
   */
  write(before: string, text: string, after: string): void {
    if (this.length === 0 && room(text) > this.bytes.length) this.bytes = Buffer.allocUnsafeSlow(room(text))
    const bytes = this.bytes
    let at = this.length
    for (let i = 0; i < before.length; i++) bytes[at++] = before.charCodeAt(i)
    at += bytes.write(text, at, 'utf8')
    for (let i = 0; i < after.length; i++) bytes[at++] = after.charCodeAt(i)
    this.length = at
  }

  /** The chunk's bytes (a view of its own ArrayBuffer, to transfer); the next chunk gets a new buffer. */
  take(): Uint8Array {
    const out = new Uint8Array(this.bytes.buffer, 0, this.length)
    this.bytes = Buffer.allocUnsafeSlow(WORKER_CHUNK_BYTES)
    this.length = 0
    return out
  }
}

/** The most bytes a record can take: 3 per UTF-16 unit (a surrogate pair is 4 for 2), and a separator of up to 2. */
function room(text: string): number {
  return text.length * 3 + 2
}
