import { ISO_TIME } from './string-format.ts'

/**
 * Epoch milliseconds of a timestamp-like value: an ISO 8601 string (read as UTC when it has no
 * offset, so the result does not depend on the machine's zone), unix seconds or unix milliseconds.
 */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'string') {
    if (!ISO_TIME.test(v)) return undefined
    const text = /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v.replace(' ', 'T')}Z`
    const ms = Date.parse(text.replace(' ', 'T'))
    return Number.isFinite(ms) ? ms : undefined
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v >= 1e9 && v < 4e9) return Math.round(v * 1000)
    if (v >= 1e12 && v < 4e12) return Math.round(v)
  }
  return undefined
}

/** The UTC offset an ISO string carries, in minutes (undefined when it has none or is not ISO). */
export function offsetMinutesOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined
  if (v.endsWith('Z')) return 0
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(v)
  if (!m || !ISO_TIME.test(v)) return undefined
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
}
