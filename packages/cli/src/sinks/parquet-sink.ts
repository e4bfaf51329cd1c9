import { randomBytes } from 'node:crypto'
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { StoryEvent } from '../engine.ts'
import { errorText } from './network-sink-retry.ts'
import { parquetDataColumns, quoteIdent, sqlString } from './parquet-columns.ts'
import { type LineFeed, openLineFeed } from './parquet-feed.ts'
import { type FileSinkOptions, type Sink, SinkError, type SinkSummary } from './sink.ts'

/** Text is handed to the temp file in chunks of about this many characters. */
const CHUNK = 1 << 16

/**
 * `--format parquet --out x.parquet`: the accepted lines stream to DuckDB through a named pipe
 * while they are generated (a temp NDJSON file converted at the end where there is no
 * `mkfifo`; see parquet-feed.ts), so memory stays flat. DuckDB writes typed columns (see
 * parquet-columns.ts; snappy-compressed row groups) to `x.parquet.tmp-XXXX`, renamed onto
 * x.parquet by `close()`, so a failed run never leaves a file that looks complete.
 * A failure is thrown from `close()` as a SinkError.
 */
export function createParquetSink(path: string, options: FileSinkOptions): Sink {
  return new ParquetSink(path, options)
}

class ParquetSink implements Sink {
  private dir: string | undefined
  private feed: LineFeed | undefined
  private readonly temp: string
  private buffer = ''
  private rows = 0

  constructor(
    private readonly path: string,
    private readonly options: FileSinkOptions,
  ) {
    this.temp = `${path}.tmp-${randomBytes(4).toString('hex')}`
  }

  async open(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'autosource-parquet-'))
    try {
      this.feed = await openLineFeed(
        join(this.dir, 'events.ndjson'),
        (input) => convert(input, this.temp, this.options),
        this.options.pipe,
      )
    } catch (e) {
      rmSync(this.dir, { recursive: true, force: true })
      throw new SinkError(`cannot write Parquet file ${this.path}: ${errorText(e)}`)
    }
  }

  write(_event: StoryEvent, line: string): void | Promise<void> {
    if (this.options.signal.aborted) return
    this.buffer += `${line}\n`
    this.rows++
    if (this.buffer.length < CHUNK) return
    const chunk = this.buffer
    this.buffer = ''
    return this.feed!.write(chunk)
  }

  async close(): Promise<SinkSummary> {
    const dir = this.dir
    if (!dir || !this.feed) return { sent: 0, retried: 0, failed: 0 }
    try {
      if (this.buffer) await this.feed.write(this.buffer)
      this.buffer = ''
      const written = await this.feed.finish()
      if (written !== this.rows) throw new Error(`wrote ${written} rows of ${this.rows}`)
      renameSync(this.temp, this.path)
      return { sent: this.rows, retried: 0, failed: 0 }
    } catch (e) {
      rmSync(this.temp, { force: true })
      throw new SinkError(`cannot write Parquet file ${this.path}: ${errorText(e)}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** NDJSON (a pipe or a file) -> Parquet file with DuckDB; returns the number of rows written. */
async function convert(ndjson: string, parquet: string, options: FileSinkOptions): Promise<number> {
  // Parallel Parquet writing that keeps row order cost about 1.5x the CPU per row here (measured:
  // 180,000-250,000 rows per CPU-second with 2 threads on 2 cores, 360,000-380,000 with 1), so
  // DuckDB leaves one core to the rest of the machine (with the pipe, to generating the events).
  const threads = String(Math.max(1, availableParallelism() - 1))
  const db = await DuckDBInstance.create(':memory:', { threads })
  const connection = await db.connect()
  try {
    const columns = [
      'id',
      'org_id',
      'source',
      'event',
      '"timestamp"',
      ...parquetDataColumns(options.schemas).map((c) => c.sql),
      'data',
    ]
    // Every key is declared, so DuckDB neither samples nor guesses: an empty file works too.
    const read = `read_json(${sqlString(ndjson)}, format = 'newline_delimited', columns = {
      id: 'VARCHAR', org_id: 'VARCHAR', source: 'VARCHAR', event: 'VARCHAR',
      ${quoteIdent('timestamp')}: 'TIMESTAMPTZ', data: 'JSON' })`
    const result = await connection.run(
      `COPY (SELECT ${columns.join(', ')} FROM ${read}) TO ${sqlString(parquet)} (FORMAT PARQUET, COMPRESSION SNAPPY)`,
    )
    return result.rowsChanged
  } finally {
    connection.closeSync()
    db.closeSync()
  }
}
