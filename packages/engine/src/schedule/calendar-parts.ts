import type { LocalDateTime } from '../runtime/time-types.ts'
import { civilFromDays, DAY_MS, daysFromCivil, weekdayOfDays } from './civil.ts'
import { offsetCacheFor } from './offset-cache.ts'

/** Calendar fields of an instant in a zone; weekday 0 = Monday; offsetMinutes east of UTC. */
export interface CalendarParts extends LocalDateTime {
  /** 0 = Monday ... 6 = Sunday. */
  weekday: number
  /** Day of the year, 1-366. */
  dayOfYear: number
  /** UTC offset in minutes (may be fractional for historical sub-minute offsets). */
  offsetMinutes: number
}

/** Fills `out` with the calendar fields of instant `ms` in `tz` (no allocation; for hot loops) and returns it. */
export function calendarPartsInto(ms: number, tz: string, out: CalendarParts): CalendarParts {
  const off = offsetCacheFor(tz).offsetAt(ms)
  const local = Math.floor(ms) + off
  const days = Math.floor(local / DAY_MS)
  civilFromDays(days, out)
  let r = local - days * DAY_MS
  out.hour = Math.floor(r / 3_600_000)
  r -= out.hour * 3_600_000
  out.minute = Math.floor(r / 60_000)
  r -= out.minute * 60_000
  out.second = Math.floor(r / 1000)
  out.millisecond = r - out.second * 1000
  out.weekday = weekdayOfDays(days)
  out.dayOfYear = days - daysFromCivil(out.year, 1, 1) + 1
  out.offsetMinutes = off / 60_000
  return out
}

/** Calendar fields of instant `ms` in `tz`: year, month (1-12), day, hour, minute, second, millisecond, weekday (0 = Monday), offsetMinutes. */
export function calendarParts(ms: number, tz: string): CalendarParts {
  return calendarPartsInto(ms, tz, emptyCalendarParts())
}

/** A zeroed CalendarParts, to fill again and again with calendarPartsInto (no allocation per call). */
export function emptyCalendarParts(): CalendarParts {
  return {
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    weekday: 0,
    dayOfYear: 0,
    offsetMinutes: 0,
  }
}

/** The local date-time of instant `ms` in `tz`. */
export function epochToLocal(ms: number, tz: string): LocalDateTime {
  const p = calendarParts(ms, tz)
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    millisecond: p.millisecond,
  }
}
