/**
 * Simulated time on the timeline, in the story's zone: UTC offsets from the engine's zone code (the same
 * offsets the engine writes into timestamps, to the second: Africa/Monrovia was -0:44:30 until
 * 1972-01-07), local calendar units for bins, axis ticks aligned to local boundaries, and labels.
 */
import { offsetAt } from '@autosource/engine/worker'

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000

/** Maps epoch ms to the UTC offset (ms) of one IANA zone. */
export interface ZoneClock {
  readonly timezone: string
  /** Offset of local time from UTC at `ms` (local = ms + offset). */
  offset(ms: number): number
  /** Local wall-clock ms (a number whose UTC fields are the local fields). */
  toLocal(ms: number): number
  /** The epoch ms of a local wall-clock time (a skipped time moves forward, a repeated one is the earlier). */
  fromLocal(local: number): number
}

const clocks = new Map<string, ZoneClock>()

/** The (shared, cached) clock of a zone; an unknown zone falls back to UTC. */
export function zoneClock(timezone: string): ZoneClock {
  let clock = clocks.get(timezone)
  if (!clock) {
    clock = makeClock(timezone)
    clocks.set(timezone, clock)
  }
  return clock
}

function makeClock(timezone: string): ZoneClock {
  let known = true
  try {
    offsetAt(0, timezone)
  } catch {
    known = false
  }
  // The engine's offset cache learns each zone's ranges once; a time-ordered scan costs two comparisons.
  const offset = (ms: number): number =>
    known && Number.isFinite(ms) ? offsetAt(clampToTemporal(ms), timezone) : 0
  return {
    timezone,
    offset,
    toLocal: (ms) => ms + offset(ms),
    fromLocal(local) {
      // Offsets are within a day of UTC and change at most once in two days: the offsets a day before and
      // a day after are the only candidates. A skipped time moves forward by the gap (the engine's
      // 'compatible' rule); a repeated time is the earlier instant.
      const before = offset(local - DAY)
      const after = offset(local + DAY)
      const a = local - before
      if (before === after) return a
      const b = local - after
      const fitsA = a + offset(a) === local
      const fitsB = b + offset(b) === local
      if (fitsA && fitsB) return Math.min(a, b)
      if (fitsB && !fitsA) return b
      return a
    },
  }
}

// Temporal's instants end at +-8.64e15 ms; the timeline never draws that far, but a view can pan past it.
const TEMPORAL_LIMIT = 8.64e15 - 2 * DAY
function clampToTemporal(ms: number): number {
  return Math.max(-TEMPORAL_LIMIT, Math.min(TEMPORAL_LIMIT, ms))
}

/** A bin width: fixed units step in local wall-clock time. */
export type BinUnit = 'minute' | 'hour' | 'day' | 'week'

/** Length of each bin unit (a local day can be 23 or 25 h long; the bin keeps its local boundaries). */
export const BIN_MS: Record<BinUnit, number> = {
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
}

/** The finest unit whose bins are at least `minPx` wide at `msPerPx` (the zoom), else the coarsest. */
export function chooseBinUnit(msPerPx: number, minPx = 3): BinUnit {
  for (const unit of ['minute', 'hour', 'day', 'week'] as const) {
    if (BIN_MS[unit] / msPerPx >= minPx) return unit
  }
  return 'week'
}

