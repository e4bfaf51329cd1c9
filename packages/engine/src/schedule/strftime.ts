import { type CalendarParts, calendarPartsInto, emptyCalendarParts } from './calendar-parts.ts'
import { isoYear, PAD2, PAD3 } from './civil.ts'
import { offsetCacheFor } from './offset-cache.ts'

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The directives `strftime` understands (Python's names; English names, so output never depends on the locale). */
export const STRFTIME_DIRECTIVES = 'YmdHMSfjaAbBpIyzZs%'

/** A compiled pattern piece: literal text or one directive letter. */
type Piece = { lit: string } | { dir: string }

const compiled = new Map<string, Piece[]>()

function compile(pattern: string): Piece[] {
  let pieces = compiled.get(pattern)
  if (pieces) return pieces
  pieces = []
  let lit = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]
    const next = pattern[i + 1]
    if (ch === '%' && next !== undefined && STRFTIME_DIRECTIVES.includes(next)) {
      if (next === '%') lit += '%'
      else {
        if (lit) pieces.push({ lit })
        lit = ''
        pieces.push({ dir: next })
      }
      i++
    } else {
      // An unknown directive (or a trailing %) is kept as written, like Python on glibc.
      lit += ch
    }
  }
  if (lit) pieces.push({ lit })
  if (compiled.size >= 256) compiled.clear()
  compiled.set(pattern, pieces)
  return pieces
}

const parts: CalendarParts = emptyCalendarParts()

function compactOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+'
  let rest = Math.round(Math.abs(offsetMs) / 1000)
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const m = Math.floor(rest / 60)
  const s = rest - m * 60
  return sign + PAD2[h] + PAD2[m] + (s ? PAD2[s] : '')
}

/**
 * Formats instant `ms` in zone `tz`. Named formats: `iso` (the output timestamp format),
 * `unix` (whole seconds), `unix_ms` (whole milliseconds). Otherwise a strftime pattern:
 * %Y %m %d %H %M %S %f (microseconds) %j %a %A %b %B %p %I %y %z (`-0500`) %Z (the zone's
 * IANA name, not an abbreviation, so Node and browsers agree) %s (epoch seconds) %%.
 * Unknown directives are kept as written.
 */
export function strftime(ms: number, tz: string, pattern: string): string {
  if (pattern === 'iso') return offsetCacheFor(tz).formatIso(ms)
  if (pattern === 'unix') return String(Math.floor(ms / 1000))
  if (pattern === 'unix_ms') return String(Math.floor(ms))
  const pieces = compile(pattern)
  const p = calendarPartsInto(ms, tz, parts)
  let out = ''
  for (const piece of pieces) {
    if ('lit' in piece) {
      out += piece.lit
      continue
    }
    switch (piece.dir) {
      case 'Y':
        out += isoYear(p.year)
        break
      case 'm':
        out += PAD2[p.month]
        break
      case 'd':
        out += PAD2[p.day]
        break
      case 'H':
        out += PAD2[p.hour]
        break
      case 'M':
        out += PAD2[p.minute]
        break
      case 'S':
        out += PAD2[p.second]
        break
      case 'f': {
        // Sub-millisecond fractions (rare: jittered times are whole ms) still reach the microseconds.
        const frac = Math.min(999, Math.round((ms - Math.floor(ms)) * 1000))
        out += PAD3[p.millisecond] + PAD3[frac]
        break
      }
      case 'j':
        out += PAD3[p.dayOfYear]
        break
      case 'a':
        out += DAY_NAMES[p.weekday].slice(0, 3)
        break
      case 'A':
        out += DAY_NAMES[p.weekday]
        break
      case 'b':
        out += MONTH_NAMES[p.month - 1].slice(0, 3)
        break
      case 'B':
        out += MONTH_NAMES[p.month - 1]
        break
      case 'p':
        out += p.hour < 12 ? 'AM' : 'PM'
        break
      case 'I':
        out += PAD2[p.hour % 12 === 0 ? 12 : p.hour % 12]
        break
      case 'y':
        out += PAD2[((p.year % 100) + 100) % 100]
        break
      case 'z':
        out += compactOffset(p.offsetMinutes * 60_000)
        break
      case 'Z':
        out += offsetCacheFor(tz).zoneId
        break
      case 's':
        out += String(Math.floor(ms / 1000))
        break
    }
  }
  return out
}
