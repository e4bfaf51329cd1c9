import type { Frequency, LocalDateTime } from '../runtime/time-types.ts'
import { type CivilDate, civilFromDays, DAY_MS, daysFromCivil, daysInMonth, localMs } from './civil.ts'
import { Duration } from './duration.ts'
import { type OffsetCache, offsetCacheFor } from './offset-cache.ts'

/** How an event definition repeats: a named frequency or an `every: duration(...)`. */
export type Step = Frequency | Duration

/** Options of `createOccurrenceSchedule`: one event definition without `after`. */
export interface OccurrenceOptions {
  /**
   * The story's `start_date` (a date is midnight), or an instant in epoch ms (an `after`
   * child's parent time + delay): then occurrence 0 is exactly that instant, also when
   * its local time occurs twice, and calendar steps keep its local wall-clock time.
   */
  start: LocalDateTime | number
  /** The story's IANA zone. */
  timezone: string
  /** Local calendar days after `start`. */
  offsetDays: number
  /** Number of occurrences (before `end` cuts the list short). */
  repeat: number
  step: Step
  /** Inclusive end, epoch ms: the first occurrence after it ends the schedule. */
  end?: number
  /** The `offset` of occurrence k (drawn by the caller when it is an expression); undefined means none. */
  offset?: (k: number) => Duration | undefined
  /** The jitter of occurrence k in ms, >= 0, already drawn by the caller. */
  jitter?: (k: number) => number
}

/** The occurrence times of one event definition, produced lazily in order. */
export interface OccurrenceSchedule {
  /** Epoch ms of the next occurrence, or undefined when `repeat` is used up or the next one is after `end`. */
  next(): number | undefined
  /** How many occurrences `next` has returned. */
  readonly count: number
  /**
   * How many occurrences would have been earlier than the one before them (a varying
   * offset or a jitter larger than the real step) and were moved to its time instead, so
   * the output never goes back in time. The caller may warn when this is not 0.
   */
  readonly clamped: number
  /** True when the schedule stopped because times ran past what Temporal can represent (`schedule/out-of-range`). */
  readonly outOfRange: boolean
  /** Occurrence number (k) of the time `next` returned last (skipped occurrences keep their numbers). */
  readonly lastIndex: number
  /** Occurrences skipped because their offset or jitter was NaN or Infinity (`schedule/not-finite`). */
  readonly notFinite: number
}

const CLOCK_MS: Record<string, number> = { minutely: 60_000, hourly: 3_600_000 }
const CALENDAR_DAYS: Record<string, number> = { daily: 1, weekly: 7 }

/** Nominal length of one step in ms (a day is 24 h, a month 28 days: the shortest), to clamp jitter against. */
export function stepApproxMs(step: Step): number {
  if (step instanceof Duration) return step.approxMs
  if (step === 'monthly') return 28 * DAY_MS
  return CLOCK_MS[step] ?? CALENDAR_DAYS[step] * DAY_MS
}

// Beyond this many local ms Temporal has no instants; a schedule that gets there just ends.
const LIMIT_MS = 8.64e15 - 2 * DAY_MS

// Step kinds: absolute time only, calendar days (plus optional absolute ms), months.
const CLOCK = 0
const DAYS = 1
const MONTHLY = 2

class Schedule implements OccurrenceSchedule {
  count = 0
  clamped = 0
  outOfRange = false
  notFinite = 0
  lastIndex = -1
  private k = 0
  /** Instant of the previous calendar occurrence before jitter (to drop days a zone skipped). */
  private lastBase = Number.NEGATIVE_INFINITY
  private last = Number.NEGATIVE_INFINITY
  private readonly zone: OffsetCache
  private readonly kind: number
  private readonly baseLocal: number
  /** Calendar days per step (Days kind). */
  private readonly stepDays: number
  /** Absolute ms per step (Clock part; also the clock part of an `every` with days). */
  private readonly stepMs: number
  /** Instant of the base local time (exact when `start` is an instant). */
  private readonly baseEpoch: number
  private readonly repeat: number
  private readonly end: number
  private readonly offset?: (k: number) => Duration | undefined
  private readonly jitter?: (k: number) => number
  private readonly baseDate: CivilDate = { year: 0, month: 0, day: 0 }
  private readonly baseTimeOfDay: number

