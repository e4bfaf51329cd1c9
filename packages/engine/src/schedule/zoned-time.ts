import type { Duration } from './duration.ts'
import { strftime } from './strftime.ts'
import { addDuration, formatIso } from './zone.ts'

/**
 * An instant seen in the story's zone: the value of `timestamp` in expressions. Arithmetic
 * uses `ms` (valueOf), output uses the zone: JSON and templates print the ISO form with
 * the zone's offset, exactly as the event envelope's `timestamp`.
 */
export class ZonedTime {
  constructor(
    readonly ms: number,
    readonly tz: string,
  ) {}

  /** ISO 8601 with the zone's offset, e.g. `2025-01-01T09:00:00.000-05:00`. */
  toISOString(): string {
    return formatIso(this.ms, this.tz)
  }

  /** JSON output is the ISO string. */
  toJSON(): string {
    return formatIso(this.ms, this.tz)
  }

  /** Template output is the ISO string. */
  toString(): string {
    return formatIso(this.ms, this.tz)
  }

  /** Epoch milliseconds, so comparisons and subtraction work on instants. */
  valueOf(): number {
    return this.ms
  }

  /** This time plus a duration (days on the local calendar, the rest in absolute time). */
  add(d: Duration): ZonedTime {
    return new ZonedTime(addDuration(this.ms, d, this.tz), this.tz)
  }

  /** Formats with a strftime pattern or `iso` / `unix` / `unix_ms` (see `strftime`). */
  format(pattern: string): string {
    return strftime(this.ms, this.tz, pattern)
  }
}
