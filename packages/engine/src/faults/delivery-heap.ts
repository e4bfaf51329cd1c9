/**
 * A binary min-heap of deliveries held back (late events, duplicate copies), ordered by
 * (delivery time, sequence): earlier first, and at the same instant the one held first.
 */
export interface Held {
  deliveryMs: number
  seq: number
}

/** Min-heap over Held. */
export class DeliveryHeap<T extends Held> {
  private readonly items: T[] = []

  get size(): number {
    return this.items.length
  }

  /** The earliest delivery, without removing it. */
  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(a[i], a[p])) break
      ;[a[i], a[p]] = [a[p], a[i]]
      i = p
    }
  }

  /** Removes and returns the earliest delivery. */
  pop(): T | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && before(a[l], a[m])) m = l
        if (r < a.length && before(a[r], a[m])) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m], a[i]]
        i = m
      }
    }
    return top
  }
}

function before(x: Held, y: Held): boolean {
  return x.deliveryMs < y.deliveryMs || (x.deliveryMs === y.deliveryMs && x.seq < y.seq)
}
