import { Temporal } from 'temporal-polyfill'
import { type CivilDate, civilFromDays, DAY_MS, isoYear, PAD2, PAD3 } from './civil.ts'

/** One stretch of time in which a zone's UTC offset is constant: [lo, hi) in epoch ms. */
interface OffsetRange {
  lo: number
  hi: number
  offsetMs: number
  /** The offset as ISO 8601 writes it: `+00:00`, `-05:00`, `+05:30` (`-00:44:30` for sub-minute offsets). */
  suffix: string
}

// Temporal's instant range is +-8.64e15 ms; asking about times beyond it throws, so the slow
// path asks about the nearest representable time and treats the offset as constant past it.
/** ".000"..".999": the milliseconds with their dot. */
const DOT3: readonly string[] = PAD3.map((s) => `.${s}`)

/** "00:00:".."23:59:" by minute of the day. */
const HOUR_MINUTE: readonly string[] = Array.from(
  { length: 1440 },
  (_, m) => `${PAD2[Math.floor(m / 60)]}:${PAD2[m % 60]}:`,
)

const MAX_QUERY = 8.64e15 - 2 * DAY_MS

/** Formats an offset in ms as `+hh:mm` (or `+hh:mm:ss` when it has seconds, e.g. Monrovia before 1972). */
function offsetSuffix(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+'
  let rest = Math.round(Math.abs(offsetMs) / 1000)
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const m = Math.floor(rest / 60)
  const s = rest - m * 60
  return `${sign}${PAD2[h]}:${PAD2[m]}${s ? `:${PAD2[s]}` : ''}`
}

/**
 * Everything fast about one time zone. It keeps the offset ranges it has learned (each
 * from one Temporal call plus two transition look-ups), and a "current" range checked
 * first, so a time-ordered stream of instants costs two comparisons per offset look-up and
 * never calls Temporal between transitions. Formatting writes digits by hand from
 * lookup tables and reuses the `YYYY-MM-DDT` prefix while the local day stays the same.
 */
export class OffsetCache {
  /** The zone's canonical id as Temporal names it (`america/new_york` becomes `America/New_York`). */
  readonly zoneId: string
  /** Current range, start (inclusive epoch ms). */
  lo = 0
  /** Current range, end (exclusive epoch ms); lo > hi means "nothing loaded yet". */
  hi = -1
  /** Offset of the current range, ms to add to an instant to get local ms. */
  offsetMs = 0
  /** ISO suffix of the current range. */
  suffix = '+00:00'
  private readonly ranges: OffsetRange[] = []
  private day = Number.NaN
  private dayPrefix = ''
  private minute = Number.NaN
  private minutePrefix = ''
  private lastMs = Number.NaN
  private lastIso = ''
  private readonly civil: CivilDate = { year: 0, month: 0, day: 0 }

  /** Throws a RangeError for a zone Temporal does not know; check with `isValidTimeZone` first. */
  constructor(tz: string) {
    this.zoneId = new Temporal.ZonedDateTime(0n, tz).timeZoneId
  }

  /** UTC offset in ms at the instant `ms` (local ms = ms + offset). */
  offsetAt(ms: number): number {
    if (ms >= this.lo && ms < this.hi) return this.offsetMs
    this.seek(ms)
    return this.offsetMs
  }

