import type { Expr } from './ast.ts'
import { setKey } from './values.ts'

/** Marks "not a literal" (null is a literal value). */
export const NOT_LITERAL: unique symbol = Symbol('not a literal')

/**
 * The value of a node written as a literal (numbers, strings, booleans, null, and lists and maps
 * of them), or NOT_LITERAL: what the checker can validate before generation. Bounded by the
 * parser's height limit, so the recursion is too.
 */
export function literalValue(e: Expr): unknown {
  switch (e.type) {
    case 'number':
    case 'string':
    case 'bool':
      return e.value
    case 'null':
      return null
    case 'list': {
      const out: unknown[] = []
      for (const i of e.items) {
        const v = literalValue(i)
        if (v === NOT_LITERAL) return NOT_LITERAL
        out.push(v)
      }
      return out
    }
    case 'map': {
      const out: Record<string, unknown> = {}
      for (const x of e.entries) {
        const v = literalValue(x.value)
        if (v === NOT_LITERAL) return NOT_LITERAL
        setKey(out, x.key, v)
      }
      return out
    }
    default:
      return NOT_LITERAL
  }
}
