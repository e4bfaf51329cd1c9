import type { CivilDate } from '../schedule/civil.ts'
import {
  growthAt,
  type Piece,
  pieceAt,
  pieceMass,
  type RateProgram,
  resolveRate,
} from '../schedule/rate/intensity.ts'
import type { EventDef, Story } from '../story/types.ts'

/** Breakpoints kept per curve at most: a year of local hours fits; longer windows keep every n-th. */
export const MAX_CURVE_POINTS = 20_000

const HOUR_MS = 3_600_000

/**
 * The expected count of one definition over time, as the cumulative integral of its intensity at
 * breakpoints (local hours, offset changes, burst edges). Between two breakpoints the intensity is
 * constant apart from growth, so a straight line between them is the integral to within the growth
 * of one piece: the expected count of any bucket is `cumulative(b) - cumulative(a)`.
 */
export interface IntensityCurve {
  /** Index of the definition (the timeline lane) in `story.events`. */
  def: number
  /** What the curve follows, for the legend: `rate: 30/hour` or `user arrivals: 4/day`. */
  label: string
  /** Epoch ms of each breakpoint, ascending; the first is the window's start, the last its end. */
  times: number[]
  /** Expected occurrences in [times[0], times[i]). */
  cumulative: number[]
}

/**
 * The curves of a story's definitions whose expected count over time is known before a run: a
 * `rate:` definition, and an `on:` its actor's start state with no `delay` (an actor arrives
 * and enters its start state at once), each times its `probability`. A `when:` filter makes the
 * count unknowable, so such a definition has no curve (no number shown is a guess).
 */
export function intensityCurves(story: Story): IntensityCurve[] {
  const out: IntensityCurve[] = []
  for (const def of story.events) {
    if (!unfiltered(def)) continue
    const source = rateOf(story, def)
    if (!source) continue
    const program = resolveRate(source.spec, story.start, story.end, story.timezone)
    out.push({ def: def.index, label: source.label, ...cumulativeOf(program, def.probability) })
  }
  return out
}

/** True when every occurrence the schedule makes becomes an event (no `when:` filter). */
function unfiltered(def: EventDef): boolean {
  return def.when === undefined || (def.when.kind === 'literal' && def.when.value === true)
}

/** The rate a definition's occurrences follow, and how the legend names it. */
function rateOf(story: Story, def: EventDef): { spec: RateProgram['spec']; label: string } | undefined {
  if (def.rate) return { spec: def.rate, label: `rate: ${def.rate.text}` }
  if (!def.on || def.delay !== undefined || def.after !== undefined) return undefined
  const actor = story.actors?.find((a) => a.name === def.on!.actor)
  if (!actor?.arrivals || actor.start !== def.on.state) return undefined
  return { spec: actor.arrivals, label: `${actor.name} arrivals: ${actor.arrivals.text}` }
}

/** Walks the program's pieces once, summing their exact mass times `scale`. */
function cumulativeOf(p: RateProgram, scale: number): { times: number[]; cumulative: number[] } {
  const piece: Piece = { end: 0, level: 0 }
  const civil: CivilDate = { year: 0, month: 0, day: 0 }
  const k = p.spec.growthPerMs
  const estimate = Math.ceil((p.endMs - p.startMs) / HOUR_MS) + 2 * p.bursts.length + 2
  const stride = Math.max(1, Math.ceil(estimate / MAX_CURVE_POINTS))
  const times = [p.startMs]
  const cumulative = [0]
  let t = p.startMs
  let sum = 0
  let pieces = 0
  while (t < p.endMs) {
    pieceAt(p, t, piece, civil)
    const b = Math.min(piece.end, p.endMs)
    sum += scale * pieceMass(k, piece.level, k === 0 ? 1 : growthAt(p, t), t, b)
    t = b
    if (++pieces % stride === 0 || t >= p.endMs) {
      times.push(t)
      cumulative.push(sum)
    }
  }
  return { times, cumulative }
}
