import { parentPort, workerData } from 'node:worker_threads'
import { ChunkProducer } from './chunk-producer.ts'
import { returnedBuffers } from './chunk-recycling.ts'
import type { TaskMessage, ThreadData, WorkerMessage, WorkerTask } from './worker-protocol.ts'

/*
 * One `--workers` thread: loads the engine, waits for its task (thread-start.ts), compiles the
 * story once, generates its blocks of the run (chunk-producer.ts) and posts them as UTF-8 chunks,
 * each tagged with its block's ordinal. It waits for a credit before each post, so it never runs
 * more than WORKER_CREDITS chunks ahead of what the main thread wrote.
 */
const data = workerData as ThreadData
const port = parentPort!
const control = new Int32Array(data.control)
// The imports above are evaluated: the engine is loaded (the pool's head start depends on it).
Atomics.store(control, 2, 1)

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer)
}

/** Waits for a credit; false when the main thread asked to stop. */
function takeCredit(): boolean {
  for (;;) {
    if (Atomics.load(control, 1) !== 0) return false
    const c = Atomics.load(control, 0)
    if (c > 0 && Atomics.compareExchange(control, 0, c, c - 1) === c) return true
    if (c <= 0) Atomics.wait(control, 0, c, 100)
  }
}

function main(task: WorkerTask): void {
  const producer = new ChunkProducer(task, returnedBuffers(data.returns))
  for (let m = producer.next(); m !== undefined; m = producer.next()) {
    if (!takeCredit()) return
    const transfer = [m.bytes.buffer as ArrayBuffer]
    if (m.ends) transfer.push(m.ends.buffer as ArrayBuffer)
    post(m, transfer)
  }
  post({ type: 'done', end: producer.run.end() })
}

const { task } = await new Promise<TaskMessage>((resolve) => port.once('message', resolve))
try {
  main(task)
} catch (e) {
  post({ type: 'error', message: String((e as Error)?.stack ?? e) })
}
