/**
 * User text quoted in diagnostic messages (keys, ids, values) is capped, so a 100 KB key cannot
 * make a 100 KB message (and 5,000 of them a 500 MB report).
 */
export const MAX_QUOTED_LENGTH = 80

/** Longest message or hint a diagnostic keeps; longer ones are cut with an ellipsis. */
export const MAX_MESSAGE_LENGTH = 1_000

/** `text` cut to `max` characters with an ellipsis (never splitting a surrogate pair). */
export function truncateUser(text: string, max = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const c = text.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

/** User text quoted in backticks for a message, capped at MAX_QUOTED_LENGTH. */
export function quoteUser(text: string, max = MAX_QUOTED_LENGTH): string {
  return `\`${truncateUser(text, max)}\``
}
