/** A module worker of the studio's export pool: wires `self` to export-pool-host.ts (all logic lives there). */
import { createExportPoolHost } from './export-pool-host.ts'
import type { PoolReply, PoolRequest } from './export-pool-protocol.ts'

const scope = self as unknown as {
  postMessage(message: PoolReply, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<PoolRequest>) => void) | null
}

const host = createExportPoolHost((message, transfer) => scope.postMessage(message, transfer ?? []))
scope.onmessage = (event) => host.handle(event.data)
