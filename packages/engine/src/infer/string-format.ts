/** A recognised shape of a field's string values. */
export type StringFormat =
  | { kind: 'uuid' | 'email' | 'url' | 'iso-time' | 'date' | 'ipv4' }
  | { kind: 'prefixed'; prefix: string; length: number; chars: 'alnum' | 'digits' | 'hex' }
  | { kind: 'digits' | 'token'; length: number }
  | { kind: 'text'; words: number; length: number }

/** A format and the share of the sampled values that have it. */
export interface FormatGuess {
  format: StringFormat
  share: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_RE = /^https?:\/\/[^\s]+$/
/** An ISO 8601 date-time with seconds (and an offset or Z); this is what `datetime('iso')` writes. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/
const PREFIXED = /^([A-Za-z][A-Za-z0-9]*[_-])([A-Za-z0-9]+)$/

const SIMPLE: [StringFormat['kind'], RegExp][] = [
  ['uuid', UUID],
  ['email', EMAIL],
  ['url', URL_RE],
  ['iso-time', ISO_TIME],
  ['date', DATE],
  ['ipv4', IPV4],
]

/** The format most of `values` share (90% or more), else free text; `values` is non-empty. */
export function guessStringFormat(values: readonly string[]): FormatGuess {
  const n = values.length
  for (const [kind, re] of SIMPLE) {
    const share = values.filter((v) => re.test(v)).length / n
    if (share >= 0.9) return { format: { kind } as StringFormat, share }
  }
  const prefixed = guessPrefixed(values)
  if (prefixed) return prefixed
  const length = median(values.map((v) => v.length))
  const sameLength = values.filter((v) => v.length === length).length / n
  const digits = values.filter((v) => /^\d+$/.test(v)).length / n
  if (digits >= 0.9 && sameLength >= 0.9)
    return { format: { kind: 'digits', length }, share: Math.min(digits, sameLength) }
  const tokens = values.filter((v) => /^[A-Za-z0-9]+$/.test(v)).length / n
  if (tokens >= 0.9 && sameLength >= 0.9)
    return { format: { kind: 'token', length }, share: Math.min(tokens, sameLength) }
  const words = median(values.map((v) => v.split(/\s+/).filter(Boolean).length))
  return { format: { kind: 'text', words: Math.max(1, words), length }, share: 1 }
}

/** `cus_NffrFeUfNV2Hib`-style ids: one prefix and a fixed-length body in 90% of the values. */
function guessPrefixed(values: readonly string[]): FormatGuess | undefined {
  const counts = new Map<string, number>()
  const bodies: string[] = []
  for (const v of values) {
    const m = PREFIXED.exec(v)
    if (!m) continue
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
    bodies.push(m[2])
  }
  let prefix = ''
  let best = 0
  for (const [p, c] of counts) {
    if (c > best) {
      prefix = p
      best = c
    }
  }
  const share = best / values.length
  if (share < 0.9) return undefined
  const own = values.filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length))
  const length = median(own.map((b) => b.length))
  if (length < 4) return undefined
  const chars = own.every((b) => /^\d+$/.test(b))
    ? 'digits'
    : own.every((b) => /^[0-9a-f]+$/.test(b))
      ? 'hex'
      : 'alnum'
  return { format: { kind: 'prefixed', prefix, length, chars }, share }
}

/** The median of a non-empty list (the lower middle). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}
