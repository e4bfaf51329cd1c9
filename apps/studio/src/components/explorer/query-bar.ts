/**
 * The Events query bar: `source:stripe data.amount>100 plan:pro -event:refund "two words"`, parsed into
 * terms with spans (errors point at the text that caused them), then compiled to a SQL condition over
 * the run store's flat table (one column per field path). Bare words match anywhere in the event.
 */
import { quoteIdent, quoteString } from './sql.ts'

/** A comparison of a term: `:` is equality (with `*` wildcards), the rest compare. */
export type TermOp = ':' | '=' | '!=' | '>' | '>=' | '<' | '<='

/** One term of a query. */
export type QueryTerm =
  | { kind: 'text'; text: string; negated: boolean; start: number; end: number }
  | { kind: 'field'; field: string; op: TermOp; value: string; negated: boolean; start: number; end: number }

/** A problem of a query, with the span (character offsets) it is about. */
export interface QueryError {
  message: string
  start: number
  end: number
}

/** Terms, or the first problem. */
export type ParsedQuery = { ok: true; terms: QueryTerm[] } | { ok: false; error: QueryError }

const OPS: readonly TermOp[] = ['>=', '<=', '!=', '>', '<', '=', ':']

/** Parses a query bar text (no schema needed: fields are resolved by `compileQuery`). */
export function parseQuery(text: string): ParsedQuery {
  const terms: QueryTerm[] = []
  let i = 0
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++
      continue
    }
    const start = i
    let negated = false
    if (text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1])) {
      negated = true
      i++
    }
    if (text[i] === '"') {
      const word = readQuoted(text, i)
      if (!word.ok) return { ok: false, error: word.error }
      i = word.end
      terms.push({ kind: 'text', text: word.value, negated, start, end: i })
      continue
    }
    const keyStart = i
    while (i < text.length && /[\w.$@-]/.test(text[i])) i++
    const key = text.slice(keyStart, i)
    const op = OPS.find((o) => text.startsWith(o, i))
    if (!op || key === '') {
      // A bare word: everything up to the next space.
      while (i < text.length && !/\s/.test(text[i])) i++
      terms.push({ kind: 'text', text: text.slice(keyStart, i), negated, start, end: i })
      continue
    }
    i += op.length
    let value: string
    if (text[i] === '"') {
      const word = readQuoted(text, i)
      if (!word.ok) return { ok: false, error: word.error }
      value = word.value
      i = word.end
    } else {
      const valueStart = i
      while (i < text.length && !/\s/.test(text[i])) i++
      value = text.slice(valueStart, i)
      if (value === '')
        return { ok: false, error: { message: `\`${key}${op}\` needs a value`, start, end: i } }
    }
    terms.push({ kind: 'field', field: key, op, value, negated, start, end: i })
  }
  return { ok: true, terms }
}

function readQuoted(
  text: string,
  at: number,
): { ok: true; value: string; end: number } | { ok: false; error: QueryError } {
  let i = at + 1
  let value = ''
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++
    value += text[i]
    i++
  }
  if (i >= text.length)
    return { ok: false, error: { message: 'unclosed quote', start: at, end: text.length } }
  return { ok: true, value, end: i + 1 }
}

/** A column the query can name: its path (`source`, `data.amount`) and whether it holds numbers. */
export interface QueryColumn {
  name: string
  type: 'number' | 'string' | 'boolean'
}

/** The SQL condition of a query (`TRUE` when empty), or the first problem. */
export type CompiledQuery = { ok: true; where: string } | { ok: false; error: QueryError }

/**
 * Compiles terms against the store's columns. A field is named by its path (`data.amount`), or by its
 * last part when that is unambiguous (`plan` for `data.plan`). `text` is the column bare words search.
 */
export function compileQuery(
  terms: readonly QueryTerm[],
  columns: readonly QueryColumn[],
  text = 'line',
): CompiledQuery {
  const parts: string[] = []
  for (const term of terms) {
    let sql: string
    if (term.kind === 'text') {
      sql = `${quoteIdent(text)} ILIKE ${quoteString(`%${escapeLike(term.text)}%`)} ESCAPE '\\'`
    } else {
      const column = resolveField(term.field, columns)
      if (typeof column === 'string')
        return { ok: false, error: { message: column, start: term.start, end: term.end } }
      const compared = compareSql(column, term)
      if (!compared.ok)
        return { ok: false, error: { message: compared.message, start: term.start, end: term.end } }
      sql = compared.sql
    }
    parts.push(term.negated ? `NOT coalesce(${sql}, FALSE)` : sql)
  }
  return { ok: true, where: parts.length === 0 ? 'TRUE' : parts.map((p) => `(${p})`).join(' AND ') }
}

/** The column a term names, or why none. */
export function resolveField(field: string, columns: readonly QueryColumn[]): QueryColumn | string {
  const exact = columns.find((c) => c.name === field)
  if (exact) return exact
  const prefixed = columns.find((c) => c.name === `data.${field}`)
  if (prefixed) return prefixed
  const tail = columns.filter((c) => c.name.endsWith(`.${field}`))
  if (tail.length === 1) return tail[0]
  if (tail.length > 1)
    return `\`${field}\` is ambiguous: ${tail
      .map((c) => c.name)
      .slice(0, 4)
      .join(', ')}`
  return `no field \`${field}\` in this run`
}

function compareSql(
  column: QueryColumn,
  term: Extract<QueryTerm, { kind: 'field' }>,
): { ok: true; sql: string } | { ok: false; message: string } {
  const col = quoteIdent(column.name)
  const { op, value } = term
  if (op === ':' && value === '*') return { ok: true, sql: `${col} IS NOT NULL` }
  if (column.type === 'number') {
    const n = Number(value)
    if (value.trim() === '' || !Number.isFinite(n))
      return { ok: false, message: `\`${column.name}\` holds numbers: \`${value}\` is not one` }
    return { ok: true, sql: `${col} ${op === ':' ? '=' : op} ${n}` }
  }
  if (column.type === 'boolean') {
    if (value !== 'true' && value !== 'false')
      return { ok: false, message: `\`${column.name}\` is true or false, not \`${value}\`` }
    if (op !== ':' && op !== '=' && op !== '!=')
      return { ok: false, message: `\`${op}\` does not compare true/false` }
    return { ok: true, sql: `${col} ${op === '!=' ? '!=' : '='} ${value}` }
  }
  if (op === ':' && value.includes('*')) {
    const pattern = value.split('*').map(escapeLike).join('%')
    return { ok: true, sql: `${col} ILIKE ${quoteString(pattern)} ESCAPE '\\'` }
  }
  return { ok: true, sql: `${col} ${op === ':' ? '=' : op} ${quoteString(value)}` }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
