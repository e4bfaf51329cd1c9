/**
 * The studio's side of the run store: one worker (started on first use), the state of the run it
 * holds (for useSyncExternalStore), and SQL queries as promises. A run is identified by its story
 * text, seed and origin; asking for another run replaces the one held.
 */
import type { StorySource } from '@autosource/engine/worker'
import { useSyncExternalStore } from 'react'
import type { QueryResult, StoreColumn, StoreReply, StoreRequest } from './store-protocol.ts'
import type { StoreTrace } from './store-trace.ts'

/** What the store holds. */
export interface RunStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Which run (see `runKey`); null before any. */
  key: string | null
  events: number
  columns: StoreColumn[]
  error: string | null
  /** Bumped whenever the rows change (views re-query). */
  version: number
}

/** A run to hold. */
export interface StoreRun {
  key: string
  text: string
  seed?: number
  source: StorySource
  limit?: number
}

/** The key of a run: same text, seed and origin means the same events. */
export function runKey(text: string, seed: number | undefined, source: StorySource): string {
  return JSON.stringify([text, seed ?? null, source.file ?? null, source.fromLink ?? false])
}

/** How often a load's progress updates the views. */
const PROGRESS_MS = 400

const IDLE: RunStoreState = { status: 'idle', key: null, events: 0, columns: [], error: null, version: 0 }

class RunStore {
  private worker: Worker | null = null
  private state: RunStoreState = IDLE
  private readonly listeners = new Set<() => void>()
  private loadId = 0
  private progressTimer: ReturnType<typeof setTimeout> | null = null
  private pendingProgress: Extract<StoreReply, { type: 'progress' }> | null = null
  private queryId = 0
  private readonly pending = new Map<
    number,
    { resolve: (r: QueryResult) => void; reject: (e: Error) => void }
  >()
  private readonly traces = new Map<
    number,
    { resolve: (t: StoreTrace | null) => void; reject: (e: Error) => void }
  >()

  readonly snapshot = (): RunStoreState => this.state
  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Holds `run` (starting the worker and the load when it is not already the run held). */
  ensure(run: StoreRun): void {
    if (this.state.key === run.key && this.state.status !== 'error') return
    const loadId = ++this.loadId
    this.clearProgress()
    this.set({ status: 'loading', key: run.key, events: 0, columns: [], error: null })
    const { key: _key, ...request } = run
    this.send({ type: 'load', loadId, ...request })
  }

  /** Runs SQL over the run held; at most `limit` rows. */
  query(sql: string, limit = 1000): Promise<QueryResult> {
    const id = ++this.queryId
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.send({ type: 'query', id, sql, limit })
    })
  }

  /**
   * What the engine records for the delivery at stream position `seq` of the run held (generated
   * again up to it, in the store's worker); null when a newer trace or load replaced it.
   */
  trace(seq: number): Promise<StoreTrace | null> {
    const id = ++this.queryId
    return new Promise((resolve, reject) => {
      this.traces.set(id, { resolve, reject })
      this.send({ type: 'trace', id, seq })
    })
  }

  private send(m: StoreRequest): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('./store-worker.ts', import.meta.url), {
        type: 'module',
        name: 'autosource-run-store',
      })
      this.worker.onmessage = (e: MessageEvent<StoreReply>) => this.receive(e.data)
      this.worker.onerror = (e) => {
        this.set({ status: 'error', error: `The run store stopped: ${e.message || 'worker error'}` })
        for (const p of [...this.pending.values(), ...this.traces.values()])
          p.reject(new Error('The run store stopped.'))
        this.pending.clear()
        this.traces.clear()
      }
    }
    this.worker.postMessage(m)
  }

  private receive(m: StoreReply): void {
    if (m.type === 'traced' || m.type === 'trace-failed') {
      const t = this.traces.get(m.id)
      this.traces.delete(m.id)
      if (m.type === 'traced') t?.resolve(m.trace)
      else t?.reject(new Error(m.message))
      return
    }
    if (m.type === 'result' || m.type === 'query-failed') {
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.type === 'result') p?.resolve(m.result)
      else p?.reject(new Error(m.message))
      return
    }
    if (m.loadId !== this.loadId) return
    if (m.type === 'progress') {
      this.progress(m)
      return
    }
    this.clearProgress()
    if (m.type === 'load-failed') this.set({ status: 'error', error: m.message })
    else this.set({ status: 'ready', events: m.events, columns: m.columns })
  }

  /**
   * Progress of a load reaches the views at most every PROGRESS_MS: each update re-renders the Events
   * table, and a 1M-event load sends a few hundred.
   */
  private progress(m: Extract<StoreReply, { type: 'progress' }>): void {
    this.pendingProgress = m
    if (this.progressTimer !== null) return
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null
      const p = this.pendingProgress
      this.pendingProgress = null
      if (p && p.loadId === this.loadId) this.set({ status: 'loading', events: p.events, columns: p.columns })
    }, PROGRESS_MS)
  }

  private clearProgress(): void {
    if (this.progressTimer !== null) clearTimeout(this.progressTimer)
    this.progressTimer = null
    this.pendingProgress = null
  }

  private set(patch: Partial<RunStoreState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 }
    for (const l of this.listeners) l()
  }
}

/** The studio's one run store. */
export const runStore = new RunStore()

/** React hook: the run store's state. */
export function useRunStore(): RunStoreState {
  return useSyncExternalStore(runStore.subscribe, runStore.snapshot, runStore.snapshot)
}
