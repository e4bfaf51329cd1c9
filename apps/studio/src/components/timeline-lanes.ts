/**
 * The timeline's data, built from the record window's typed arrays without parsing events: one lane
 * per event definition (times and window positions, in time order), the children of each occurrence
 * (`after` funnels), counts in a time range, and binned counts. Everything here is pure and
 * incremental: the window only grows, so each update scans only the records appended since the last.
 */
import { BIN_MS, type BinUnit, binStartLocal, type ZoneClock } from './timeline-time.ts'

/** What the lanes read from a record window (the studio's RecordWindow satisfies it). */
export interface LaneSource {
  readonly length: number
  def(i: number): number
  index(i: number): number
  timeMs(i: number): number
  parent(i: number): { def: number; index: number } | undefined
}

/** One definition's records, in time order. */
export interface Lane {
  def: number
  count: number
  /** Epoch ms of each record (first `count` entries are valid). */
  times: Float64Array
  /** Window position of each record. */
  positions: Int32Array
}

const parentKey = (def: number, index: number) => def * 4294967296 + index

/** Lanes of one window, updated in place as the window grows. */
export class LaneIndex {
  /** Lanes by definition index (holes for definitions without records). */
  readonly lanes: Lane[] = []
  private readonly children = new Map<number, number[]>()
  private scanned = 0
  private minMs = Number.POSITIVE_INFINITY
  private maxMs = Number.NEGATIVE_INFINITY

  constructor(readonly source: LaneSource) {}

  /** Scans records appended since the last call; true when anything changed. */
  update(): boolean {
    const src = this.source
    const n = src.length
    if (n === this.scanned) return false
    for (let i = this.scanned; i < n; i++) {
      const def = src.def(i)
      const t = src.timeMs(i)
      let lane = this.lanes[def]
      if (!lane) {
        lane = { def, count: 0, times: new Float64Array(256), positions: new Int32Array(256) }
        this.lanes[def] = lane
      }
      if (lane.count === lane.times.length) grow(lane)
      lane.times[lane.count] = t
      lane.positions[lane.count] = i
      lane.count++
      if (t < this.minMs) this.minMs = t
      if (t > this.maxMs) this.maxMs = t
      const p = src.parent(i)
      if (p) {
        const k = parentKey(p.def, p.index)
        const list = this.children.get(k)
        if (list) list.push(i)
        else this.children.set(k, [i])
      }
    }
    this.scanned = n
    return true
  }

  /** Records scanned so far. */
  get size(): number {
    return this.scanned
  }

  /** Time range of all records, or null when empty. */
  extent(): [number, number] | null {
    return this.scanned === 0 ? null : [this.minMs, this.maxMs]
  }

  /** Definitions that have records, in definition order. */
  defs(): number[] {
    const out: number[] = []
    this.lanes.forEach((lane, def) => {
      if (lane) out.push(def)
    })
    return out
  }

  /** Window positions of the direct children (under `after`) of an occurrence. */
  childrenOf(def: number, index: number): readonly number[] {
    return this.children.get(parentKey(def, index)) ?? []
  }

  /**
   * Window positions of every descendant of the record at `position` (children, their children...),
   * breadth first, at most `max` of them.
   */
  descendants(position: number, max = 500): number[] {
    const out: number[] = []
    const queue = [position]
    for (let q = 0; q < queue.length && out.length < max; q++) {
      const at = queue[q]
      for (const child of this.childrenOf(this.source.def(at), this.source.index(at))) {
        if (out.length >= max) break
        out.push(child)
        queue.push(child)
      }
    }
    return out
  }
}

function grow(lane: Lane): void {
  const times = new Float64Array(lane.times.length * 2)
  times.set(lane.times)
  const positions = new Int32Array(lane.positions.length * 2)
  positions.set(lane.positions)
  lane.times = times
  lane.positions = positions
}

