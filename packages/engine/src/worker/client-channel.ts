/**
 * The two ways the client reaches a host: a module worker (can be terminated: the watchdog's hard stop)
 * or the same host on the main thread (cannot be killed; cancelling stops it at its next batch).
 */
import type { WorkerLike } from './client-types.ts'
import { createWorkerHost, type Post, type WorkerHost } from './host.ts'
import type { ClientMessage, WorkerMessage } from './protocol.ts'

/** One connection to a host; replaced as a whole when the host is stopped. */
export interface Channel {
  kind: 'worker' | 'main-thread'
  send(message: ClientMessage): void
  terminate(): void
}

/** What a channel reports to the client. */
export interface ChannelEvents {
  receive(message: WorkerMessage): void
  crashed(message: string): void
}

/** A channel over a module worker. Events of a channel that is no longer current are dropped by the caller. */
export function workerChannel(worker: WorkerLike, events: (ch: Channel) => ChannelEvents | null): Channel {
  const ch: Channel = {
    kind: 'worker',
    send: (m) => worker.postMessage(m),
    terminate: () => worker.terminate(),
  }
  worker.addEventListener('message', (event) => events(ch)?.receive(event.data))
  worker.addEventListener('error', (event) => {
    event.preventDefault?.()
    const detail = (event as ErrorEvent).message
    events(ch)?.crashed(`The engine worker crashed${detail ? `: ${detail}` : ''}.`)
  })
  worker.addEventListener('messageerror', () => {
    events(ch)?.crashed('The engine worker sent a message that could not be read.')
  })
  return ch
}

/** A channel to a host on the main thread, loaded on demand; messages sent before it loads are queued. */
export function localChannel(
  loadLocalHost: () => Promise<(post: Post) => WorkerHost>,
  events: (ch: Channel) => ChannelEvents | null,
  inFlight: () => { runs: Iterable<number>; exports: Iterable<number> },
): Channel {
  let host: WorkerHost | undefined
  let closed = false
  const queue: ClientMessage[] = []
  const ch: Channel = {
    kind: 'main-thread',
    send: (m) => (host ? host.handle(m) : queue.push(m)),
    terminate: () => {
      closed = true
      // The host cannot be killed on the main thread; cancelling its runs stops it at the next batch.
      const { runs, exports } = inFlight()
      for (const id of runs) host?.handle({ type: 'cancel', runId: id })
      for (const id of exports) host?.handle({ type: 'cancel-export', exportId: id })
    },
  }
  loadLocalHost().then(
    (make) => {
      // Delivered on a later microtask so the client never re-enters itself from inside a send.
      host = make((m) => queueMicrotask(() => !closed && events(ch)?.receive(m)))
      for (const m of queue.splice(0)) host.handle(m)
    },
    (e) => events(ch)?.crashed(`The engine could not be loaded: ${String(e)}`),
  )
  return ch
}

/** The origin fields of a request, without undefined members (messages stay minimal). */
export function origin(opts: { file?: string; files?: Record<string, string>; fromLink?: boolean }) {
  return {
    file: opts.file,
    files: opts.files,
    ...(opts.fromLink ? { fromLink: true } : {}),
  }
}

/** The main-thread host, loaded on demand (the engine is large, and the worker normally carries it). */
export async function defaultLocalHost(): Promise<(post: Post) => WorkerHost> {
  // Only the engine is loaded on demand: it is large, and the worker normally carries it.
  const { realEngineApi } = await import('./engine-api.ts')
  const engine = realEngineApi()
  return (post) => createWorkerHost(post, { engine })
}
