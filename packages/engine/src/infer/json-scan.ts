/**
 * One linear pass over JSON text, outside strings: how deep `{`/`[` nest (so a hostile record is
 * refused before JSON.parse recurses into it) and where each element of a top-level array starts
 * (so a problem with an element can name its line).
 */
export interface JsonScan {
  /** Offset where nesting first went past the limit, or -1. */
  tooDeepAt: number
  /** Offsets of the elements of a top-level array (empty when the text is not an array). */
  elementStarts: number[]
}

/** Scans `text[start, end)`; stops at the first place nesting exceeds `maxDepth`. */
export function scanJson(text: string, maxDepth: number, start = 0, end = text.length): JsonScan {
  const elementStarts: number[] = []
  let depth = 0
  let inString = false
  let expectElement = false
  let topIsArray = false
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
      continue
    }
    if (c === 32 || c === 10 || c === 13 || c === 9) continue
    if (expectElement && c !== 93) {
      elementStarts.push(i)
      expectElement = false
    }
    if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (depth === 0 && c === 91) {
        topIsArray = true
        expectElement = true
      }
      depth++
      if (depth > maxDepth) return { tooDeepAt: i, elementStarts }
    } else if (c === 125 || c === 93) {
      depth--
      expectElement = false
    } else if (c === 44 && depth === 1 && topIsArray) expectElement = true
  }
  return { tooDeepAt: -1, elementStarts }
}
