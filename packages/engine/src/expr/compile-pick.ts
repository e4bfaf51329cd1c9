import type { Expr } from './ast.ts'
import type { Evaluator } from './eval-context.ts'
import { ExprRuntimeError } from './values.ts'

type Call = Extract<Expr, { type: 'call' }>

/**
 * `pick(<actor>)`: the attributes of a live actor of that type, drawn by the run (one actor per
 * occurrence and type, so `pick(user).id` and `pick(user).email` agree). None alive: null, counted.
 */
export function compilePick(e: Call, types: ReadonlyMap<string, number>): Evaluator {
  const arg = e.args[0]
  const name = arg?.type === 'name' ? arg.name : ''
  const type = types.get(name)
  if (type === undefined) {
    return () => {
      throw new ExprRuntimeError('runtime/type-error', `pick(${name}): no such actor type`, e.span)
    }
  }
  return (c) => {
    const actor = c.scope.actors?.pick(type, c.scope)
    if (actor) return actor.attributes
    if (c.site)
      c.issues.report(
        c.site,
        'runtime/no-ref',
        `pick(${name}): no ${name} has arrived and is still active`,
        e.span,
      )
    return null
  }
}
