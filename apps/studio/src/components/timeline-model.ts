/**
 * What the timeline draws for one view (time range and width): per lane, the records in view and, past
 * a few thousand marks, binned counts at a unit chosen from the zoom; plus the view arithmetic (fit,
 * zoom around a point, pan) shared by the wheel, the drag and the buttons.
 */
import { type Bins, binLane, type LaneIndex, rangeOf } from './timeline-lanes.ts'
import { type BinUnit, chooseBinUnit, type ZoneClock } from './timeline-time.ts'

/** Marks in view above which dense lanes switch to binned counts. */
export const MARK_LIMIT = 3000
/** A lane with at most this many marks in view keeps its marks even when others are binned. */
export const SPARSE_LANE = 300
/** The narrowest view (ms): zooming in further shows nothing new. */
export const MIN_SPAN_MS = 10_000

/** A time range, epoch ms. */
export interface View {
  from: number
  to: number
}

/** One lane as drawn in the current view. */
export interface LaneView {
  def: number
  /** Records of the whole lane (in the window). */
  total: number
  /** The lane's index range [lo, hi) in view. */
  lo: number
  hi: number
  /** Binned counts, when this lane is too dense for marks. */
  bins: Bins | null
}

/** Everything drawn for one view. */
export interface TimelineModel {
  view: View
  rows: LaneView[]
  /** Records in view, all lanes. */
  inView: number
  /** The bin unit used by binned lanes, if any lane is binned. */
  unit: BinUnit | null
}

/** The lanes of `defs` in `view`, `plotWidth` pixels wide. */
export function timelineModel(
  index: LaneIndex | null,
  defs: readonly number[],
  view: View,
  plotWidth: number,
  clock: ZoneClock,
): TimelineModel {
  const rows: LaneView[] = defs.map((def) => {
    const lane = index?.lanes[def]
    if (!lane) return { def, total: 0, lo: 0, hi: 0, bins: null }
    const [lo, hi] = rangeOf(lane, view.from, view.to)
    return { def, total: lane.count, lo, hi, bins: null }
  })
  const inView = rows.reduce((n, r) => n + r.hi - r.lo, 0)
  let unit: BinUnit | null = null
  if (inView > MARK_LIMIT && plotWidth > 0) {
    const candidate = chooseBinUnit((view.to - view.from) / plotWidth)
    for (const row of rows) {
      if (row.hi - row.lo <= SPARSE_LANE) continue
      row.bins = binLane(index!.lanes[row.def], row.lo, row.hi, candidate, clock)
      unit = candidate
    }
  }
  return { view, rows, inView, unit }
}

/** The view that shows every record: the extent with a margin (an hour either side of a single instant). */
export function fitView(extent: [number, number] | null): View | null {
  if (!extent) return null
  const [a, b] = extent
  const pad = b > a ? (b - a) * 0.02 : 3_600_000
  return { from: a - pad, to: b + pad }
}

/** Zooms by `factor` (< 1 zooms in) keeping time `anchor` at the same place; never narrower than MIN_SPAN_MS. */
export function zoomView(view: View, factor: number, anchor: number): View {
  const span = view.to - view.from
  const next = Math.max(MIN_SPAN_MS, span * factor)
  const ratio = span > 0 ? (anchor - view.from) / span : 0.5
  const from = anchor - ratio * next
  return { from, to: from + next }
}

/** Shifts the view by `ms`. */
export function panView(view: View, ms: number): View {
  return { from: view.from + ms, to: view.to + ms }
}

/** The view, moved (same width) so that every time in `times` is inside it when they fit, else widened. */
export function viewIncluding(view: View, times: readonly number[]): View {
  if (times.length === 0) return view
  const lo = Math.min(...times)
  const hi = Math.max(...times)
  if (lo >= view.from && hi <= view.to) return view
  const span = view.to - view.from
  if (hi - lo <= span * 0.9) {
    const mid = (lo + hi) / 2
    return { from: mid - span / 2, to: mid + span / 2 }
  }
  const pad = (hi - lo) * 0.1 || span / 2
  return { from: lo - pad, to: hi + pad }
}
