/**
 * The expected intensity of a rate lane on the timeline (issue 17): the engine sends, once per run, the
 * cumulative expected count of each rate definition at its breakpoints; here it is cut into the view's
 * buckets (the same local bins the dense lanes are counted in) and drawn as a faint curve scaled like the
 * bars, so an author sees the shape they asked for against what was drawn.
 */
import type { IntensityCurve } from '@autosource/engine/worker'
import { BIN_MS, type BinUnit, binStartLocal, type ZoneClock } from './timeline-time.ts'

/** Buckets computed per view at most (a view is at most a few thousand pixels wide). */
const MAX_BUCKETS = 5000

/** The expected count before epoch ms `t` (0 before the window, the total after it), interpolated. */
export function cumulativeAt(curve: IntensityCurve, t: number): number {
  const { times, cumulative } = curve
  const n = times.length
  if (n === 0 || t <= times[0]) return 0
  if (t >= times[n - 1]) return cumulative[n - 1]
  let lo = 0
  let hi = n - 1
  // times[lo] <= t < times[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if (times[mid] <= t) lo = mid
    else hi = mid
  }
  const f = (t - times[lo]) / (times[hi] - times[lo])
  return cumulative[lo] + f * (cumulative[hi] - cumulative[lo])
}

/** The expected count in [from, to). */
export function expectedBetween(curve: IntensityCurve, from: number, to: number): number {
  return Math.max(0, cumulativeAt(curve, to) - cumulativeAt(curve, from))
}

/** Expected counts per bucket of one lane in a view: bucket edges (epoch ms) and expectations. */
export interface ExpectedBuckets {
  starts: number[]
  ends: number[]
  expected: number[]
  max: number
}

/**
 * The expected count of every local `unit` bucket overlapping [from, to), clipped to the curve's window
 * and to `until` (the preview's end when a run holds more events than its preview: nothing is drawn past
 * what the lane can show). Empty buckets are kept: the curve is where the rate says, drawn or not.
 */
export function expectedBuckets(
  curve: IntensityCurve,
  from: number,
  to: number,
  unit: BinUnit,
  clock: ZoneClock,
  until = Number.POSITIVE_INFINITY,
): ExpectedBuckets {
  const out: ExpectedBuckets = { starts: [], ends: [], expected: [], max: 0 }
  const n = curve.times.length
  if (n < 2) return out
  const lo = Math.max(from, curve.times[0])
  const hi = Math.min(to, curve.times[n - 1], until)
  let local = binStartLocal(clock.toLocal(lo), unit)
  while (out.starts.length < MAX_BUCKETS) {
    const start = clock.fromLocal(local)
    if (start >= hi) break
    // the next local bucket (a local day may be 23 or 25 hours; a week starts on Monday)
    const nextLocal = binStartLocal(local + BIN_MS[unit] + BIN_MS[unit] / 2, unit)
    const end = clock.fromLocal(nextLocal)
    const a = Math.max(start, lo)
    const b = Math.min(end, hi)
    const e = expectedBetween(curve, a, b)
    out.starts.push(start)
    out.ends.push(end)
    out.expected.push(e)
    if (e > out.max) out.max = e
    if (end <= start) break
    local = nextLocal
  }
  return out
}

/**
 * An SVG path through the middle of each bucket at the height of its expectation, rising from
 * `baseline` by `height` per `scale` events (the bars' largest count, so curve and bars read alike),
 * never above `baseline - height` (a peak taller than every bar is cut at the lane's top). `closed`
 * returns the area under the curve instead of the line.
 */
export function intensityPath(
  buckets: ExpectedBuckets,
  x: (t: number) => number,
  baseline: number,
  height: number,
  scale: number,
  closed = false,
): string {
  const count = buckets.starts.length
  if (count === 0) return ''
  const y = (e: number) => baseline - Math.min(height, (e / Math.max(scale, 1e-9)) * height)
  const parts: string[] = []
  for (let i = 0; i < count; i++) {
    const mid = x((buckets.starts[i] + buckets.ends[i]) / 2)
    parts.push(`${i === 0 ? 'M' : 'L'}${mid.toFixed(1)} ${y(buckets.expected[i]).toFixed(1)}`)
  }
  if (!closed) return parts.join('')
  const first = x((buckets.starts[0] + buckets.ends[0]) / 2)
  const last = x((buckets.starts[count - 1] + buckets.ends[count - 1]) / 2)
  return `M${first.toFixed(1)} ${baseline.toFixed(1)}${parts.join('').replace(/^M/, 'L')}L${last.toFixed(1)} ${baseline.toFixed(1)}Z`
}

/** A bucket's tooltip line: `expected 41.7, drawn 39`. */
export function expectedLine(expected: number, drawn: number): string {
  const e = expected >= 100 ? Math.round(expected).toLocaleString('en-US') : expected.toFixed(1)
  return `expected ${e}, drawn ${drawn.toLocaleString('en-US')}`
}
