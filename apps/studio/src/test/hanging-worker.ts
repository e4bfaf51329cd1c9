/**
 * A Worker double for studio tests: the real host over the fake engine, stuck for good (like a busy thread)
 * once it gets a check or plan of a text containing `hang-check`, or a run of a text containing `hang-run`.
 */
import {
  type ClientMessage,
  createWorkerHost,
  type WorkerLike,
  type WorkerMessage,
} from '@autosource/engine/worker'
import { fakeEngine } from '../../../../packages/engine/src/worker/fake-engine.ts'

/** Makes workers and keeps each one it made (newest last). */
export function hangingWorkers(): { workers: HangingWorker[]; create: () => HangingWorker } {
  const workers: HangingWorker[] = []
  return {
    workers,
    create: () => {
      const w = new HangingWorker()
      workers.push(w)
      return w
    },
  }
}

/** A busy thread hears and says nothing: once stuck it answers nothing more. */
export class HangingWorker implements WorkerLike {
  stuck = false
  terminated = false
  private readonly listeners = new Map<string, ((event: { data: WorkerMessage }) => void)[]>()
  private readonly host = createWorkerHost(
    (m) => setTimeout(() => !this.terminated && !this.stuck && this.emit(structuredClone(m)), 0),
    { engine: fakeEngine(), batchSize: 5000 },
  )

  postMessage(message: ClientMessage): void {
    if (this.stuck || this.terminated) return
    const hangs =
      (message.type === 'run' && message.text.includes('hang-run')) ||
      ((message.type === 'check' || message.type === 'plan') && message.text.includes('hang-check'))
    if (hangs) {
      this.stuck = true
      return
    }
    this.host.handle(structuredClone(message))
  }
  terminate(): void {
    this.terminated = true
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    const list = this.listeners.get(type) ?? []
    list.push(listener as (event: { data: WorkerMessage }) => void)
    this.listeners.set(type, list)
  }
  private emit(data: WorkerMessage): void {
    for (const l of this.listeners.get('message') ?? []) l({ data })
  }
}
