/**
 * Story text is untrusted: an ESC, BEL or CR in a key or value must not reach a terminal raw
 * (it could recolor, retitle or overwrite what the user reads), and bidi overrides could make
 * a code frame show something other than the file. These helpers make such characters visible.
 */

// C0 controls except tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates and
// marks, the line and paragraph separators, and the BOM / zero-width no-break space.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g
const UNSAFE_ONE_LINE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g

/** `\u001b` for ESC: the escape a reader (and a JSON parser) understands. */
function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * Escapes control and bidi characters so user text prints as what it is. Tabs are kept (code
 * frames line up under them); line feeds are kept with `multiline`, else escaped as well.
 */
export function safeTerminalText(text: string, options: { multiline?: boolean } = {}): string {
  return text.replace(options.multiline ? UNSAFE : UNSAFE_ONE_LINE, visible)
}
