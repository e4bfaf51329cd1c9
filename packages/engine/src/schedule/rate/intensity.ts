import type { LocalDateTime } from '../../runtime/time-types.ts'
import { type CivilDate, civilFromDays, DAY_MS, localMs, weekdayOfDays } from '../civil.ts'
import { type OffsetCache, offsetCacheFor } from '../offset-cache.ts'
import type { RateSpec } from './rate-spec.ts'

const HOUR_MS = 3_600_000

/** A RateSpec placed in a story: its zone and its window [startMs, endMs) in epoch ms. */
export interface RateProgram {
  spec: RateSpec
  zone: OffsetCache
  startMs: number
  /** Exclusive end: one ms after the inclusive `until`/`end_date`. */
  endMs: number
  /** Burst windows in epoch ms: [from, to) times x. */
  bursts: { from: number; to: number; x: number }[]
}

/** Places a rate in the story's zone and window; the end is `until`, else `end` (both inclusive local times). */
export function resolveRate(
  spec: RateSpec,
  start: LocalDateTime,
  end: LocalDateTime | undefined,
  timezone: string,
): RateProgram {
  const zone = offsetCacheFor(timezone)
  const last = spec.until ?? end
  const startMs = zone.epochOfLocal(localMs(start))
  let endMs = last ? zone.epochOfLocal(localMs(last)) + 1 : startMs
  if (end && spec.until) endMs = Math.min(endMs, zone.epochOfLocal(localMs(end)) + 1)
  const bursts = spec.bursts.map((b) => {
    const fromLocal = localMs(b.at)
    const from = zone.epochOfLocal(fromLocal)
    // days move on the local calendar (a 1-day burst over a DST change is 23 or 25 hours)
    const to = zone.epochOfLocal(fromLocal + b.for.days * DAY_MS) + b.for.ms
    return { from, to, x: b.x }
  })
  return { spec, zone, startMs, endMs: Math.max(startMs, endMs), bursts }
}

/** A stretch of time in which the intensity, growth aside, is constant. */
export interface Piece {
  /** Exclusive end, epoch ms (an integer: a local hour, an offset change, a burst edge or the window's end). */
  end: number
  /** Occurrences per ms at the story start's growth level. */
  level: number
}

/**
 * Fills `out` with the piece holding instant `t`: the local hour (from the zone's own
 * offsets, so a DST day has 23 or 25 of them), cut at offset changes, burst edges and the end.
 */
export function pieceAt(p: RateProgram, t: number, out: Piece, civil: CivilDate): Piece {
  const offset = p.zone.offsetAt(t)
  const local = Math.floor(t + offset)
  const day = Math.floor(local / DAY_MS)
  const inDay = local - day * DAY_MS
  const hour = Math.floor(inDay / HOUR_MS)
  let end = day * DAY_MS + (hour + 1) * HOUR_MS - offset
  if (p.zone.hi < end) end = p.zone.hi
  if (p.endMs < end) end = p.endMs
  let x = 1
  for (const b of p.bursts) {
    if (b.from <= t && t < b.to) {
      x *= b.x
      if (b.to < end) end = b.to
    } else if (b.from > t && b.from < end) end = b.from
  }
  civilFromDays(day, civil)
  const s = p.spec
  out.end = end
  out.level = s.perMs * s.hours[hour] * s.weekdays[weekdayOfDays(day)] * s.months[civil.month - 1] * x
  return out
}

/** Growth factor at instant t (1 at the story start). */
export function growthAt(p: RateProgram, t: number): number {
  return Math.exp(p.spec.growthPerMs * (t - p.startMs))
}

/** The expected count in [a, b) with level `level` and growth g(a) = `ga` (the integral of the intensity). */
export function pieceMass(k: number, level: number, ga: number, a: number, b: number): number {
  if (level === 0) return 0
  return k === 0 ? level * (b - a) : (level * ga * Math.expm1(k * (b - a))) / k
}

/**
 * The expected number of occurrences in [from, to) (default: the whole window): the exact
 * integral of rate x pattern x growth x bursts, one piece per local hour. Stops early once
 * the sum passes `stopAbove` (a limit check need not walk a long window to the end).
 */
export function expectedCount(
  p: RateProgram,
  from = p.startMs,
  to = p.endMs,
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  const piece: Piece = { end: 0, level: 0 }
  const civil: CivilDate = { year: 0, month: 0, day: 0 }
  const k = p.spec.growthPerMs
  let t = Math.max(from, p.startMs)
  const end = Math.min(to, p.endMs)
  let sum = 0
  while (t < end && sum <= stopAbove) {
    pieceAt(p, t, piece, civil)
    const b = Math.min(piece.end, end)
    sum += pieceMass(k, piece.level, k === 0 ? 1 : growthAt(p, t), t, b)
    t = b
  }
  return sum
}
