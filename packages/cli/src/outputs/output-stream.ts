import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import { SinkError } from '../sinks/sink.ts'
import { PartFile } from './part-file.ts'
import { RecordSplitter } from './record-splitter.ts'

/**
 * Text outputs of `autosource generate --out PATH`: gzip and rolling files.
 *
 *   const out = openOutputStream(path, { format, roll })   // instead of new AtomicFile(path)
 *   new ChunkWriter(out.stream)                            // write the text chunks as before
 *   await out.commit()   // on success: flush, finish gzip, rename temp files; returns the paths
 *   await out.abort()    // on failure: remove every file this output wrote
 *
 * - `PATH` ending in `.gz` (`x.ndjson.gz`, `x.csv.gz`) is gzip-compressed (readable by gunzip
 *   and zlib); `gzip: true|false` overrides.
 * - `roll: N` starts a new file every N records (events; the CSV header is repeated at the top
 *   of every file and not counted). Names: when PATH is a directory (exists, or ends in `/`;
 *   created if missing) `PATH/part-000000.ndjson`, `part-000001.ndjson`, ... (`.csv` for CSV,
 *   plus `.gz` with `gzip: true`); when PATH is a file name, the number goes before its
 *   extension: `out/events.ndjson.gz` -> `out/events-000000.ndjson.gz`, ... Each file is
 *   renamed into place when it is full, so finished files can be read while the run goes on.
 *   `--format json` (one array) cannot roll.
 * Every file is written to a temp name first and renamed when complete (see AtomicFile).
 */
export interface OutputStreamOptions {
  /** What is written: where records end and the extension of rolled files. */
  format: 'ndjson' | 'csv' | 'json'
  /** Records per file (`--roll N`). */
  roll?: number
  /** Compress with gzip; default: PATH ends in `.gz`. */
  gzip?: boolean
}

/** An open output; the same shape as AtomicFile (stream, commit, abort). */
export interface OutputStream {
  /** Takes the text chunks of the run (strings), with backpressure. */
  readonly stream: Writable
  /** Finishes every file and moves it into place; resolves with their paths in order. */
  commit(): Promise<string[]>
  /** Removes every file this output wrote (temp files and rolled files already in place). */
  abort(): Promise<void>
}

/** Opens `path` for one run's text output (see the top of this file). Bad options are a SinkError. */
export function openOutputStream(path: string, options: OutputStreamOptions): OutputStream {
  const gzip = options.gzip ?? path.endsWith('.gz')
  if (options.roll === undefined) {
    const part = new PartFile(path, gzip)
    return {
      stream: part.stream,
      commit: async () => {
        await part.commit()
        return [path]
      },
      abort: () => part.abort(),
    }
  }
  if (!Number.isSafeInteger(options.roll) || options.roll < 1)
    throw new SinkError(`--roll must be a positive whole number of events, got ${options.roll}`)
  if (options.format === 'json')
    throw new SinkError('--roll works with --format ndjson or csv (a JSON array cannot be split)')
  return new RollingOutput(
    partNamer(path, options.format, gzip),
    options.roll,
    options.format === 'csv',
    gzip,
  )
}

/** The name of part K for PATH (see the top of this file). */
export function partNamer(path: string, format: 'ndjson' | 'csv', gzip: boolean): (k: number) => string {
  const isDir = /[\\/]$/.test(path) || (existsSync(path) && statSync(path).isDirectory())
  const number = (k: number) => String(k).padStart(6, '0')
  if (isDir) {
    mkdirSync(path, { recursive: true })
    const ext = `.${format}${gzip ? '.gz' : ''}`
    return (k) => join(path, `part-${number(k)}${ext}`)
  }
  const name = basename(path)
  // The extension is everything from the first dot that is not the name's first character.
  const dot = name.indexOf('.', 1)
  const stem = dot < 0 ? name : name.slice(0, dot)
  const ext = dot < 0 ? '' : name.slice(dot)
  return (k) => join(dirname(path), `${stem}-${number(k)}${ext}`)
}

/** A Writable that cuts the text into files of `roll` records. */
class RollingOutput implements OutputStream {
  readonly stream: Writable
  private readonly splitter: RecordSplitter
  private part: PartFile | undefined
  private parts = 0
  /** Records still to go into the current part. */
  private left: number
  /** CSV: the header record while it is being read, then for the top of every part. */
  private header: string | undefined
  private headerDone: boolean
  private readonly done: string[] = []
  /** The chunk being written (abort waits for it, so no part is opened after). */
  private busy: Promise<void> = Promise.resolve()
  private aborted = false

  constructor(
    private readonly name: (k: number) => string,
    private readonly roll: number,
    csv: boolean,
    private readonly gzip: boolean,
  ) {
    this.splitter = new RecordSplitter(csv)
    this.left = roll
    this.headerDone = !csv
    this.header = csv ? '' : undefined
    this.stream = new Writable({
      decodeStrings: false,
      write: (chunk: string | Buffer, _encoding, callback) => {
        this.busy = this.take(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
        this.busy.then(() => callback(), callback)
      },
    })
  }

  async commit(): Promise<string[]> {
    await new Promise<void>((resolve, reject) =>
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    )
    // A run with no records still leaves one file (with the CSV header, if any).
    if (this.parts === 0) await this.open()
    await this.finishPart()
    return [...this.done]
  }

  async abort(): Promise<void> {
    this.aborted = true
    this.stream.destroy()
    await this.busy.catch(() => undefined)
    await this.part?.abort()
    this.part = undefined
    for (const path of this.done) rmSync(path, { force: true })
  }

  private async take(text: string): Promise<void> {
    if (!this.headerDone) {
      const { end } = this.splitter.find(text, 1)
      this.header += end < 0 ? text : text.slice(0, end)
      if (end < 0) return
      this.headerDone = true
      text = text.slice(end)
    }
    while (text.length > 0 && !this.aborted) {
      if (!this.part) await this.open()
      const { end, count } = this.splitter.find(text, this.left)
      if (end < 0) {
        this.left -= count
        await this.part!.write(text)
        return
      }
      await this.part!.write(text.slice(0, end))
      await this.finishPart()
      text = text.slice(end)
    }
  }

  private async open(): Promise<void> {
    this.part = new PartFile(this.name(this.parts++), this.gzip)
    this.left = this.roll
    if (this.header) await this.part.write(this.header)
  }

  private async finishPart(): Promise<void> {
    const part = this.part
    if (!part) return
    this.part = undefined
    await part.commit()
    this.done.push(part.path)
  }
}
