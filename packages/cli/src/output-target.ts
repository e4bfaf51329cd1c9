import { createWriteStream, existsSync, lstatSync, realpathSync, type Stats, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { AtomicFile } from './atomic-file.ts'
import { UsageError } from './cli-io.ts'
import type { OutputFormat } from './engine.ts'
import { SinkError } from './sinks/sink.ts'

/** Where text output goes: stdout, one file, or one CSV file per event type in a directory. */
export type Target = { kind: 'stdout' } | { kind: 'file'; file: OutputPath } | { kind: 'dir'; path: string }

/**
 * A file to write, after following symlinks: `direct` for a FIFO or character device (written
 * straight into, as `> /dev/null` would; a temp file and a rename would replace the node).
 */
export interface OutputPath {
  path: string
  direct: boolean
  /** `--out x.gz` / `--roll N`: written by the packed-file writer (see `openPackedOutputFile`). */
  packed?: PackedFileOptions
}

/** What `--out x.ndjson.gz` and `--roll N` ask of a file output. */
export interface PackedFileOptions {
  gzip: boolean
  /** Start a new file every N events. */
  roll?: number
}

/** An open output file: committed (renamed into place, or just flushed) or aborted at the end. */
export interface OutputFile {
  readonly stream: Writable
  commit(): Promise<void>
  abort(): Promise<void>
}

/** Decides where output goes; a bad `--out` is a usage error before anything runs. */
export function outputTarget(
  out: string | undefined,
  format: OutputFormat,
  cwd: string,
  packed: { roll?: number } = {},
): Target {
  if (out === undefined || out === '-') {
    if (packed.roll !== undefined) throw new UsageError('--roll needs --out FILE')
    return { kind: 'stdout' }
  }
  const full = resolve(cwd, out)
  const isDir = (existsSync(full) && statSync(full).isDirectory()) || /[\\/]$/.test(out)
  if (isDir) {
    if (format !== 'csv') {
      throw new UsageError(
        `--out ${out} is a directory: one file per event type is for --format csv; give a file name`,
      )
    }
    if (packed.roll !== undefined) throw new UsageError('--roll needs --out FILE, not a directory')
    return { kind: 'dir', path: full }
  }
  const file = outputPath(full, `--out ${out}`)
  const gzip = /\.gz$/i.test(out)
  if (gzip || packed.roll !== undefined) {
    if (file.direct) throw new UsageError(`--out ${out}: compressing or rolling needs a regular file`)
    file.packed = { gzip, roll: packed.roll }
  }
  return { kind: 'file', file }
}

/**
 * Where writing to `full` really goes. A symlink is written through (its target is replaced, the
 * link stays); a FIFO or character device is written into directly; a dangling link, a block
 * device, a socket or a directory is refused. A regular or new file is written atomically.
 */
export function outputPath(full: string, shown: string): OutputPath {
  let link: Stats | undefined
  try {
    link = lstatSync(full)
  } catch {
    link = undefined
  }
  let path = full
  if (link?.isSymbolicLink()) {
    try {
      path = realpathSync(full)
    } catch {
      throw new UsageError(`${shown} is a symbolic link to a missing file; give the target's path instead`)
    }
  }
  const stats = link === undefined ? undefined : statSync(path)
  if (stats === undefined || stats.isFile()) {
    const parent = dirname(path)
    if (!existsSync(parent) || !statSync(parent).isDirectory())
      throw new UsageError(`${shown}: directory ${parent} does not exist`)
    return { path, direct: false }
  }
  if (stats.isFIFO() || stats.isCharacterDevice()) return { path, direct: true }
  const what = stats.isDirectory() ? 'a directory' : stats.isBlockDevice() ? 'a block device' : 'a socket'
  throw new UsageError(`${shown} is ${what}; refusing to write over it`)
}

/** Opens an output file: atomic (temp + rename) for regular files, direct for FIFOs and devices. */
export function openOutputFile(target: OutputPath): OutputFile {
  if (target.packed) return openPackedOutputFile(target.path, target.packed)
  return target.direct ? new DirectFile(target.path) : new AtomicFile(target.path)
}

/**
 * The one call site of the gzip / rolling file writers (`--out x.ndjson.gz`, `--roll N`), which
 * the sinks work provides: its stream gets text chunks made of whole lines (whole CSV rows), and
 * commit/abort keep the atomic-rename promise of `AtomicFile`. Not part of this build yet.
 */
function openPackedOutputFile(path: string, options: PackedFileOptions): OutputFile {
  const what = options.gzip ? 'compressed output (--out *.gz)' : '--roll'
  throw new SinkError(`${what} is not available in this build (${path})`)
}

/**
 * A FIFO or device written in place. Nothing can be un-written there, so an abort flushes what
 * was already handed over (a reader of the pipe gets every complete chunk) and closes.
 */
class DirectFile implements OutputFile {
  readonly stream: Writable
  private settled = false

  constructor(path: string) {
    // Opened without O_TRUNC or O_CREAT games: a FIFO blocks (in the thread pool) until a reader comes.
    this.stream = createWriteStream(path, { flags: 'w', highWaterMark: 1 << 20 })
  }

  async commit(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.stream.end()
    await finished(this.stream)
  }

  async abort(): Promise<void> {
    if (this.settled) return
    this.settled = true
    this.stream.end()
    // A reader that never reads must not hold a stopped run: give it a moment, then let go.
    let timer: NodeJS.Timeout | undefined
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ABORT_FLUSH_MS)
    })
    await Promise.race([finished(this.stream).catch(() => undefined), gaveUp])
    clearTimeout(timer)
    this.stream.destroy()
  }
}

/** How long an aborted FIFO/device output may take to flush what was handed over. */
const ABORT_FLUSH_MS = 2000
