/**
 * The Events table's rows when the run store holds the run: a count and pages of 200 lines fetched
 * as they scroll into view (a 1,000,000-event run is never on the main thread at once).
 */
import { useEffect, useRef, useState } from 'react'
import { runStore } from './run-store.ts'

const PAGE = 200

/** One row from the store: the event's NDJSON line and its occurrence within its type. */
export interface StoreRow {
  line: string
  occurrence: number
  /** Position in the delivered stream (0-based). */
  seq: number
}

/** Rows of `events_flat` under a condition and an order. */
export interface StoreRows {
  /** Null until counted. */
  count: number | null
  /** The row, or null while its page loads (the page is requested). */
  row(i: number): StoreRow | null
  /** Row `i`, fetched when its page is not loaded yet (null past the end or for an older query). */
  fetchRow(i: number): Promise<StoreRow | null>
  /** Lines of rows `from..to` (inclusive), fetched. */
  lines(from: number, to: number): Promise<string[]>
}

/** Pages through the store; `enabled` false keeps it idle (the table reads the preview window). */
export function useStoreRows(enabled: boolean, where: string, orderBy: string, version: number): StoreRows {
  const [count, setCount] = useState<number | null>(null)
  const [, setLoaded] = useState(0)
  const pages = useRef(new Map<number, StoreRow[] | 'loading'>())
  const generation = useRef(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: orderBy and version are triggers (a new order or new rows).
  useEffect(() => {
    generation.current++
    pages.current = new Map()
    setCount(null)
    if (!enabled) return
    const g = generation.current
    runStore.query(`SELECT count(*) FROM events_flat WHERE ${where}`, 1).then(
      (r) => g === generation.current && setCount(Number(r.rows[0]?.[0] ?? 0)),
      () => g === generation.current && setCount(0),
    )
  }, [enabled, where, orderBy, version])

  const select = (offset: number, limit: number) =>
    `SELECT line, occurrence, seq FROM events_flat WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`

  return {
    count: enabled ? count : null,
    row(i) {
      const p = Math.floor(i / PAGE)
      const page = pages.current.get(p)
      if (page === 'loading') return null
      if (page) return page[i - p * PAGE] ?? null
      pages.current.set(p, 'loading')
      const g = generation.current
      void runStore.query(select(p * PAGE, PAGE), PAGE).then(
        (r) => {
          if (g !== generation.current) return
          pages.current.set(p, r.rows.map(storeRow))
          setLoaded((n) => n + 1)
        },
        () => g === generation.current && pages.current.delete(p),
      )
      return null
    },
    async fetchRow(i) {
      const page = pages.current.get(Math.floor(i / PAGE))
      if (page && page !== 'loading') return page[i % PAGE] ?? null
      const g = generation.current
      const r = await runStore.query(select(i, 1), 1)
      return g === generation.current && r.rows[0] ? storeRow(r.rows[0]) : null
    },
    async lines(from, to) {
      const r = await runStore.query(select(from, to - from + 1), to - from + 1)
      return r.rows.map((row) => String(row[0]))
    },
  }
}

/** A result row of `SELECT line, occurrence, seq`. */
function storeRow(row: unknown[]): StoreRow {
  return { line: String(row[0]), occurrence: Number(row[1]), seq: Number(row[2]) }
}
