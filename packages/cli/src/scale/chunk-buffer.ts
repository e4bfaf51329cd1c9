import { WORKER_CHUNK_BYTES } from './worker-protocol.ts'

/*
 * The bytes of one chunk a `--workers` thread posts: each record's text is encoded straight into a
 * buffer of its own (transferred to the main thread), instead of concatenating the records into one
 * string and encoding that. The concatenated string was a rope that TextEncoder flattened and
 * scanned again: 12-15% of a worker's time on the reference story.
 *
 * Buffers come from `reuse` first: the main thread sends each written chunk's buffer back
 * (chunk-recycling.ts), so a long run cycles through about WORKER_CREDITS buffers instead of
 * allocating one per chunk, whose memory only a full garbage collection of the main thread returned.
 */
export class ChunkBuffer {
  /** Null between `take` and the next `write`: the buffer is fetched as late as possible, to reuse one. */
  private bytes: Buffer | null = null
  /** Bytes written so far. */
  length = 0

  constructor(
    /** A buffer of WORKER_CHUNK_BYTES handed back by the main thread, if one is waiting. */
    private readonly reuse: () => ArrayBuffer | undefined = () => undefined,
  ) {}

  /** Whether `text` and its separators go into this chunk: an empty chunk takes any record, however long. */
  fits(text: string): boolean {
    return this.length === 0 || this.length + room(text) <= (this.bytes?.length ?? WORKER_CHUNK_BYTES)
  }

  /**
   * Appends `before`, the UTF-8 of `text`, then `after` (ASCII separators such as `,\n` and `\n`,
   * written as bytes: `text + '\n'` would make a new string per record). After `fits`; an empty
   * chunk grows for a record longer than a chunk.
   */
  write(before: string, text: string, after: string): void {
    if (this.length === 0 && (this.bytes === null || room(text) > this.bytes.length))
      this.bytes = this.newBuffer(room(text))
    const bytes = this.bytes!
    let at = this.length
    for (let i = 0; i < before.length; i++) bytes[at++] = before.charCodeAt(i)
    at += bytes.write(text, at, 'utf8')
    for (let i = 0; i < after.length; i++) bytes[at++] = after.charCodeAt(i)
    this.length = at
  }

  /** The chunk's bytes (a view of its own ArrayBuffer, to transfer); the next chunk gets another buffer. */
  take(): Uint8Array {
    const bytes = this.bytes ?? Buffer.alloc(0)
    const out = new Uint8Array(bytes.buffer, 0, this.length)
    this.bytes = null
    this.length = 0
    return out
  }

  /** A buffer for a chunk that starts with a record of up to `first` bytes: a returned one when it fits. */
  private newBuffer(first: number): Buffer {
    if (first > WORKER_CHUNK_BYTES) return Buffer.allocUnsafeSlow(first)
    const back = this.reuse()
    return back ? Buffer.from(back) : Buffer.allocUnsafeSlow(WORKER_CHUNK_BYTES)
  }
}

/** The most bytes a record can take: 3 per UTF-16 unit (a surrogate pair is 4 for 2), and a separator of up to 2. */
function room(text: string): number {
  return text.length * 3 + 2
}
