/**
 * The engine's module worker: a thin adapter that wires `self` to the host. All logic lives in
 * host.ts so it also runs on the main thread and in Node tests.
 */
import { realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import type { ClientMessage, WorkerMessage } from './protocol.ts'

const scope = self as unknown as {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<ClientMessage>) => void) | null
}

const host = createWorkerHost((message, transfer) => scope.postMessage(message, transfer ?? []), {
  engine: realEngineApi(),
  batchSize: 1000,
})
scope.onmessage = (event) => host.handle(event.data)
