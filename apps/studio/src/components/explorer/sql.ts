/** SQL text helpers for the run store (identifiers and strings quoted, never interpolated raw). */

/** A double-quoted SQL identifier (`data.amount` is one column name, not a path). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A single-quoted SQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
