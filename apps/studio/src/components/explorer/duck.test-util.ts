/** Tests' DuckDB: the same DuckDB-WASM the studio's store worker runs, in its Node build. */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as duckdb from '@duckdb/duckdb-wasm/blocking'
import { type DuckConnection, RunTable } from './store-db.ts'

/** A fresh in-memory DuckDB connection. */
export async function duckConnection(): Promise<DuckConnection> {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'),
  )
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  )
  await db.instantiate()
  return db.connect() as unknown as DuckConnection
}

/** A run table on a fresh connection, holding `lines` (NDJSON events), as the store worker loads a run. */
export async function runTableWith(lines: readonly string[]): Promise<RunTable> {
  const table = new RunTable(await duckConnection())
  await table.reset()
  await table.append(lines.join('\n'))
  return table
}
