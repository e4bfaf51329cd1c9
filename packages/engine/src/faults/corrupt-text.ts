/**
 * How a corrupt record is damaged at serialization: the serialized text is cut short, keeping
 * `floor(keep * length)` characters (at least one, never all), so every corrupt NDJSON line is
 * invalid JSON. The line's newline stays (the next record is intact). In a CSV row, an open
 * quote is closed after the cut, so the damage stays in its row (a short, truncated row).
 */
export function corruptText(text: string, keep: number, csv = false): string {
  const eol = text.endsWith('\r\n') ? '\r\n' : text.endsWith('\n') ? '\n' : ''
  const body = text.slice(0, text.length - eol.length)
  if (body.length <= 1) return eol
  const n = Math.min(body.length - 1, Math.max(1, Math.floor(keep * body.length)))
  let cut = body.slice(0, n)
  // Never cut a surrogate pair in two: the output stays valid UTF-8.
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  if (csv && countQuotes(cut) % 2 === 1) cut += '"'
  return cut + eol
}

function countQuotes(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 34) n++
  return n
}
