/**
 * A set of weighted items with O(log n) add, remove and weighted draw: a Fenwick tree over
 * slots, freed slots reused (lowest-recent first, deterministically). `pick(user)` draws the
 * live actors of a type from it, so a million live actors cost a few arrays, not a scan.
 */
export class WeightedPool<T> {
  private tree = new Float64Array(16)
  private weights = new Float64Array(16)
  private items: (T | undefined)[] = new Array(16)
  private free: number[] = []
  private used = 0
  private live = 0

  /** How many items are in the pool. */
  get size(): number {
    return this.live
  }

  /** Adds an item with a weight (0 or more); returns its slot. */
  add(item: T, weight: number): number {
    const slot = this.free.length ? this.free.pop()! : this.used++
    if (slot >= this.weights.length) this.grow()
    this.items[slot] = item
    this.weights[slot] = weight
    this.update(slot, weight)
    this.live++
    return slot
  }

  /** Removes the item at `slot`. */
  remove(slot: number): void {
    if (this.items[slot] === undefined) return
    this.update(slot, -this.weights[slot])
    this.weights[slot] = 0
    this.items[slot] = undefined
    this.free.push(slot)
    this.live--
  }

  /** The item whose cumulative weight covers `u` in [0, 1) of the total; undefined when empty. */
  draw(u: number): T | undefined {
    if (this.live === 0) return undefined
    const total = this.prefix(this.used)
    if (!(total > 0)) return this.firstFrom(0)
    let target = u * total
    let pos = 0
    for (let step = highBit(this.weights.length); step > 0; step >>= 1) {
      const next = pos + step
      if (next <= this.weights.length && this.tree[next - 1] <= target) {
        pos = next
        target -= this.tree[next - 1]
      }
    }
    // Rounding can land on an empty or zero slot: take the nearest live one.
    return this.items[pos] !== undefined && this.weights[pos] > 0 ? this.items[pos] : this.firstFrom(pos)
  }

  private firstFrom(pos: number): T | undefined {
    for (let i = Math.min(pos, this.used - 1); i >= 0; i--)
      if (this.items[i] !== undefined) return this.items[i]
    for (let i = pos; i < this.used; i++) if (this.items[i] !== undefined) return this.items[i]
    return undefined
  }

  private update(slot: number, delta: number): void {
    const n = this.weights.length
    for (let i = slot + 1; i <= n; i += i & -i) this.tree[i - 1] += delta
  }

  private prefix(count: number): number {
    let s = 0
    for (let i = count; i > 0; i -= i & -i) s += this.tree[i - 1]
    return s
  }

  /** Doubles the capacity and rebuilds the tree from the exact weights (also clears rounding drift). */
  private grow(): void {
    const n = this.weights.length * 2
    const weights = new Float64Array(n)
    weights.set(this.weights)
    this.weights = weights
    this.items.length = n
    const tree = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      tree[i] += weights[i]
      const parent = i + ((i + 1) & -(i + 1))
      if (parent < n) tree[parent] += tree[i]
    }
    this.tree = tree
  }
}

function highBit(n: number): number {
  let b = 1
  while (b * 2 <= n) b *= 2
  return b
}
