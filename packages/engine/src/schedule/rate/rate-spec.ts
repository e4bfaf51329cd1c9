import type { DocPath } from '../../diagnostics/diagnostic.ts'
import type { Span } from '../../diagnostics/span.ts'
import type { LocalDateTime } from '../../runtime/time-types.ts'
import type { Duration } from '../duration.ts'

/** The units a rate or a growth may be given per. */
export const RATE_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const
/** One of RATE_UNITS. */
export type RateUnit = (typeof RATE_UNITS)[number]

/** Length of each unit in ms; a month is the mean Gregorian month (365.2425 / 12 days). */
export const UNIT_MS: Readonly<Record<RateUnit, number>> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_629_746_000,
}

/** Where a value was written, for diagnostics found after parsing (story-level checks). */
export interface RateSite {
  file: string
  span: Span
  path: DocPath
}

/** One `bursts:` window as written: the rate is multiplied by `x` from `at` for `for`. */
export interface BurstSpec {
  at: LocalDateTime
  for: Duration
  x: number
  site: RateSite
}

/** A parsed `rate:` with its rhythm: everything but the story's zone and window. */
export interface RateSpec {
  /** Mean occurrences per ms before the patterns, growth and bursts. */
  perMs: number
  /** The `rate:` text, e.g. `240/day`. */
  text: string
  /** 24 multipliers, hour 0 first, mean 1. */
  hours: readonly number[]
  /** 7 multipliers, Monday first, mean 1. */
  weekdays: readonly number[]
  /** 12 multipliers, January first, mean 1. */
  months: readonly number[]
  /** Natural-log growth per ms: the intensity is multiplied by exp(growthPerMs * (t - start)). */
  growthPerMs: number
  bursts: readonly BurstSpec[]
  /** Inclusive end (a date is 23:59:59.999 of that day); else the story's `end_date`. */
  until?: LocalDateTime
  untilSite?: RateSite
  /** The `rate:` key, where "no end" and "too many events" are reported. */
  site: RateSite
}
