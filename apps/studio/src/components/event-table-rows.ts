/**
 * Which records of the window the Events table shows, in which order: a filter by definition (source /
 * event type) and free text over each record's NDJSON line, and time order ascending or descending.
 * Without a filter the rows are the window itself (no array at all); with one, the matching positions
 * are collected incrementally as the window grows, so a long run never rescans what it already saw.
 */

/** What the rows read from a record window (the studio's RecordWindow satisfies it). */
export interface RowSource {
  readonly length: number
  def(i: number): number
  line(i: number): string
}

/** The table's filter. */
export interface RowFilter {
  /** Definitions to show; null shows all. */
  defs: ReadonlySet<number> | null
  /** Free text, matched case-insensitively against the whole event (its NDJSON line); empty matches all. */
  text: string
}

/** Time order of the rows (the window is in stream order, which is time order). */
export type SortOrder = 'asc' | 'desc'

/** The definitions whose source and event type match (an empty value matches any); null when both are empty. */
export function defsMatching(
  events: readonly { source: string; event: string }[],
  source: string,
  event: string,
): Set<number> | null {
  if (!source && !event) return null
  const out = new Set<number>()
  events.forEach((e, i) => {
    if ((!source || e.source === source) && (!event || e.event === event)) out.add(i)
  })
  return out
}

/** Distinct values of a key, in order of first appearance. */
export function distinct<T, K extends keyof T>(items: readonly T[], key: K): T[K][] {
  return [...new Set(items.map((i) => i[key]))]
}

function matcher(text: string): ((line: string) => boolean) | null {
  const q = text.trim()
  if (!q) return null
  const re = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
  return (line) => re.test(line)
}

/** The rows of one window under one filter, updated in place as the window grows. */
export class RowIndex {
  private positions: Int32Array | null
  private matches = 0
  private scanned = 0
  private readonly test: ((line: string) => boolean) | null

  constructor(
    readonly source: RowSource,
    readonly filter: RowFilter,
  ) {
    this.test = matcher(filter.text)
    this.positions = filter.defs || this.test ? new Int32Array(1024) : null
  }

  /** True when the filter lets everything through (rows are window positions). */
  get unfiltered(): boolean {
    return this.positions === null
  }

  /** Scans records appended since the last call; true when the row count changed. */
  update(): boolean {
    const n = this.source.length
    if (!this.positions) {
      const changed = n !== this.scanned
      this.scanned = n
      return changed
    }
    const before = this.matches
    const { defs } = this.filter
    let positions = this.positions
    for (let i = this.scanned; i < n; i++) {
      if (defs && !defs.has(this.source.def(i))) continue
      if (this.test && !this.test(this.source.line(i))) continue
      if (this.matches === positions.length) {
        const bigger = new Int32Array(positions.length * 2)
        bigger.set(positions)
        positions = bigger
      }
      positions[this.matches++] = i
    }
    this.positions = positions
    this.scanned = n
    return this.matches !== before
  }

  /** Number of rows. */
  get count(): number {
    return this.positions ? this.matches : this.scanned
  }

  /** Window position of row `row`. */
  position(row: number, order: SortOrder): number {
    const r = order === 'asc' ? row : this.count - 1 - row
    return this.positions ? this.positions[r] : r
  }

  /** Row of window position `position`, or -1 when it is filtered out (or not scanned yet). */
  rowOf(position: number, order: SortOrder): number {
    let r = -1
    if (!this.positions) r = position >= 0 && position < this.scanned ? position : -1
    else {
      let lo = 0
      let hi = this.matches - 1
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1
        const p = this.positions[mid]
        if (p === position) {
          r = mid
          break
        }
        if (p < position) lo = mid + 1
        else hi = mid - 1
      }
    }
    if (r < 0) return -1
    return order === 'asc' ? r : this.count - 1 - r
  }
}
