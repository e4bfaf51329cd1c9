import type { Span } from '../diagnostics/span.ts'
import { dottedName, type Expr } from './ast.ts'

/** What one `ref(...)`/`lookup(...)` reads: the target definition, its top-level field, and a nested path. */
export interface RefUse {
  via: 'ref' | 'lookup'
  def: number
  field: string
  rest: string[]
  span: Span
  /** Reads the occurrence's envelope (`timestamp`, `id`, `index`), not a data field: nothing to keep. */
  envelope?: boolean
}

/** Resolves a `ref`/`lookup` path: the longest prefix that is an event id, then the field, then nested segments. */
export function resolveRefPath(
  path: string,
  events: ReadonlyMap<string, number>,
): { def: number; id: string; field: string; rest: string[] } | undefined {
  const segs = path.split('.')
  for (let k = segs.length - 1; k >= 1; k--) {
    const id = segs.slice(0, k).join('.')
    const def = events.get(id)
    if (def !== undefined) return { def, id, field: segs[k], rest: segs.slice(k + 1) }
  }
  return undefined
}

/** The written path of a `ref`/`lookup` argument (a name path or a string), or undefined. */
export function refArgPath(e: Expr | undefined): string | undefined {
  if (!e) return undefined
  if (e.type === 'string') return e.value
  return dottedName(e)
}
