import type { StoredOccurrence } from '../runtime/scope.ts'

/**
 * What is kept of one definition's past occurrences for ref()/lookup(): a ring of the most
 * recent ones (same-index ref and lookup look here) and the latest one. Memory is bounded
 * by count (the cap) and by the estimated size of the kept values (the byte budget): past
 * either, the oldest entries go (documented in docs/stories.md).
 */
/** The byte budget shared by every history of one run (one definition's big values may use what others leave). */
export interface HistoryBudget {
  readonly limit: number
  used: number
}

export class OccurrenceHistory {
  private readonly ring: (StoredOccurrence | undefined)[]
  private readonly bytesOf: Float64Array
  /** Occurrences added so far. */
  private count = 0
  /** Absolute number of the oldest held occurrence. */
  private first = 0
  /** Entries dropped to stay within the byte budget (not those that left by count). */
  dropped = 0
  latest: StoredOccurrence | undefined

  constructor(
    readonly cap: number,
    private readonly budget: HistoryBudget = { limit: Number.POSITIVE_INFINITY, used: 0 },
  ) {
    this.ring = new Array(cap)
    this.bytesOf = new Float64Array(cap)
  }

  /** Number of occurrences currently held (at most the cap). */
  get size(): number {
    return this.count - this.first
  }

  /** Adds an occurrence whose kept fields weigh about `bytes`. */
  add(occ: StoredOccurrence, bytes = 0): void {
    const cap = this.cap
    if (this.count - this.first === cap) this.evictOldest()
    const at = this.count % cap
    this.ring[at] = occ
    this.bytesOf[at] = bytes
    this.budget.used += bytes
    this.count++
    this.latest = occ
    // Past the run's budget, this definition gives up its own oldest entries. The latest entry
    // always stays, whatever its size: ref() of the last occurrence still works.
    while (this.budget.used > this.budget.limit && this.count - this.first > 1) {
      this.evictOldest()
      this.dropped++
    }
  }

  private evictOldest(): void {
    const at = this.first % this.cap
    this.budget.used -= this.bytesOf[at]
    this.ring[at] = undefined
    this.first++
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
