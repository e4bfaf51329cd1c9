/** Small display helpers shared by the studio's panels. */

const numberFormat = new Intl.NumberFormat('en')

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return numberFormat.format(n)
}

/** Milliseconds as a short duration: "850 ms", "2.4 s". */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** A one-line summary of an event's data, for tables: `plan: "pro", amount: 99`. */
export function summarizeData(data: Record<string, unknown>, max = 160): string {
  const parts: string[] = []
  let length = 0
  for (const [key, value] of Object.entries(data)) {
    const part = `${key}: ${JSON.stringify(value) ?? 'undefined'}`
    parts.push(part)
    length += part.length + 2
    if (length > max) break
  }
  const text = parts.join(', ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
