/**
 * The studio's export entry point: the pool of export workers (engine worker/export-pool.ts) when
 * more than one is chosen (export-workers.ts), the engine's single worker otherwise and for the
 * stories that stay on one thread. Same bytes either way.
 */

import ExportPoolWorker from '@autosource/engine/export-pool-entry?worker'
import { createExportPool, type EngineClient, type Exporter } from '@autosource/engine/worker'
import { browserExportWorkersEnv, exportWorkerCount } from './export-workers.ts'

/** Creates the exporter over `engine` (its single worker is the fallback). */
export function createStudioExporter(engine: EngineClient): Exporter {
  return createExportPool({
    createWorker: (index) => new ExportPoolWorker({ name: `autosource-export-${index + 1}` }),
    workers: () => exportWorkerCount(browserExportWorkersEnv()),
    single: engine,
  })
}
