// Starts a `--workers` thread from the TypeScript source (a fresh clone, the tests): the same
// loaders bin/autosource.js registers (tsx, the `source` export condition), then the worker.
// The published CLI starts dist/scale-worker.js directly instead.
import { register } from 'node:module'
import { workerData } from 'node:worker_threads'
import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
register('../../bin/source-conditions.mjs', import.meta.url)
await import(workerData.entry)
