/** A value of the inferred story's `data:` tree, with the comment that says what was inferred. */
export type DataNode =
  | { kind: 'expr'; text: string; note: string }
  | { kind: 'literal'; value: string | number | boolean | null; note: string }
  | { kind: 'map'; entries: [string, DataNode][]; note: string }
  | { kind: 'list'; items: DataNode[]; note: string }

/** How sure an inference is, in words, from the share of values that agree and how many there were. */
export function sureness(share: number, n: number): string {
  if (n >= 30 && share >= 0.98) return 'sure'
  if (n >= 10 && share >= 0.9) return 'likely'
  return 'a guess'
}

/** A number as short text: at most 6 significant digits. */
export function num(n: number): string {
  return String(Number(n.toPrecision(6)))
}

/** A number written so the expression language reads it as a float (`2.0`, not `2`). */
export function float(n: number): string {
  const text = num(n)
  return /[.eE]/.test(text) ? text : `${text}.0`
}

/** A percentage for a comment. */
export function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

/** An expression-language string literal: single quotes, every special character escaped. */
export function exprString(s: string): string {
  let out = "'"
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (ch === "'" || ch === '\\') out += `\\${ch}`
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029)
      out += `\\u${c.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return `${out}'`
}
