import { constants, openSync } from 'node:fs'
import { Socket } from 'node:net'
import { PassThrough } from 'node:stream'
import { finished } from 'node:stream/promises'
import { flushedOrGaveUp, type OutputFile } from './output-target.ts'

/** How often an output FIFO without a reader is tried again. */
const REOPEN_MS = 50

/**
 * A named pipe written in place, without the thread pool. A FIFO opened the usual way is
 * written by blocking `write()` calls in libuv's thread pool, and a reader that never reads keeps
 * one blocked for good: Node's exit joins those threads, so even `process.exit` would hang. Opened
 * non-blocking and wrapped in a socket (as Node does for a piped stdout), writes wait in the
 * event loop instead, and a stop can drop them.
 *
 * Opening waits for a reader (as `> fifo` does in a shell) by retrying: a non-blocking open of a
 * FIFO nobody reads fails with ENXIO.
 */
export class FifoFile implements OutputFile {
  /** What the run writes; piped into the FIFO once a reader has opened it. */
  readonly stream = new PassThrough({ highWaterMark: 1 << 20 })
  private socket: Socket | undefined
  private settled = false
  private aborted = false
  private readonly opened: Promise<void>

  constructor(private readonly path: string) {
    this.opened = this.open()
    // An open that fails (not ENXIO) is reported through the stream the run writes to.
    this.opened.catch((e: Error) => this.stream.destroy(e))
  }

  private async open(): Promise<void> {
    for (;;) {
      // A stopped run stops waiting for a reader; a finished one waits, as `> fifo` would.
      if (this.aborted) return
      try {
        const fd = openSync(this.path, constants.O_WRONLY | constants.O_NONBLOCK)
        this.socket = new Socket({ fd, readable: false, writable: true })
        this.socket.on('error', (e) => this.stream.destroy(e))
        this.stream.pipe(this.socket)
        return
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e
      }
      await new Promise((r) => setTimeout(r, REOPEN_MS))
    }
  }

  async commit(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.stream.end()
    await this.opened
    if (this.socket) await finished(this.socket)
  }

  async abort(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.aborted = true
    this.stream.end()
    await flushedOrGaveUp(this.opened.then(() => (this.socket ? finished(this.socket) : undefined)))
    this.socket?.destroy()
    this.stream.destroy()
  }
}
