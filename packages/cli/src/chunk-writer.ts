import type { Writable } from 'node:stream'

/**
 * Writes text chunks to a stream with backpressure (waits for 'drain' when `write()` says
 * so) and notices when the reader goes away (`| head` closes the pipe: EPIPE), so generation
 * stops quietly instead of dying with a stack trace.
 */
export class ChunkWriter {
  /** Set once the stream failed or closed; nothing more is written. */
  closed = false
  /** The failure, unless it was only the reader going away (EPIPE and friends). */
  error: Error | undefined
  private readonly onError = (e: Error) => {
    this.closed = true
    if (!isClosedReader(e)) this.error ??= e
  }

  constructor(
    readonly stream: Writable,
    /** A stop (Ctrl-C): stop waiting for a reader that does not read (a stalled FIFO). */
    private readonly stop?: AbortSignal,
  ) {
    // Kept for good: a late EPIPE after we stop must not become an uncaught exception.
    stream.on('error', this.onError)
  }

  /**
   * Writes one chunk; resolves false when the output is gone and generation should stop.
   * `written` runs once the stream is done with the chunk (its write callback), when it may be reused.
   */
  async write(chunk: string | Uint8Array, written?: () => void): Promise<boolean> {
    if (this.closed || this.stream.destroyed) {
      this.closed = true
      return false
    }
    const flowing = written
      ? this.stream.write(chunk, (e) => {
          if (!e) written()
        })
      : this.stream.write(chunk)
    if (!flowing) await this.drained()
    // Pipes to stdout write synchronously and report EPIPE on a later tick: let it arrive.
    else await new Promise<void>((r) => setImmediate(r))
    return !this.closed
  }

  private drained(): Promise<void> {
    if (this.stop?.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done)
        this.stream.off('close', done)
        this.stream.off('error', done)
        this.stop?.removeEventListener('abort', done)
        resolve()
      }
      this.stream.on('drain', done)
      this.stream.on('close', done)
      this.stream.on('error', done)
      this.stop?.addEventListener('abort', done)
    })
  }
}

/** True for errors that mean "the reader closed the pipe", which is a normal way to stop. */
export function isClosedReader(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET'
}