/** First index in `times[0..count)` with a time >= `t` (sorted ascending). */
export function lowerBound(times: Float64Array, count: number, t: number): number {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid] < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index in `times[0..count)` with a time > `t`. */
export function upperBound(times: Float64Array, count: number, t: number): number {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The lane's index range [lo, hi) of records within [from, to]. */
export function rangeOf(lane: Lane, from: number, to: number): [number, number] {
  return [lowerBound(lane.times, lane.count, from), upperBound(lane.times, lane.count, to)]
}

/** Binned counts of one lane in a range: bin starts (epoch ms), ends, counts, and the largest count. */
export interface Bins {
  unit: BinUnit
  starts: number[]
  ends: number[]
  /** Local wall-clock start of each bin (for labels). */
  localStarts: number[]
  counts: number[]
  /** Lane index (into `times`) of each bin's first record. */
  firsts: number[]
  max: number
}

/** Counts the lane's records in [lo, hi) per local `unit` (empty bins are omitted). */
export function binLane(lane: Lane, lo: number, hi: number, unit: BinUnit, clock: ZoneClock): Bins {
  const bins: Bins = { unit, starts: [], ends: [], localStarts: [], counts: [], firsts: [], max: 0 }
  const size = BIN_MS[unit]
  const binOf = (i: number) => binStartLocal(clock.toLocal(lane.times[i]), unit)
  let current = Number.NaN
  let count = 0
  const flush = () => {
    if (count === 0) return
    bins.counts.push(count)
    if (count > bins.max) bins.max = count
  }
  let i = lo
  while (i < hi) {
    const start = binOf(i)
    if (start !== current) {
      flush()
      current = start
      count = 0
      bins.localStarts.push(start)
      bins.starts.push(clock.fromLocal(start))
      bins.ends.push(clock.fromLocal(start + size))
      bins.firsts.push(i)
    }
    // Records before the bin's end and less than one bin length after its start are in the same bin
    // (local time only jumps at a zone transition): skip them with a binary search instead of converting
    // each to local time (a 50,000-record preview is re-binned on every update of a run). The last one
    // skipped is checked, so a transition inside the stretch falls back to one record at a time.
    const last = bins.starts.length - 1
    const limit = Math.min(bins.ends[last], bins.starts[last] + size)
    let j = Math.max(i + 1, Math.min(hi, lowerBound(lane.times, hi, limit)))
    if (j - 1 > i && binOf(j - 1) !== start) j = i + 1
    count += j - i
    i = j
  }
  flush()
  return bins
}

/** Index of the bin containing epoch ms `t`, or -1. */
export function binAt(bins: Bins, t: number): number {
  let lo = 0
  let hi = bins.starts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (t < bins.starts[mid]) hi = mid - 1
    else if (t >= bins.ends[mid]) lo = mid + 1
    else return mid
  }
  return -1
}

/**
 * An SVG path of vertical ticks, one per record in [lo, hi) of the lane, from y0 to y1: one element
 * for the whole lane, however many marks. Marks closer than half a pixel are drawn once.
 */
export function marksPath(
  lane: Lane,
  lo: number,
  hi: number,
  x: (t: number) => number,
  y0: number,
  y1: number,
): string {
  const parts: string[] = []
  let last = Number.NEGATIVE_INFINITY
  const h = (y1 - y0).toFixed(1)
  const top = y0.toFixed(1)
  for (let i = lo; i < hi; i++) {
    const px = x(lane.times[i])
    if (px - last < 0.5) continue
    last = px
    parts.push(`M${px.toFixed(1)} ${top}v${h}`)
  }
  return parts.join('')
}

/**
 * An SVG path of bars, one per bin, rising from `baseline` by up to `height` in proportion to the count
 * (at least `minHeight` so a single event stays visible).
 */
export function binsPath(
  bins: Bins,
  x: (t: number) => number,
  baseline: number,
  height: number,
  minHeight = 2,
): string {
  const parts: string[] = []
  for (let b = 0; b < bins.counts.length; b++) {
    const x0 = x(bins.starts[b])
    const x1 = x(bins.ends[b])
    const w = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0))
    const h = Math.max(minHeight, (bins.counts[b] / Math.max(1, bins.max)) * height)
    parts.push(
      `M${x0.toFixed(1)} ${baseline.toFixed(1)}h${w.toFixed(1)}v${(-h).toFixed(1)}h${(-w).toFixed(1)}z`,
    )
  }
  return parts.join('')
}

/** The lane record (index into the lane) nearest to time `t` within `tolerance` ms, or -1. */
export function nearestInLane(lane: Lane, t: number, tolerance: number): number {
  const i = lowerBound(lane.times, lane.count, t)
  let best = -1
  let bestD = tolerance
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= lane.count) continue
    const d = Math.abs(lane.times[j] - t)
    if (d <= bestD) {
      best = j
      bestD = d
    }
  }
  return best
}

/** Colours per source, distinct and readable on the light and on the dark panel. */
export const SOURCE_PALETTE = {
  light: ['#2563eb', '#d9480f', '#0f8a5f', '#9c36b5', '#c2255c', '#5c7cfa', '#b08800', '#0b7285', '#7048e8'],
  dark: ['#6ea8fe', '#ff922b', '#38d9a9', '#da77f2', '#f783ac', '#91a7ff', '#ffd43b', '#66d9e8', '#b197fc'],
} as const

/** The colour of each source: sources in order of first appearance take the palette's colours in turn. */
export function sourceColors(sources: readonly string[], scheme: 'light' | 'dark'): Map<string, string> {
  const palette = SOURCE_PALETTE[scheme]
  const colors = new Map<string, string>()
  for (const s of sources) if (!colors.has(s)) colors.set(s, palette[colors.size % palette.length])
  return colors
}
