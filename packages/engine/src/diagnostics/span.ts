/** A half-open range [start, end) of UTF-16 code unit offsets into one source file. */
export interface Span {
  start: number
  end: number
}

/** Makes a span; `end` defaults to `start` (an empty span, a caret position). */
export function span(start: number, end = start): Span {
  return { start, end }
}
