import type { LocalDateTime } from '../runtime/time-types.ts'
import { daysInMonth } from '../schedule/civil.ts'

/** Days in a month of the proleptic Gregorian calendar (the schedule's own rule). */
export { daysInMonth }

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/

/**
 * Parses `2025-01-01` or a local date-time `2025-01-01T09:00[:30[.250]]` (no zone: the story's
 * `timezone` gives it meaning). Returns undefined when the text is not such a date or names a
 * day that does not exist (`2025-02-30`). `endOfDay` fills a bare date with 23:59:59.999.
 */
export function parseLocalDate(text: string, endOfDay = false): LocalDateTime | undefined {
  const m = DATE_RE.exec(text.trim())
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  const hasTime = m[4] !== undefined
  const hour = hasTime ? Number(m[4]) : endOfDay ? 23 : 0
  const minute = hasTime ? Number(m[5]) : endOfDay ? 59 : 0
  const second = m[6] !== undefined ? Number(m[6]) : !hasTime && endOfDay ? 59 : 0
  const millisecond = m[7] !== undefined ? Number(m[7].padEnd(3, '0')) : !hasTime && endOfDay ? 999 : 0
  if (hour > 23 || minute > 59 || second > 59) return undefined
  return { year, month, day, hour, minute, second, millisecond }
}

/** Orders two local date-times (negative when a is earlier). */
export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    a.day - b.day ||
    a.hour - b.hour ||
    a.minute - b.minute ||
    a.second - b.second ||
    a.millisecond - b.millisecond
  )
}
