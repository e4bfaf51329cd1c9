import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'
import { sourceWorkerBundle } from './source-worker-bundle.ts'
import { type ThreadData, WORKER_CREDITS, type WorkerTask } from './worker-protocol.ts'

/*
 * Starting a `--workers` thread is split in two: the thread is created first and loads the engine
 * (about a third of a second), and its task (the story, its part of the run) is given later. The
 * CLI starts its threads before it loads itself (prestart.ts), so that time passes on another
 * core while the main thread loads the CLI and compiles the story, instead of after it.
 */

/** A thread started and (maybe still) loading the engine, its task not given yet. */
export interface StartedThread {
  /** Int32 cells shared with the thread: [credits, stop, ready]; ready is 1 once its engine is loaded. */
  control: Int32Array
  /** Where written chunks' buffers go back to the thread (chunk-recycling.ts). */
  returns: MessagePort
  /** The thread, once its entry is known (from the source: once it is bundled), or why it could not start. */
  worker: Promise<Worker>
}

/** The file a thread starts, and the Node options it starts with when not the process's own. */
interface WorkerEntry {
  url: URL
  execArgv?: string[]
}

/** The thread's entry: the built file next to the published CLI, or the source bundled on first use. */
async function workerEntry(): Promise<WorkerEntry> {
  // The bundle needs none of the loaders a source run's process has (`--import tsx`, the `source`
  // condition): inheriting them would boot tsx again in every thread.
  if (import.meta.url.endsWith('.ts')) return { url: await sourceWorkerBundle(), execArgv: [] }
  return { url: new URL('./scale-worker.js', import.meta.url) }
}

/**
 * Starts a thread that loads the engine and then waits for its task. It does not keep the
 * process alive until it is given one: a thread the run does not use costs its start, nothing more.
 */
export function startThread(): StartedThread {
  const control = new Int32Array(new SharedArrayBuffer(12))
  control[0] = WORKER_CREDITS
  const { port1, port2 } = new MessageChannel()
  const worker = workerEntry().then((entry) => {
    const data: ThreadData = { control: control.buffer as SharedArrayBuffer, returns: port2 }
    const w = new Worker(entry.url, {
      workerData: data,
      transferList: [port2],
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    })
    w.unref()
    // Until the pool takes it, a failure to start is the pool's to report (it listens from then on).
    w.on('error', () => {})
    return w
  })
  // A thread no run takes: its failure is nobody's concern (the pool sees the rejection when it takes it).
  worker.catch(() => {})
  return { control, returns: port1, worker }
}

/** True once the thread has loaded the engine (it only compiles the story after its task comes). */
export function threadReady(t: StartedThread): boolean {
  return Atomics.load(t.control, 2) === 1
}

/** Hands the thread its part of the run; from then on it keeps the process alive until it exits. */
export function giveTask(worker: Worker, task: WorkerTask): void {
  worker.ref()
  worker.postMessage({ type: 'task', task })
}
