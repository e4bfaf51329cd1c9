import type { StoredOccurrence } from './scope.ts'

/**
 * What is kept of one definition's past occurrences for ref()/lookup(): a ring of the most
 * recent ones (same-index ref and lookup look here) and the latest one. Memory is bounded
 * by the cap, whatever the number of events (documented in docs/stories.md).
 */
export class OccurrenceHistory {
  private readonly ring: (StoredOccurrence | undefined)[]
  private count = 0
  latest: StoredOccurrence | undefined

  constructor(readonly cap: number) {
    this.ring = new Array(cap)
  }

  /** Number of occurrences currently held (at most the cap). */
  get size(): number {
    return Math.min(this.count, this.cap)
  }

  add(occ: StoredOccurrence): void {
    this.ring[this.count % this.cap] = occ
    this.count++
    this.latest = occ
  }

  /** The held occurrence with this occurrence index, if still in the ring. */
  byIndex(index: number): StoredOccurrence | undefined {
    const latest = this.latest
    if (!latest || index > latest.index) return undefined
    // Indices increase by at least 1 per held occurrence (probability/when may skip some), so the
    // wanted one is at most `latest.index - index` places back: O(1) when indices are dense.
    for (let k = Math.min(latest.index - index, this.size - 1); k >= 0; k--) {
      const occ = this.ring[(this.count - 1 - k) % this.cap]!
      if (occ.index === index) return occ
      if (occ.index > index) return undefined
    }
    return undefined
  }

  /** The k-th most recent held occurrence (0 = latest). */
  recent(k: number): StoredOccurrence | undefined {
    if (k >= this.size) return undefined
    return this.ring[(this.count - 1 - k) % this.cap]
  }
}
