/** `@autosource/engine/worker`: the studio's side of the engine worker (protocol types, client, host). */
export * from './protocol.ts'
export * from './client.ts'
export * from './packed-records.ts'
export { createWorkerHost, positioned } from './host.ts'
export type { EngineApi, HostRun, HostStoryOptions, Post, WorkerHost, WorkerHostOptions } from './host.ts'
// Tiny and dependency-free: the studio maps offsets to lines without loading the engine on the main thread.
export { LineIndex } from '../diagnostics/line-index.ts'
