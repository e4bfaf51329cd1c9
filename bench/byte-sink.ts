/**
 * Where every benchmark case writes: text arrives in chunks of about 64 KiB (what the CLI
 * writes), the sink counts the UTF-8 bytes and discards them, so no case pays for I/O.
 */
export class ByteSink {
  bytes = 0
  private buf = ''

  /** Adds one line (or any text); flushes a chunk when the buffer is big enough. */
  line(text: string): void {
    this.buf += text
    if (this.buf.length >= 1 << 16) {
      this.chunk(this.buf)
      this.buf = ''
    }
  }

  /** Takes a ready-made chunk (the engine's serializer already chunks). */
  chunk(text: string): void {
    this.bytes += Buffer.byteLength(text)
  }

  /** Flushes what is left. */
  end(): void {
    if (this.buf) this.chunk(this.buf)
    this.buf = ''
  }
}
