/**
 * A binary min-heap of pending occurrence series, ordered by (time, rank, sequence):
 * earlier first; at the same instant referenced definitions first (lower rank), then the
 * series created first. Allocation-free after growth.
 */
export interface HeapItem {
  timeMs: number
  rank: number
  seq: number
}

/** Min-heap over HeapItem (the merge of all definitions' streams by time). */
export class PendingHeap<T extends HeapItem> {
  private readonly items: T[] = []

  /** The pending items, in heap order (not sorted). */
  pending(): readonly T[] {
    return this.items
  }

  get size(): number {
    return this.items.length
  }

  push(item: T): void {
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(a[i], a[p])) break
      const t = a[i]
      a[i] = a[p]
      a[p] = t
      i = p
    }
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    return this.items[0]
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      this.siftDown(0)
    }
    return top
  }

  /** Re-establishes order after the top item's key grew (cheaper than pop + push). */
  replaceTop(): void {
    this.siftDown(0)
  }

  private siftDown(i: number): void {
    const a = this.items
    const n = a.length
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) return
      const r = l + 1
      const c = r < n && before(a[r], a[l]) ? r : l
      if (!before(a[c], a[i])) return
      const t = a[i]
      a[i] = a[c]
      a[c] = t
      i = c
    }
  }
}

function before(a: HeapItem, b: HeapItem): boolean {
  return (
    a.timeMs < b.timeMs ||
    (a.timeMs === b.timeMs && (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq)))
  )
}
