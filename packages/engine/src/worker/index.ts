/** `@autosource/engine/worker`: the studio's side of the engine worker (protocol types, client, host). */

// Tiny and dependency-free: the studio maps offsets to lines without loading the engine on the main thread.
export { LineIndex } from '../diagnostics/line-index.ts'
// Dependency-free: the inspector shows a corrupt record's line exactly as an export cuts it.
export { corruptText } from '../faults/corrupt-text.ts'
// The expected-intensity curves of a story's rate lanes (the host sends them; tests of the studio build them).
export { intensityCurves } from '../generate/intensity-curve.ts'
// The engine's zone offsets (Temporal only, no loader): the timeline draws time exactly as the engine writes it.
export { offsetAt } from '../schedule/zone.ts'
export * from './client.ts'
// The export on several workers (issue 22): the pool merges in block order; its workers run export-pool-entry.ts.
export {
  createExportPool,
  type Exporter,
  type ExportPoolOptions,
  type PoolWorkerLike,
} from './export-pool.ts'
export type { PoolReply, PoolRequest } from './export-pool-protocol.ts'
export type { FaultCounts, FaultMark, MarkedRecord, MarkedSummary } from './fault-marks.ts'
export type {
  EngineApi,
  HostExport,
  HostRun,
  HostStoryOptions,
  Post,
  WorkerHost,
  WorkerHostOptions,
} from './host.ts'
export { createWorkerHost, EXPORT_CHUNK_CHARS, positioned } from './host.ts'
export type { PackedFaults } from './packed-faults.ts'
export * from './packed-records.ts'
export * from './protocol.ts'
