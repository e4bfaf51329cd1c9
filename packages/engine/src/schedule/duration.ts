/**
 * A duration as the story wrote it. Days are calendar days in the story's zone (so one
 * day across a DST change is 23 or 25 hours); the rest is absolute time.
 */
export class Duration {
  constructor(
    readonly days: number,
    readonly ms: number,
  ) {}

  /** Builds a duration from `duration(days=, hours=, minutes=, seconds=, milliseconds=)` parts. */
  static of(parts: {
    weeks?: number
    days?: number
    hours?: number
    minutes?: number
    seconds?: number
    milliseconds?: number
  }): Duration {
    const days = (parts.weeks ?? 0) * 7 + (parts.days ?? 0)
    const ms =
      (parts.hours ?? 0) * 3_600_000 +
      (parts.minutes ?? 0) * 60_000 +
      (parts.seconds ?? 0) * 1000 +
      (parts.milliseconds ?? 0)
    return new Duration(days, ms)
  }

  /** Total length in milliseconds, counting a day as 24 hours (for ordering and jitter ranges). */
  get approxMs(): number {
    return this.days * 86_400_000 + this.ms
  }

  /** ISO 8601, e.g. `PT1H30M`, `P3D`, `P1DT0.5S`; `PT0S` when empty. */
  toISOString(): string {
    let out = 'P'
    const sign = this.days < 0 || (this.days === 0 && this.ms < 0) ? '-' : ''
    const days = Math.abs(this.days)
    let rest = Math.abs(this.ms)
    if (days) out += `${days}D`
    const h = Math.floor(rest / 3_600_000)
    rest -= h * 3_600_000
    const m = Math.floor(rest / 60_000)
    rest -= m * 60_000
    const s = rest / 1000
    if (h || m || s) {
      out += 'T'
      if (h) out += `${h}H`
      if (m) out += `${m}M`
      if (s) out += `${Number(s.toFixed(3))}S`
    }
    if (out === 'P') out = 'PT0S'
    return sign + out
  }

  /** JSON output is the ISO string (SPEC: durations are written out as ISO 8601). */
  toJSON(): string {
    return this.toISOString()
  }

  /** Template output is the ISO string too. */
  toString(): string {
    return this.toISOString()
  }
}
