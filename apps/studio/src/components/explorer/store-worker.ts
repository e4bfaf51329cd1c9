/**
 * The run store's worker: it regenerates the run (same story and seed, so the same bytes as the
 * preview) with the engine on this thread and keeps every event in DuckDB-WASM, then answers SQL.
 * Started only when the explorer first needs the whole run; the main thread never parses the run.
 * DuckDB's own worker is started from here (its synchronous build does not resolve in the bundle).
 */
/// <reference lib="webworker" />

import { createEngineClient } from '@autosource/engine/worker'
import * as duckdb from '@duckdb/duckdb-wasm'
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url'
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url'
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url'
import { type DuckConnection, RunTable } from './store-db.ts'
import type { StoreReply, StoreRequest } from './store-protocol.ts'
import { traceDelivery } from './store-trace.ts'

const post = (m: StoreReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m)
const engine = createEngineClient()

const table: Promise<RunTable> = (async () => {
  // Both builds come from the bundle (never a CDN); DuckDB runs in a worker of its own.
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  })
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker ?? ehWorker))
  await db.instantiate(bundle.mainModule)
  const conn = (await db.connect()) as unknown as DuckConnection
  // Never fetch an extension from the network (nothing here needs one).
  await conn.query('SET autoinstall_known_extensions = false')
  await conn.query('SET autoload_known_extensions = false')
  const run = new RunTable(conn)
  await run.reset()
  return run
})()

let currentLoad = 0
let currentExport: number | null = null
/** The run being held (what a trace generates again). */
let held: Extract<StoreRequest, { type: 'load' }> | null = null
let currentTrace = 0

self.onmessage = (e: MessageEvent<StoreRequest>) => {
  const m = e.data
  if (m.type === 'load') void load(m)
  else if (m.type === 'trace') void trace(m.id, m.seq)
  else void query(m.id, m.sql, m.limit)
}

/** One trace at a time: a newer one (the user selected another row) or a new load stops it. */
async function trace(id: number, seq: number): Promise<void> {
  const run = held
  const mine = ++currentTrace
  const load = currentLoad
  if (!run) return post({ type: 'traced', id, trace: null })
  try {
    const stopped = () => mine !== currentTrace || load !== currentLoad
    const result = await traceDelivery({ text: run.text, seed: run.seed, source: run.source, seq }, stopped)
    post({ type: 'traced', id, trace: stopped() ? null : result })
  } catch (err) {
    post({ type: 'trace-failed', id, message: err instanceof Error ? err.message : String(err) })
  }
}

async function load(m: Extract<StoreRequest, { type: 'load' }>): Promise<void> {
  currentLoad = m.loadId
  held = m
  if (currentExport !== null) engine.cancelExport(currentExport)
  currentExport = null
  let run: RunTable
  try {
    run = await table
  } catch (err) {
    post({ type: 'load-failed', loadId: m.loadId, message: `DuckDB could not start: ${String(err)}` })
    return
  }
  if (currentLoad !== m.loadId) return
  await run.reset()
  if (currentLoad !== m.loadId) return
  const decoder = new TextDecoder()
  const limit = m.limit ?? Number.POSITIVE_INFINITY
  const id = engine.export(
    { text: m.text, seed: m.seed, format: 'ndjson', chunkChars: 1 << 20, ...m.source },
    {
      async onChunk(chunk) {
        if (currentLoad !== m.loadId) return
        await run.append(decoder.decode(chunk), limit - run.events)
        if (currentLoad !== m.loadId) return
        post({ type: 'progress', loadId: m.loadId, events: run.events, columns: run.columns() })
        if (run.events >= limit) {
          engine.cancelExport(id)
          post({ type: 'loaded', loadId: m.loadId, events: run.events, columns: run.columns() })
        }
      },
      onDone(result) {
        if (currentLoad !== m.loadId) return
        if (result.outcome.kind !== 'complete')
          post({ type: 'load-failed', loadId: m.loadId, message: `The run stopped: ${result.outcome.kind}` })
        else post({ type: 'loaded', loadId: m.loadId, events: run.events, columns: run.columns() })
      },
      onError(message) {
        if (currentLoad === m.loadId) post({ type: 'load-failed', loadId: m.loadId, message })
      },
    },
  )
  currentExport = id
}

async function query(id: number, sql: string, limit: number): Promise<void> {
  try {
    const run = await table
    post({ type: 'result', id, result: await run.query(sql, limit) })
  } catch (err) {
    post({ type: 'query-failed', id, message: err instanceof Error ? err.message : String(err) })
  }
}
