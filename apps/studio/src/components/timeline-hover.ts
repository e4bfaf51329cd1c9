/** What the pointer is over on the timeline (a mark or a bin of a lane). */

/** What the pointer is over. */
export type Hover =
  | { kind: 'mark'; row: number; position: number; x: number; y: number }
  | { kind: 'bin'; row: number; bin: number; x: number; y: number }

/** True when two hovers point at the same thing (no redraw). */
export function sameHover(a: Hover | null, b: Hover | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind !== b.kind || a.row !== b.row) return false
  return a.kind === 'mark' ? a.position === (b as typeof a).position : a.bin === (b as typeof a).bin
}
