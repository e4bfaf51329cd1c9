/**
 * Time zones for the schedule and the output, in plain epoch milliseconds. Every function
 * takes the IANA zone explicitly; nothing here reads the machine's zone or the wall clock.
 *
 * The one rule for local times that the zone skips or repeats (used by `localToEpoch`,
 * `addDuration` with days, and every daily/weekly/monthly schedule):
 * - a local time inside a spring-forward gap moves forward by the gap's length
 *   (New York 2025-03-09 02:30 becomes 03:30 EDT);
 * - a local time that occurs twice at a fall-back is the earlier instant
 *   (New York 2025-11-02 01:30 is 01:30 EDT, not EST).
 * This is Temporal's `disambiguation: 'compatible'` (and what RFC 5545 calendars do).
 */
import { Temporal } from 'temporal-polyfill'
import type { LocalDateTime } from '../runtime/time-types.ts'
import { DAY_MS, localMs } from './civil.ts'
import type { Duration } from './duration.ts'
import { offsetCacheFor } from './offset-cache.ts'

export { type CalendarParts, calendarParts, calendarPartsInto, epochToLocal } from './calendar-parts.ts'
export { strftime } from './strftime.ts'

const validity = new Map<string, boolean>()

/** True when Temporal knows `tz`: an IANA name (any letter case, e.g. `America/New_York`, `UTC`) or a fixed offset like `+05:30`. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false
  let ok = validity.get(tz)
  if (ok === undefined) {
    try {
      new Temporal.ZonedDateTime(0n, tz)
      ok = true
    } catch {
      ok = false
    }
    if (validity.size >= 1024) validity.clear()
    validity.set(tz, ok)
  }
  return ok
}

/** The zone's canonical id (`america/new_york` gives `America/New_York`). Throws for an unknown zone. */
export function canonicalTimeZone(tz: string): string {
  return offsetCacheFor(tz).zoneId
}

/** UTC offset in ms at instant `ms` in `tz` (local = ms + offset). */
export function offsetAt(ms: number, tz: string): number {
  return offsetCacheFor(tz).offsetAt(ms)
}

/** The instant of a local date-time in `tz`; gaps move forward, repeated times take the earlier instant (see the file comment). */
export function localToEpoch(local: LocalDateTime, tz: string): number {
  return offsetCacheFor(tz).epochOfLocal(localMs(local))
}

/** The instant of local milliseconds (a local date-time counted as if it were UTC) in `tz`, same rule as `localToEpoch`. */
export function localMsToEpoch(local: number, tz: string): number {
  return offsetCacheFor(tz).epochOfLocal(local)
}

/** Local milliseconds (a local date-time counted as if it were UTC) of instant `ms` in `tz`. */
export function epochToLocalMs(ms: number, tz: string): number {
  return ms + offsetCacheFor(tz).offsetAt(ms)
}

/**
 * `ms` plus a duration: the days move on the local calendar keeping the wall-clock time
 * (so one day across a DST change is 23 or 25 hours, and a landing in a gap or an overlap
 * follows the file's rule), then the rest is added in absolute time.
 */
export function addDuration(ms: number, d: Duration, tz: string): number {
  if (d.days !== 0) {
    const c = offsetCacheFor(tz)
    ms = c.epochOfLocal(ms + c.offsetAt(ms) + d.days * DAY_MS)
  }
  return ms + d.ms
}

/** ISO 8601 with the zone's offset, e.g. `2025-01-01T00:00:00.000-05:00` (`+00:00` for UTC). Fast for time-ordered calls. */
export function formatIso(ms: number, tz: string): string {
  return offsetCacheFor(tz).formatIso(ms)
}

/** Largest |epoch ms| the schedule works with: beyond it Temporal has no instants (about 270,000 years). */
export const TIME_LIMIT_MS = 8.64e15 - 2 * DAY_MS

/** True when a duration's parts are finite numbers (no NaN, no Infinity). */
export function isFiniteDuration(d: Duration): boolean {
  return Number.isFinite(d.days) && Number.isFinite(d.ms)
}

/**
 * `addDuration` that never throws: NaN when the duration is not finite or the result falls
 * outside the representable range (a delay of 1e15 days), for the caller to report.
 */
export function addDurationInRange(ms: number, d: Duration, tz: string): number {
  if (!isFiniteDuration(d) || !(Math.abs(ms + d.days * DAY_MS + d.ms) <= TIME_LIMIT_MS)) return Number.NaN
  return addDuration(ms, d, tz)
}