  constructor(o: OccurrenceOptions) {
    this.zone = offsetCacheFor(o.timezone)
    const days = Math.trunc(o.offsetDays) * DAY_MS
    const startInstant = typeof o.start === 'number'
    this.baseLocal =
      (startInstant
        ? (o.start as number) + this.zone.offsetAt(o.start as number)
        : localMs(o.start as LocalDateTime)) + days
    this.repeat = Math.max(0, Math.floor(o.repeat))
    this.end = o.end ?? Number.POSITIVE_INFINITY
    this.offset = o.offset
    this.jitter = o.jitter
    const step = o.step
    if (step instanceof Duration) {
      // `every` without days is pure clock time: the fast path
      this.kind = step.days === 0 ? CLOCK : DAYS
      this.stepDays = step.days
      this.stepMs = step.ms
    } else if (step === 'monthly') {
      this.kind = MONTHLY
      this.stepDays = 0
      this.stepMs = 0
    } else if (step in CALENDAR_DAYS) {
      this.kind = DAYS
      this.stepDays = CALENDAR_DAYS[step]
      this.stepMs = 0
    } else {
      this.kind = CLOCK
      this.stepDays = 0
      this.stepMs = CLOCK_MS[step]
    }
    const baseDay = Math.floor(this.baseLocal / DAY_MS)
    civilFromDays(baseDay, this.baseDate)
    this.baseTimeOfDay = this.baseLocal - baseDay * DAY_MS
    this.baseEpoch =
      startInstant && days === 0
        ? (o.start as number)
        : Math.abs(this.baseLocal) <= LIMIT_MS
          ? this.zone.epochOfLocal(this.baseLocal)
          : Number.NaN
  }

  next(): number | undefined {
    for (;;) {
      const k = this.k
      if (k >= this.repeat) return undefined
      let t: number
      if (this.kind === CLOCK && this.offset === undefined) {
        // minutely/hourly: one multiplication and addition per occurrence
        t = this.baseEpoch + k * this.stepMs
      } else {
        // The local wall-clock anchor of occurrence k, computed from the base (never
        // cumulatively), so a DST day or a short month does not shift later occurrences.
        let local: number
        if (this.kind === MONTHLY) local = this.monthLocal(k)
        else local = this.baseLocal + k * this.stepDays * DAY_MS
        const off = this.offset?.(k)
        if (off !== undefined) {
          if (!Number.isFinite(off.days) || !Number.isFinite(off.ms)) {
            // NaN or Infinity: this occurrence has no time; skip it (counted), keep the others.
            this.skip(k)
            continue
          }
          local += off.days * DAY_MS + off.ms
        }
        if (!(Math.abs(local) <= LIMIT_MS)) {
          this.outOfRange = true
          return this.stop()
        }
        // the base itself keeps its exact instant (a start instant in a repeated hour stays put)
        t = (local === this.baseLocal ? this.baseEpoch : this.zone.epochOfLocal(local)) + k * this.stepMs
        if (this.offset === undefined) {
          // A calendar day the zone skipped (Pacific/Apia, 2011-12-30) maps onto the next day's
          // instant: that occurrence does not exist, so the times stay strictly increasing.
          if (t <= this.lastBase) {
            this.k = k + 1
            continue
          }
          this.lastBase = t
        }
      }
      if (this.jitter !== undefined) {
        const j = this.jitter(k)
        if (!Number.isFinite(j)) {
          this.skip(k)
          continue
        }
        t += j
      }
      if (!(Math.abs(t) <= LIMIT_MS)) {
        this.outOfRange = true
        return this.stop()
      }
      if (t < this.last) {
        t = this.last
        this.clamped++
      }
      if (!(t <= this.end)) return this.stop()
      this.last = t
      this.k = k + 1
      this.lastIndex = k
      this.count++
      return t
    }
  }

  private skip(k: number): void {
    this.notFinite++
    this.k = k + 1
  }

  private stop(): undefined {
    this.k = this.repeat
    return undefined
  }

  /** Local ms of the base moved k months, its day clamped to the month's last day (Jan 31 -> Feb 28 -> Mar 31). */
  private monthLocal(k: number): number {
    const b = this.baseDate
    const m0 = b.month - 1 + k
    const year = b.year + Math.floor(m0 / 12)
    const month = m0 - Math.floor(m0 / 12) * 12 + 1
    const day = Math.min(b.day, daysInMonth(year, month))
    return daysFromCivil(year, month, day) * DAY_MS + this.baseTimeOfDay
  }
}

/**
 * The occurrence times of one event definition that has no `after`, as epoch ms, in
 * order. Occurrence k starts from the local wall-clock time `start + offsetDays`:
 * - daily/weekly/monthly (and an `every` of whole days) step k units on the local
 *   calendar and keep the wall-clock time across DST; monthly clamps to the month's end;
 * - hourly/minutely (and the hours/minutes/seconds of an `every`) step in absolute time;
 * - `offset(k)` moves the local wall-clock anchor (days on the calendar, the rest on the
 *   clock: `offset: 9h` is 09:00 local also on a DST day), then `jitter(k)` ms are added.
 * Local times that do not exist or occur twice follow `localToEpoch`'s rule. The first
 * occurrence after `end` ends the schedule, so a huge `repeat` with an end date is cheap.
 * Output never decreases (see `clamped`).
 */
export function createOccurrenceSchedule(opts: OccurrenceOptions): OccurrenceSchedule {
  return new Schedule(opts)
}
