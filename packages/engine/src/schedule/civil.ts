import type { LocalDateTime } from '../runtime/time-types.ts'
/**
 * Proleptic Gregorian calendar arithmetic on plain numbers. The schedule works on "local
 * milliseconds": a local date-time counted as if it were UTC, so a local calendar day is
 * always exactly 86 400 000 of them and no time zone (least of all the machine's) is involved.
 */

/** Milliseconds in one calendar day of local time. */
export const DAY_MS = 86_400_000

/** Days since 1970-01-01 of the date `year-month-day` (month 1-12; a day past the month's end rolls over). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic, no Date, no loops.
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = month > 2 ? month - 3 : month + 9
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** A calendar date; `civilFromDays` fills one in place so hot loops allocate nothing. */
export interface CivilDate {
  year: number
  month: number
  day: number
}

/** Writes the date of `days` since 1970-01-01 into `out` and returns it. */
export function civilFromDays(days: number, out: CivilDate): CivilDate {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const month = mp < 10 ? mp + 3 : mp - 9
  out.day = doy - Math.floor((153 * mp + 2) / 5) + 1
  out.month = month
  out.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return out
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]
}

/** Day of the week of a day number, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDays(days: number): number {
  return (((days + 3) % 7) + 7) % 7
}

/** Local milliseconds of a local date-time. */
export function localMs(l: LocalDateTime): number {
  return (
    daysFromCivil(l.year, l.month, l.day) * DAY_MS +
    l.hour * 3_600_000 +
    l.minute * 60_000 +
    l.second * 1000 +
    l.millisecond
  )
}

/** Two-digit zero-padded strings "00".."99", so formatting never calls padStart per field. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i)
/** Three-digit zero-padded strings "000".."999". */
export const PAD3: readonly string[] = Array.from(
  { length: 1000 },
  (_, i) => PAD2[Math.floor(i / 10)] + (i % 10),
)

/** The ISO 8601 year: four digits for 0000-9999, else a sign and six digits (as Temporal writes it). */
export function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return PAD2[Math.floor(year / 100)] + PAD2[year % 100]
  const a = Math.abs(year)
  return (year < 0 ? '-' : '+') + String(a).padStart(6, '0')
}
