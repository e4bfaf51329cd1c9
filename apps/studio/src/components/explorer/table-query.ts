/** The Events table's query bar and sort, as the preview window or the run store applies them. */
import type { TableSort } from '../event-table-head.tsx'
import { type CompiledQuery, compileQuery, parseQuery } from './query-bar.ts'
import { quoteIdent, quoteString } from './sql.ts'
import type { StoreColumn } from './store-protocol.ts'

/** The text the preview window can filter by itself (one plain word or phrase), or null when the query needs the store. */
export function windowText(query: string): string | null {
  const parsed = parseQuery(query)
  if (!parsed.ok) return ''
  if (parsed.terms.length === 0) return ''
  if (parsed.terms.length === 1 && parsed.terms[0].kind === 'text' && !parsed.terms[0].negated)
    return parsed.terms[0].text
  return null
}

/** The store condition of the query bar and the source / event type menus. */
export function storeCondition(
  query: string,
  columns: readonly StoreColumn[],
  source: string,
  event: string,
): CompiledQuery {
  const parsed = parseQuery(query)
  if (!parsed.ok) return parsed
  const compiled = compileQuery(
    parsed.terms,
    columns.map((c) => ({ name: c.name, type: c.kind === 'json' ? 'string' : c.kind })),
  )
  if (!compiled.ok) return compiled
  const parts = [compiled.where]
  if (source) parts.push(`source = ${quoteString(source)}`)
  if (event) parts.push(`event = ${quoteString(event)}`)
  return { ok: true, where: parts.filter((p) => p !== 'TRUE').join(' AND ') || 'TRUE' }
}

/** ORDER BY of a sort (stream order breaks ties; missing values last). */
export function storeOrder(sort: TableSort, columns: readonly StoreColumn[]): string {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC'
  if (sort.key === 'time' || !columns.some((c) => c.name === sort.key)) return `seq ${dir}`
  return `${quoteIdent(sort.key)} ${dir} NULLS LAST, seq ${dir}`
}
