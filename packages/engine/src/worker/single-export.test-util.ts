import { expect } from 'vitest'
import { realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import type { ClientMessage, WorkerMessage } from './protocol.ts'

/** An export request without its id (the helper gives it one). */
export type ExportRequest = Omit<Extract<ClientMessage, { type: 'export' }>, 'type' | 'exportId'>

/**
 * Runs one export through the single engine worker's host in this thread, acknowledging each
 * chunk as the studio does, and expects it to complete: the bytes and the `export-done` message.
 * The one copy of this loop for the export tests (parity with the CLI, faults, the pool).
 */
export async function singleWorkerExport(
  request: ExportRequest,
): Promise<{ bytes: Buffer; done: Extract<WorkerMessage, { type: 'export-done' }> }> {
  const parts: Uint8Array[] = []
  let done: Extract<WorkerMessage, { type: 'export-done' }> | undefined
  const host = createWorkerHost(
    (m) => {
      if (m.type === 'export-chunk') {
        parts.push(m.chunk)
        queueMicrotask(() => host.handle({ type: 'export-ack', exportId: m.exportId, count: 1 }))
      } else if (m.type === 'export-done') done = m
      else if (m.type === 'error') throw new Error(m.message)
    },
    { engine: realEngineApi() },
  )
  host.handle({ type: 'export', exportId: 1, ...request })
  await host.idle()
  expect(done?.outcome).toEqual({ kind: 'complete' })
  return { bytes: Buffer.concat(parts), done: done! }
}
