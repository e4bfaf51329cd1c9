import { createWriteStream, existsSync, lstatSync, realpathSync, type Stats, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { AtomicFile } from './atomic-file.ts'
import { UsageError } from './cli-io.ts'
import type { OutputFormat } from './engine.ts'
import { FifoFile } from './fifo-file.ts'
import { openOutputStream } from './outputs/output-stream.ts'

/** Where text output goes: stdout, one file, or one CSV file per event type in a directory. */
export type Target = { kind: 'stdout' } | { kind: 'file'; file: OutputPath } | { kind: 'dir'; path: string }

/**
 * A file to write, after following symlinks: `direct` for a FIFO or character device (written
 * straight into, as `> /dev/null` would; a temp file and a rename would replace the node).
 */
export interface OutputPath {
  path: string
  direct: boolean
  /** A named pipe (written through `FifoFile`, never by the thread pool). */
  fifo?: boolean
  /** `--out x.gz` / `--roll N`: written by the packed-file writer (see `openPackedOutputFile`). */
  packed?: PackedFileOptions
}

/** What `--out x.ndjson.gz` and `--roll N` ask of a file output. */
export interface PackedFileOptions {
  gzip: boolean
  /** Where records end (and the extension of rolled parts). */
  format: OutputFormat
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
  if (packed.roll !== undefined && format === 'json')
    throw new UsageError('--roll works with --format ndjson or csv (a JSON array cannot be split)')
  if (isDir && packed.roll !== undefined) {
    // `--out dir/ --roll N`: numbered parts in the directory (part-000000.ndjson, ...).
    return {
      kind: 'file',
      file: { path: `${full}/`, direct: false, packed: { gzip: false, roll: packed.roll, format } },
    }
  }
  if (isDir) {
    if (format !== 'csv') {
      throw new UsageError(
        `--out ${out} is a directory: one file per event type is for --format csv; give a file name`,
      )
    }
    return { kind: 'dir', path: full }
  }
  const file = outputPath(full, `--out ${out}`)
  const gzip = /\.gz$/i.test(out)
  if (gzip || packed.roll !== undefined) {
    if (file.direct) throw new UsageError(`--out ${out}: compressing or rolling needs a regular file`)
    file.packed = { gzip, roll: packed.roll, format }
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
  if (stats.isFIFO()) return { path, direct: true, fifo: true }
  if (stats.isCharacterDevice()) return { path, direct: true }
  const what = stats.isDirectory() ? 'a directory' : stats.isBlockDevice() ? 'a block device' : 'a socket'
  throw new UsageError(`${shown} is ${what}; refusing to write over it`)
}

/** Opens an output file: atomic (temp + rename) for regular files, direct for FIFOs and devices. */
export function openOutputFile(target: OutputPath): OutputFile {
  if (target.packed) return openPackedOutputFile(target.path, target.packed)
  if (target.fifo) return new FifoFile(target.path)
  return target.direct ? new DirectFile(target.path) : new AtomicFile(target.path)
}

/**
 * The gzip / rolling file writers (`--out x.ndjson.gz`, `--roll N`): the stream gets text chunks
 * made of whole lines (whole CSV rows), and commit/abort keep the atomic-rename promise of `AtomicFile`.
 */
function openPackedOutputFile(path: string, options: PackedFileOptions): OutputFile {
  const output = openOutputStream(path, options)
  return {
    stream: output.stream,
    commit: async () => void (await output.commit()),
    abort: () => output.abort(),
  }
}

/**
 * A character device (`/dev/null`, a terminal) written in place. Nothing can be un-written there,
 * so an abort flushes what was already handed over and closes.
 */
class DirectFile implements OutputFile {
  readonly stream: Writable
  private settled = false

  constructor(path: string) {
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
    await flushedOrGaveUp(finished(this.stream))
    this.stream.destroy()
  }
}

/** How long an aborted FIFO/device output may take to flush what was handed over. */
const ABORT_FLUSH_MS = 2000

/**
 * Waits for an aborted in-place output to flush, for at most ABORT_FLUSH_MS: a reader that never
 * reads must not hold a stopped run. A failed flush counts as done (the run is stopping anyway).
 */
export async function flushedOrGaveUp(flushed: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ABORT_FLUSH_MS)
  })
  await Promise.race([flushed.catch(() => undefined), gaveUp])
  clearTimeout(timer)
}
