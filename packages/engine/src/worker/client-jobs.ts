/** What the engine client keeps of each request, run and export in flight (internal to client.ts). */
import type { Channel } from './client-channel.ts'
import type { ExportHandlers, RunHandlers } from './client-types.ts'
import type { ClientMessage } from './protocol.ts'

/** A request waiting for its answer. */
export interface PendingRequest {
  message: Extract<ClientMessage, { requestId: number }>
  resolve(value: unknown): void
  reject(error: Error): void
  retried: boolean
  /** The watchdog of this request (armed while the request is with a worker). */
  timer?: ReturnType<typeof setTimeout>
}

/** A run in flight. */
export interface ActiveRun {
  message: Extract<ClientMessage, { type: 'run' }>
  handlers: RunHandlers
  started: boolean
}

/** An export in flight. */
export interface ActiveExport {
  message: Extract<ClientMessage, { type: 'export' }>
  handlers: ExportHandlers
  started: boolean
  /** Chunks received and not yet consumed by `onChunk`. */
  waiting: number
  /** Chunks are consumed one after the other. */
  queue: Promise<void>
  channel: Channel | undefined
}
