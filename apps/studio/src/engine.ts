/** The studio's engine client: the engine runs in a module worker bundled by Vite. */
import { createEngineClient, type EngineClient } from '@autosource/engine/worker'
import EngineWorker from '@autosource/engine/worker-entry?worker'

/** Creates the client; the worker starts on the first request. */
export function createStudioEngine(): EngineClient {
  return createEngineClient({ createWorker: () => new EngineWorker({ name: 'autosource-engine' }) })
}
