import { Writable } from 'node:stream'
import type { CliIo } from './cli-io.ts'

/** A Writable that keeps what is written (tests read it back as text). */
export class MemoryWritable extends Writable {
  private readonly chunks: Buffer[] = []
  /** Number of write calls (tests check that output is chunked, not written event by event). */
  writes = 0

  constructor(
    /** After this many bytes the reader "goes away": the next write fails with EPIPE, like `| head`. */
    private readonly closeAfterBytes = Number.POSITIVE_INFINITY,
  ) {
    super()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.bytes >= this.closeAfterBytes) {
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      return
    }
    this.writes++
    // A copy: once the callback has run the writer may reuse the chunk's memory (--workers does).
    this.chunks.push(Buffer.from(chunk))
    callback()
  }

  /** Bytes received so far. */
  get bytes(): number {
    let n = 0
    for (const c of this.chunks) n += c.length
    return n
  }

  /** Everything written, as UTF-8 text. */
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}

/** CLI IO over memory streams, for running `runCli` in-process. */
export function memoryIo(
  cwd: string,
  options: { stderrIsTty?: boolean; closeStdoutAfter?: number; now?: () => number; stop?: AbortSignal } = {},
): CliIo & { stdout: MemoryWritable; stderr: MemoryWritable } {
  return {
    stop: options.stop ?? new AbortController().signal,
    handleStops: () => {},
    stdout: new MemoryWritable(options.closeStdoutAfter),
    stderr: new MemoryWritable(),
    cwd,
    stderrIsTty: options.stderrIsTty ?? false,
    now: options.now ?? (() => performance.now()),
  }
}
