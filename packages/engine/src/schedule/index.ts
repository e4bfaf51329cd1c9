export {
  type CivilDate,
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  localMs,
  weekdayOfDays,
} from './civil.ts'
export { Duration } from './duration.ts'
export {
  createOccurrenceSchedule,
  type OccurrenceOptions,
  type OccurrenceSchedule,
  type Step,
  stepApproxMs,
} from './occurrences.ts'
export { OffsetCache, offsetCacheFor } from './offset-cache.ts'
export { STRFTIME_DIRECTIVES, strftime } from './strftime.ts'
export {
  addDuration,
  type CalendarParts,
  calendarParts,
  calendarPartsInto,
  canonicalTimeZone,
  epochToLocal,
  epochToLocalMs,
  formatIso,
  isValidTimeZone,
  localMsToEpoch,
  localToEpoch,
  offsetAt,
} from './zone.ts'
export { ZonedTime } from './zoned-time.ts'
