/**
 * The records of the run preview, outside the store: a bounded RecordWindow that grows in place, and a
 * snapshot object that changes whenever it does. Views read it with `useSyncExternalStore`
 * (useRunRecords), so appending thousands of records never re-creates store state.
 */
import { type PackedRecords, RecordWindow } from '@autosource/engine/worker'
import { useSyncExternalStore } from 'react'

/** What views see: the window (null before the first records of a run) and its version. */
export interface RunRecords {
  readonly window: RecordWindow | null
  /** Changes whenever `window` gains records or is replaced. */
  readonly version: number
}

const EMPTY: RunRecords = { window: null, version: 0 }

/** Owns the record window of the run on screen. */
export class RunFeed {
  private records: RunRecords = EMPTY
  private readonly listeners = new Set<() => void>()

  constructor(readonly cap: number) {}

  /** The current records (a new object after every change: safe as a useSyncExternalStore snapshot). */
  readonly snapshot = (): RunRecords => this.records

  /** Calls `listener` after every change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Appends batches; `fresh` starts a new window first (the first batch of a run replaces the previous run's records). */
  append(batches: readonly PackedRecords[], fresh: boolean): void {
    const window = fresh || !this.records.window ? new RecordWindow(this.cap) : this.records.window
    for (const batch of batches) window.append(batch)
    this.records = { window, version: window.version }
    this.emit()
  }

  /** Drops the records (another draft, or a run that produced none). */
  clear(): void {
    if (this.records === EMPTY) return
    this.records = EMPTY
    this.emit()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

/** React hook: the records of a feed, re-rendering when they change. */
export function useRunRecords(feed: RunFeed): RunRecords {
  return useSyncExternalStore(feed.subscribe, feed.snapshot, feed.snapshot)
}
