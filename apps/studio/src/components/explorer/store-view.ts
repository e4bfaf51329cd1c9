/**
 * The `events` view over `events_flat`: top-level fields as columns, nested paths packed back into
 * STRUCTs (`data.amount` reads as in the event), so SQL over the run looks like the events themselves.
 */

import { quoteIdent } from './sql.ts'
import type { StoreColumn } from './store-protocol.ts'

interface Node {
  column?: string
  children: Map<string, Node>
}

/** `CREATE OR REPLACE VIEW events AS ...` for the given field columns. */
export function eventsViewSql(columns: readonly StoreColumn[]): string {
  const root: Node = { children: new Map() }
  for (const { name } of columns) {
    let node = root
    for (const key of name.split('.')) {
      let next = node.children.get(key)
      if (!next) {
        next = { children: new Map() }
        node.children.set(key, next)
      }
      node = next
    }
    node.column = name
  }
  const select = ['seq', '"time"']
  for (const [key, node] of root.children) {
    if (key === 'seq' || key === 'time' || key === 'line' || key === 'occurrence') continue
    select.push(`${expression(node)} AS ${quoteIdent(key)}`)
  }
  return `CREATE OR REPLACE VIEW events AS SELECT ${select.join(', ')} FROM events_flat`
}

// A path that is both a leaf and a parent (`{}` in one event, `{a: 1}` in another) reads as its parent.
function expression(node: Node): string {
  if (node.children.size === 0) return quoteIdent(node.column ?? '')
  const fields = [...node.children].map(([k, child]) => `${quoteIdent(k)} := ${expression(child)}`)
  return `struct_pack(${fields.join(', ')})`
}
