/**
 * The run-store row the user picked in the Events table, for the Inspector: a row paged in from the
 * store (past the preview's first 50,000 events) has no record in the preview window, so the
 * Inspector shows it from its NDJSON line. The pick belongs to one selection object and one run.
 */
import { useSyncExternalStore } from 'react'
import type { Selection } from '../../store.ts'

/** A row of `events_flat` as the Inspector needs it. */
export interface StorePick {
  /** The selection the table made for this row (the Inspector shows the pick only while it is current). */
  selection: Selection
  /** The run store key (see `runKey`) the row came from. */
  key: string
  /** Position in the delivered stream (0-based). */
  seq: number
  /** The n-th delivery of its source and type in the stream (0-based). */
  occurrence: number
  /** The exact NDJSON line. */
  line: string
}

/** Picks kept, newest last: "Back to" an earlier event past the preview finds its row again. */
const KEEP = 32
let picks: StorePick[] = []
let current: StorePick | null = null
const listeners = new Set<() => void>()

/** Records the row behind a table selection (null clears them all). */
export function pickStoreRow(pick: StorePick | null): void {
  current = pick
  picks = pick ? [...picks.filter((p) => p.selection !== pick.selection), pick].slice(-KEEP) : []
  for (const l of listeners) l()
}

/** The pick for `selection` from the run `key`, or null. */
export function storePickFor(selection: Selection | null, key: string | null): StorePick | null {
  if (!selection) return null
  return picks.findLast((p) => p.selection === selection && p.key === key) ?? null
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}
const snapshot = () => current

/** React hook: the current pick (any selection; use `storePickFor` to match it). */
export function useStorePick(): StorePick | null {
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
