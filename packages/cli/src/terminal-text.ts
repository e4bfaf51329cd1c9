import { safeTerminalText } from './engine.ts'

/**
 * Escapes what a story could use to drive the terminal (ESC sequences, BEL, CR overwriting a
 * line, bidi overrides reordering a code frame): each such character becomes a visible `\uNNNN`,
 * the same escape the engine's code frames use. Tabs and newlines stay (messages and code frames
 * are multi-line by design). One rule for everything the CLI prints: the engine's.
 */
export function escapeForTerminal(text: string): string {
  return safeTerminalText(text, { multiline: true })
}