/** Local start (wall-clock ms) of the bin containing local time `local`. Weeks start on Monday. */
export function binStartLocal(local: number, unit: BinUnit): number {
  if (unit === 'week') {
    // 1970-01-01 was a Thursday: Monday-aligned weeks start 3 days later than epoch-aligned ones.
    return Math.floor((local - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY
  }
  const size = BIN_MS[unit]
  return Math.floor(local / size) * size
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Local wall-clock ms as `2025-01-03 14:05:09` (seconds kept, milliseconds when not zero). */
export function formatLocal(local: number): string {
  const d = new Date(local)
  const ms = d.getUTCMilliseconds()
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    (ms ? `.${String(ms).padStart(3, '0')}` : '')
  )
}

/** How a bin is named in a tooltip: `Jan 3, 2025` (day), `Jan 3, 2025 14:00–15:00` (hour), ... */
export function formatBin(local: number, unit: BinUnit): string {
  const d = new Date(local)
  const date = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
  if (unit === 'week') return `week of ${date}`
  if (unit === 'day') return date
  const end = new Date(local + BIN_MS[unit])
  const hm = (x: Date) => `${pad2(x.getUTCHours())}:${pad2(x.getUTCMinutes())}`
  return `${date} ${hm(d)}–${hm(end)}`
}

/** One axis tick: where (epoch ms) and what it says. */
export interface Tick {
  ms: number
  label: string
}

const FIXED_STEPS = [
  1000,
  2000,
  5000,
  10_000,
  15_000,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
]
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120]

/**
 * Ticks for [from, to] in the zone, about `maxTicks` of them, on round local boundaries: seconds,
 * minutes, hours, midnights, Mondays, first days of months or years. A tick on a new day (or year)
 * names it; the others show only the time.
 */
export function timeTicks(from: number, to: number, clock: ZoneClock, maxTicks: number): Tick[] {
  if (!(to > from) || maxTicks < 1) return []
  const span = to - from
  const want = Math.max(1, maxTicks)
  const step = FIXED_STEPS.find((s) => span / s <= want)
  const localFrom = clock.toLocal(from)
  const localTo = clock.toLocal(to)
  const locals: number[] = []
  let unit: 'fixed' | 'month' = 'fixed'
  let months = 1
  if (step !== undefined) {
    let t = step === 7 * DAY ? binStartLocal(localFrom, 'week') : Math.floor(localFrom / step) * step
    if (t < localFrom) t += step
    for (; t <= localTo && locals.length <= want * 2; t += step) locals.push(t)
  } else {
    unit = 'month'
    const spanMonths = span / (30.44 * DAY)
    months = MONTH_STEPS.find((m) => spanMonths / m <= want) ?? Math.ceil(spanMonths / want / 12) * 12
    const start = new Date(localFrom)
    let y = start.getUTCFullYear()
    let m = Math.ceil(start.getUTCMonth() / months) * months
    if (months >= 12) {
      const years = months / 12
      y = Math.ceil(y / years) * years
      m = 0
    }
    for (;;) {
      const t = Date.UTC(y, m, 1)
      if (t > localTo || locals.length > want * 2) break
      if (t >= localFrom) locals.push(t)
      m += months
      while (m >= 12) {
        m -= 12
        y++
      }
    }
  }
  const ticks: Tick[] = []
  let previous: Date | null = null
  for (const local of locals) {
    const d = new Date(local)
    ticks.push({ ms: clock.fromLocal(local), label: tickLabel(d, previous, unit, step ?? months * 30 * DAY) })
    previous = d
  }
  return ticks
}

function tickLabel(d: Date, previous: Date | null, unit: 'fixed' | 'month', step: number): string {
  const newYear = !previous || previous.getUTCFullYear() !== d.getUTCFullYear()
  if (unit === 'month') {
    return d.getUTCMonth() === 0 || !previous
      ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
      : MONTHS[d.getUTCMonth()]
  }
  const newDay =
    !previous ||
    previous.getUTCDate() !== d.getUTCDate() ||
    previous.getUTCMonth() !== d.getUTCMonth() ||
    newYear
  const dayName = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}${newYear ? `, ${d.getUTCFullYear()}` : ''}`
  if (step >= DAY) return dayName
  const time =
    step < MINUTE
      ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
      : `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0
  if (newDay && (midnight || !previous)) return midnight ? dayName : `${dayName} ${time}`
  return time
}

/** How long a simulated range is: "45 s", "12 min", "3 h 5 min", "90 days 23 h". */
export function formatSpan(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 60) return `${minutes} min`
  if (ms < DAY) {
    const h = Math.floor(minutes / 60)
    const m = minutes % 60
    return m ? `${h} h ${m} min` : `${h} h`
  }
  const hours = Math.round(ms / HOUR)
  const d = Math.floor(hours / 24)
  const h = hours % 24
  return `${d} day${d === 1 ? '' : 's'}${h ? ` ${h} h` : ''}`
}