  /** Makes the range holding `ms` current (binary search of known ranges, else one Temporal look-up). */
  seek(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`Not a finite time: ${ms}`)
    const rs = this.ranges
    let a = 0
    let b = rs.length
    while (a < b) {
      const mid = (a + b) >> 1
      if (rs[mid].hi <= ms) a = mid + 1
      else b = mid
    }
    let r = rs[a]
    if (r === undefined || !(r.lo <= ms)) {
      const before = rs[a - 1]
      // Walking forward in time (the usual case) the next range starts where the known
      // one ends, so only the 'next' transition is needed: one Temporal look-up fewer.
      r = before !== undefined && ms - before.hi < 400 * DAY_MS ? this.loadFrom(before.hi) : this.load(ms)
      rs.splice(a, 0, r)
      if (!(r.lo <= ms && ms < r.hi)) {
        this.seek(ms)
        return
      }
    }
    this.lo = r.lo
    this.hi = r.hi
    this.offsetMs = r.offsetMs
    this.suffix = r.suffix
  }

  /** The range that starts at transition `t` (a known range's end). */
  private loadFrom(t: number): OffsetRange {
    const zdt = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(this.zoneId)
    const offsetMs = zdt.offsetNanoseconds / 1e6
    const next = t >= MAX_QUERY ? null : zdt.getTimeZoneTransition('next')
    return {
      lo: t,
      hi: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
      offsetMs,
      suffix: offsetSuffix(offsetMs),
    }
  }

  private load(ms: number): OffsetRange {
    const q = Math.min(MAX_QUERY, Math.max(-MAX_QUERY, Math.floor(ms)))
    const zdt = Temporal.Instant.fromEpochMilliseconds(q).toZonedDateTimeISO(this.zoneId)
    const offsetMs = zdt.offsetNanoseconds / 1e6
    const next = q === MAX_QUERY ? null : zdt.getTimeZoneTransition('next')
    // 'previous' is strictly before its argument, so ask from q + 1 ms to include a transition at q.
    const prev =
      q === -MAX_QUERY
        ? null
        : Temporal.Instant.fromEpochMilliseconds(q + 1)
            .toZonedDateTimeISO(this.zoneId)
            .getTimeZoneTransition('previous')
    return {
      lo: prev ? prev.epochMilliseconds : Number.NEGATIVE_INFINITY,
      hi: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
      offsetMs,
      suffix: offsetSuffix(offsetMs),
    }
  }

  /**
   * The instant of local ms `local`. A local time in a spring-forward gap moves forward by
   * the gap's length; one that occurs twice (fall-back) is the earlier instant. This is
   * Temporal's `disambiguation: 'compatible'`, and the slow path simply asks Temporal.
   */
  epochOfLocal(local: number): number {
    // Any instant for `local` is within about +-14 h of it, so if one offset range covers
    // local +- 1 day there is exactly one instant and no transition to think about.
    const before = local - DAY_MS
    if (!(before >= this.lo && before < this.hi)) this.seek(before)
    if (local + DAY_MS < this.hi) return local - this.offsetMs
    // One transition T between local - 1 day and local + 1 day (all there is in practice):
    // try the offsets before (oA) and after (oB) it, as Temporal does.
    const oA = this.offsetMs
    const t = this.hi
    const after = local + DAY_MS
    if (!(after >= this.lo && after < this.hi)) this.seek(after)
    if (this.lo === t) {
      const oB = this.offsetMs
      const eA = local - oA
      const eB = local - oB
      const validA = eA < t
      const validB = eB >= t
      if (validA && validB) return Math.min(eA, eB) // occurs twice: the earlier instant
      if (validA) return eA
      if (validB) return eB
      return eA // in the gap: the offset from before it, which moves the time forward by the gap
    }
    return this.epochOfLocalSlow(local)
  }

  /** Two or more transitions within two days (rare historical zones): ask Temporal. */
  private epochOfLocalSlow(local: number): number {
    const whole = Math.floor(local)
    const days = Math.floor(whole / DAY_MS)
    let rest = whole - days * DAY_MS
    const c = civilFromDays(days, this.civil)
    const h = Math.floor(rest / 3_600_000)
    rest -= h * 3_600_000
    const m = Math.floor(rest / 60_000)
    rest -= m * 60_000
    const s = Math.floor(rest / 1000)
    rest -= s * 1000
    const pdt = new Temporal.PlainDateTime(c.year, c.month, c.day, h, m, s, rest)
    return (
      pdt.toZonedDateTime(this.zoneId, { disambiguation: 'compatible' }).epochMilliseconds + (local - whole)
    )
  }

  /** ISO 8601 with this zone's offset, e.g. `2025-01-01T00:00:00.000-05:00`. Fractions of a ms are dropped. */
  formatIso(ms: number): string {
    // Events at the same instant (a funnel step and its trigger, several definitions on one
    // schedule) are common: the same instant gets the very same string.
    if (ms === this.lastMs) return this.lastIso
    if (!(ms >= this.lo && ms < this.hi)) this.seek(ms)
    const local = Math.floor(ms) + this.offsetMs
    // Time-ordered events share minutes and days: reuse "YYYY-MM-DDTHH:MM:" while the local
    // minute stays the same, so a typical call is three concatenations.
    const minute = Math.floor(local / 60_000)
    if (minute !== this.minute) this.setMinute(minute)
    const r = local - minute * 60_000
    const s = (r / 1000) | 0
    const iso = this.minutePrefix + PAD2[s] + DOT3[r - s * 1000] + this.suffix
    this.lastMs = ms
    this.lastIso = iso
    return iso
  }

  private setMinute(minute: number): void {
    this.minute = minute
    const day = Math.floor(minute / 1440)
    if (day !== this.day) {
      const c = civilFromDays(day, this.civil)
      this.day = day
      this.dayPrefix = `${isoYear(c.year)}-${PAD2[c.month]}-${PAD2[c.day]}T`
    }
    this.minutePrefix = this.dayPrefix + HOUR_MINUTE[minute - day * 1440]
  }
}

const caches = new Map<string, OffsetCache>()
let lastTz = ''
let lastCache: OffsetCache | undefined

/** The shared cache for `tz` (created on first use). Throws a RangeError for an unknown zone. */
export function offsetCacheFor(tz: string): OffsetCache {
  if (tz === lastTz && lastCache) return lastCache
  let c = caches.get(tz)
  if (!c) {
    c = new OffsetCache(tz)
    // Only valid zones get here, but offset ids like "+05:31" are unbounded: keep the map small.
    if (caches.size >= 1024) caches.clear()
    caches.set(tz, c)
  }
  lastTz = tz
  lastCache = c
  return c
}
