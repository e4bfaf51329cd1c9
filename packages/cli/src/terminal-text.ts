/**
 * Characters that must never reach a terminal raw from user input (story text, file names,
 * messages quoting them): C0 controls except tab and newline, DEL, C1 controls, bidi
 * embeddings/overrides/isolates and marks, and the line/paragraph separators.
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Escapes what a story could use to drive the terminal (ESC sequences, BEL, CR overwriting a
 * line, bidi overrides reordering a code frame): each such character becomes a visible `\xNN`
 * or `\uNNNN`. Tabs and newlines stay (messages and code frames are multi-line by design).
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0)
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
