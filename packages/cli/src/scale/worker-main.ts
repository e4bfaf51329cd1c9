import { parentPort, workerData } from 'node:worker_threads'
import {
  csvColumns,
  fileIncludeResolver,
  prepareStory,
  runShard,
  type StoryEvent,
  serializeCsvRow,
  serializeNdjson,
} from '../engine.ts'
import { ChunkBuffer } from './chunk-buffer.ts'
import { returnedBuffers } from './chunk-recycling.ts'
import type { WorkerMessage, WorkerTask } from './worker-protocol.ts'

/*
 * One `--workers` thread: compiles the story once, generates its blocks of the run
 * (engine runShard) and posts them as UTF-8 chunks, each tagged with its block's ordinal. A chunk
 * never spans two blocks. It waits for a credit before each post, so it never runs more than
 * WORKER_CREDITS chunks ahead of what the main thread wrote.
 */
const task = workerData as WorkerTask
const port = parentPort!
const control = new Int32Array(task.control)

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

function main(): void {
  const prepared = prepareStory(task.text, {
    file: task.file,
    ...(task.fromLink ? { fromLink: true } : { resolveInclude: fileIncludeResolver(task.cwd) }),
  })
  const run = runShard(prepared, task, { seed: task.seed })
  if (!run) throw new Error('the story did not compile in the worker')
  const columns = task.format === 'csv' ? csvColumns(prepared.story!) : []
  // CSV rows end with their own line break; a JSON array's records follow the `[` the main thread wrote.
  const line = task.format === 'csv' ? (e: StoryEvent) => serializeCsvRow(e, columns) : serializeNdjson
  const before = task.format === 'json' ? ',\n' : ''
  const after = task.format === 'ndjson' ? '\n' : ''
  const chunk = new ChunkBuffer(returnedBuffers(task.returns))
  let events = 0
  let ordinal = -1
  let ends: number[] = []
  const flush = (): boolean => {
    if (events === 0) return true
    if (!takeCredit()) return false
    const bytes = chunk.take()
    const message: WorkerMessage = { type: 'chunk', ordinal, bytes, events }
    const transfer = [bytes.buffer as ArrayBuffer]
    if (task.withEnds) {
      const e = Uint32Array.from(ends)
      message.ends = e
      transfer.push(e.buffer as ArrayBuffer)
    }
    post(message, transfer)
    events = 0
    ends = []
    return true
  }
  for (let r = run.next(); r !== undefined; r = run.next()) {
    const o = run.selector.ordinal
    const text = line(r.event)
    if (o !== ordinal || !chunk.fits(text)) {
      if (!flush()) return
      ordinal = o
    }
    chunk.write(before, text, after)
    events++
    if (task.withEnds) ends.push(chunk.length)
  }
  if (!flush()) return
  post({ type: 'done', end: run.end() })
}

try {
  main()
} catch (e) {
  post({ type: 'error', message: String((e as Error)?.stack ?? e) })
}
