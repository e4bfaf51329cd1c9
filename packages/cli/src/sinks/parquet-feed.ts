import { spawnSync } from 'node:child_process'
import { closeSync, constants, createWriteStream, openSync } from 'node:fs'
import { Socket } from 'node:net'
import { finished } from 'node:stream/promises'

/**
 * How the Parquet sink's NDJSON lines reach DuckDB. Through a named pipe (FIFO) where the
 * system has one: DuckDB's `COPY ... FROM read_json(pipe)` runs on its own thread while the
 * lines are generated, so the conversion costs no wall time after the last event and nothing
 * is stored on disk. Without `mkfifo` (Windows) through a temp file, converted at the end.
 */
export interface LineFeed {
  /** `pipe` or `file`: which of the two ways this feed took. */
  readonly kind: 'pipe' | 'file'
  /** Hands over NDJSON text; resolves when there is room for more (backpressure). */
  write(text: string): void | Promise<void>
  /** Ends the input; resolves with the rows the conversion wrote, rejects with its error. */
  finish(): Promise<number>
}

/** Converts the NDJSON at `input` (a pipe or a file path) and resolves with the rows written. */
export type Convert = (input: string) => Promise<number>

/** How long DuckDB may take to open the pipe before the feed gives up (a hang guard only). */
const OPEN_TIMEOUT_MS = 60_000

/**
 * Opens a feed at `path` (inside a private temp directory): a pipe unless `pipe` is false or
 * the system cannot make one. Never rejects for a conversion error: that comes from `finish()`.
 */
export async function openLineFeed(path: string, convert: Convert, pipe = true): Promise<LineFeed> {
  if (pipe && process.platform !== 'win32' && spawnSync('mkfifo', ['-m', '600', path]).status === 0)
    return openPipeFeed(path, convert)
  return fileFeed(path, convert)
}

/** Lines to a temp file; the conversion starts at `finish()`. */
function fileFeed(path: string, convert: Convert): LineFeed {
  const stream = createWriteStream(path, { highWaterMark: 1 << 20 })
  // Errors surface in finish(); a listener keeps one from being an uncaught exception meanwhile.
  stream.on('error', () => undefined)
  return {
    kind: 'file',
    write: (text) => (stream.write(text) ? undefined : drained(stream)),
    async finish() {
      stream.end()
      await finished(stream)
      return convert(path)
    },
  }
}

/**
 * Lines through a FIFO that DuckDB reads while they are written. The write end is opened
 * non-blocking once DuckDB holds the read end (before that, opening fails with ENXIO and is
 * tried again), so a conversion that fails early never leaves either side waiting: writes
 * are then dropped and `finish()` reports the failure.
 */
async function openPipeFeed(path: string, convert: Convert): Promise<LineFeed> {
  let failure: unknown
  const converting = convert(path)
  converting.catch((e) => {
    failure ??= e
  })
  const fd = await openWriteEnd(path, () => failure !== undefined)
  if (fd === undefined) return failedFeed(converting)
  // A net.Socket over the pipe: libuv writes it without blocking and reports backpressure.
  const socket = new Socket({ fd, readable: false, writable: true })
  socket.on('error', (e) => {
    failure ??= e
  })
  converting.catch(() => socket.destroy())
  return {
    kind: 'pipe',
    write(text) {
      if (failure !== undefined || socket.destroyed) return
      if (!socket.write(text)) return drained(socket)
    },
    async finish() {
      socket.end()
      await finished(socket).catch(() => undefined)
      const rows = await converting
      if (failure !== undefined) throw failure
      return rows
    },
  }
}

/** The pipe's write end, once a reader has it open; undefined when the conversion failed first. */
async function openWriteEnd(path: string, failed: () => boolean): Promise<number | undefined> {
  const until = performance.now() + OPEN_TIMEOUT_MS
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    if (failed()) return undefined
    try {
      return openSync(path, constants.O_WRONLY | constants.O_NONBLOCK)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e
    }
    if (performance.now() > until) {
      // A reader may yet be about to block in open(): a writer that comes and goes releases it (EOF).
      closeSync(openSync(path, constants.O_RDWR | constants.O_NONBLOCK))
      throw new Error(`DuckDB did not open its input in ${OPEN_TIMEOUT_MS / 1000} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

/** The feed of a conversion that failed before it read anything: drops lines, reports the error. */
function failedFeed(converting: Promise<number>): LineFeed {
  return { kind: 'pipe', write: () => undefined, finish: () => converting }
}

/** Resolves when the stream can take more, or is gone (its error is then reported by finish()). */
function drained(stream: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done)
      resolve()
    }
    stream.on('drain', done).on('close', done).on('error', done)
  })
}
