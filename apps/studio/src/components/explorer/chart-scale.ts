/**
 * Axis arithmetic for the field charts' plain SVG: round tick values, short number labels, time
 * labels and a character budget for text (the charts never measure text in the DOM).
 */

/** A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1
  const raw = span / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/** Round ticks covering [lo, hi] (about `count` of them); the first is <= lo and the last >= hi. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return hi === lo && Number.isFinite(lo) ? [lo] : [0]
  const step = niceStep(hi - lo, count)
  const first = Math.floor(lo / step) * step
  const out: number[] = []
  // Multiplying, not adding, keeps 0.1 + 0.2-style drift out of the labels.
  for (let i = 0; first + i * step < hi + step / 2; i++) out.push(first + i * step)
  if (out[out.length - 1] < hi) out.push(first + out.length * step)
  return out.map((v) => Number(v.toPrecision(12)))
}

/** A short label: 1234 -> "1,234", 56789 -> "56.8k", 2500000 -> "2.5M", 0.123456 -> "0.1235". */
export function shortNumber(n: number): string {
  const a = Math.abs(n)
  if (a >= 1e9) return `${trim(n / 1e9)}B`
  if (a >= 1e6) return `${trim(n / 1e6)}M`
  if (a >= 1e4) return `${trim(n / 1e3)}k`
  if (Number.isInteger(n)) return n.toLocaleString('en')
  return String(Number(n.toPrecision(4)))
}

const trim = (n: number) => String(Number(n.toFixed(1)))

/** A UTC time label as precise as a span of `spanMs` needs: a date, a date and minute, or seconds. */
export function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString()
  if (spanMs >= 3 * 86_400_000) return iso.slice(0, 10)
  if (spanMs >= 120_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
  return iso.slice(11, 19)
}

/** `text` cut to `chars` characters (an ellipsis marks the cut). */
export function fitText(text: string, chars: number): string {
  if (text.length <= chars) return text
  return chars <= 1 ? '…' : `${text.slice(0, chars - 1)}…`
}
