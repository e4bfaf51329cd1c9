import { finished } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { StoryEvent } from '../engine.ts'
import { errorText, LatencyRecorder, withRetry } from './network-sink-retry.ts'
import { type PostgresSettings, parsePostgresUrl } from './postgres-options.ts'
import { schemaFor, type TableLayout, tableLayout } from './postgres-table.ts'
import { type NetworkSinkOptions, type Sink, SinkError, type SinkSummary } from './sink.ts'

/** Rows waiting for one table's next COPY, with their NDJSON lines for the dead letter. */
interface TableBatch {
  layout: TableLayout
  text: string
  lines: string[]
}

/**
 * `--to postgres://...`: one table per event type (see postgres-table.ts for the columns),
 * created if missing, loaded with `COPY ... FROM STDIN` in rounds of `batch` rows; each COPY
 * is one transaction, so a table gets a whole round or none of it. At most
 * `options.concurrency` COPYs run at once, each on its own pooled connection.
 */
export function createPostgresSink(url: URL, options: NetworkSinkOptions): Sink {
  return new PostgresSink(parsePostgresUrl(url), options)
}

class PostgresSink implements Sink {
  private readonly pool: pg.Pool
  /** Layouts by source, then event (no key string built per row); table names are unique across them. */
  private readonly layouts = new Map<string, Map<string, TableLayout>>()
  private readonly tableNames = new Set<string>()
  /** One creation per table, shared by concurrent COPYs (two CREATEs of one table would race). */
  private readonly ready = new Map<string, Promise<void>>()
  private pending = new Map<TableLayout, TableBatch>()
  private pendingRows = 0
  private readonly inflight = new Set<Promise<void>>()
  private readonly latency = new LatencyRecorder()
  private readonly summary: SinkSummary = { sent: 0, retried: 0, failed: 0 }

  constructor(
    private readonly settings: PostgresSettings,
    private readonly options: NetworkSinkOptions,
  ) {
    this.pool = new pg.Pool({
      connectionString: settings.connectionString,
      max: Math.max(1, options.concurrency),
      connectionTimeoutMillis: 5000,
    })
    // An idle connection that dies (the server stopped) must not crash the run; the next COPY retries.
    this.pool.on('error', () => undefined)
    // A lost connection also surfaces as the failing query (retried, then dead-lettered); the
    // client's own 'error' event must not become an uncaught exception. Once per connection: a
    // listener per checkout piled up on reused clients (Node's MaxListenersExceededWarning).
    this.pool.on('connect', (client) => client.on('error', () => undefined))
  }

  async open(): Promise<void> {
    try {
      const client = await this.pool.connect()
      client.release()
    } catch (e) {
      throw new SinkError(`cannot connect to PostgreSQL at ${this.settings.where}: ${errorText(e)}`)
    }
  }

  write(event: StoryEvent, line: string): void | Promise<void> {
    if (this.options.signal.aborted) return
    const layout = this.layoutFor(event)
    const row = layout.row(event, line)
    if ('reason' in row) {
      // A value that cannot go into its column fails for good, alone, before it can spoil a COPY.
      this.summary.failed++
      this.options.deadLetter?.(line, `postgres: table ${layout.table}: ${row.reason}`)
      return
    }
    let batch = this.pending.get(layout)
    if (!batch) {
      batch = { layout, text: '', lines: [] }
      this.pending.set(layout, batch)
    }
    batch.text += row.text
    batch.lines.push(line)
    if (++this.pendingRows >= this.settings.batch) return this.dispatch()
  }

  async close(): Promise<SinkSummary> {
    if (this.pendingRows > 0) void this.dispatch()
    await Promise.all(this.inflight)
    await this.pool.end().catch(() => undefined)
    const latencyMs = this.latency.percentiles()
    return latencyMs ? { ...this.summary, latencyMs } : { ...this.summary }
  }

  private layoutFor(event: StoryEvent): TableLayout {
    let bySource = this.layouts.get(event.source)
    if (!bySource) {
      bySource = new Map()
      this.layouts.set(event.source, bySource)
    }
    let layout = bySource.get(event.event)
    if (!layout) {
      // The table is named after the event type; the same type from a second source gets `source.event`.
      let name = event.event
      if (this.tableNames.has(name)) name = `${event.source}.${event.event}`
      while (this.tableNames.has(name)) name = `${name}_`
      this.tableNames.add(name)
      layout = tableLayout(name, schemaFor(this.options.schemas, event), this.settings.schema)
      bySource.set(event.event, layout)
    }
    return layout
  }

  /** Starts one COPY per table with rows; resolves when there is room for more in flight. */
  private dispatch(): Promise<void> | undefined {
    const round = this.pending
    this.pending = new Map()
    this.pendingRows = 0
    for (const batch of round.values()) {
      const copying: Promise<void> = this.copy(batch).finally(() => this.inflight.delete(copying))
      this.inflight.add(copying)
    }
    if (this.inflight.size >= Math.max(1, this.options.concurrency)) return Promise.race(this.inflight)
    return undefined
  }

  /** One table's rows, retried as a whole while the failure is transient; never rejects. */
  private async copy(batch: TableBatch): Promise<void> {
    const t0 = performance.now()
    const rows = batch.lines.length
    try {
      await withRetry(
        () => this.copyOnce(batch),
        this.settings.retry,
        () => {
          this.summary.retried += rows
        },
        isTransient,
      )
      this.summary.sent += rows
      this.latency.add(performance.now() - t0, rows)
    } catch (e) {
      const reason = `postgres: table ${batch.layout.table}: ${errorText(e)}`
      this.summary.failed += rows
      for (const line of batch.lines) this.options.deadLetter?.(line, reason)
    }
  }

  private async copyOnce(batch: TableBatch): Promise<void> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      await this.ensureTable(client, batch.layout)
      const stream = client.query(copyFrom(batch.layout.copySql))
      stream.end(batch.text)
      await finished(stream)
    } catch (e) {
      broken = e as Error
      throw e
    } finally {
      // A connection that failed mid-COPY is dropped, not reused.
      client.release(broken)
    }
  }

  private ensureTable(client: pg.PoolClient, layout: TableLayout): Promise<void> {
    let ready = this.ready.get(layout.sql)
    if (!ready) {
      ready = (async () => {
        await client.query(layout.createSql)
        try {
          await client.query(layout.probeSql)
        } catch (e) {
          throw new LayoutError(`exists with other columns than this story writes (${errorText(e)})`)
        }
      })()
      // A failed creation is tried again by the next COPY (the server may have been away).
      ready.catch(() => this.ready.delete(layout.sql))
      this.ready.set(layout.sql, ready)
    }
    return ready
  }
}

/** A table that exists with other columns: retrying cannot help. */
class LayoutError extends Error {}

/**
 * Connection failures and server shutdowns are worth retrying; SQL errors (a bad value, a
 * table with other columns) are not. SQLSTATE classes 08 (connection), 53 (resources), 57
 * (operator intervention) are transient.
 */
function isTransient(e: unknown): boolean {
  if (e instanceof LayoutError) return false
  const code = (e as { code?: unknown })?.code
  if (typeof code !== 'string') return true
  if (/^(08|53|57)/.test(code)) return true
  if (/^[0-9A-Z]{5}$/.test(code)) return false
  return true
}
