import { ZonedTime } from '../schedule/zoned-time.ts'
import type { Expr } from './ast.ts'
import type { CompileEnv } from './compile.ts'
import type { Evaluator } from './eval-context.ts'
import { ENVELOPE_FIELDS } from './names.ts'
import { refArgPath, resolveRefPath } from './ref-path.ts'
import { ExprRuntimeError, getMember } from './values.ts'

type Call = Extract<Expr, { type: 'call' }>

/**
 * Compiles `ref(event.field)` / `lookup(event.field)`: reads the matching (ref) or a random
 * earlier (lookup) occurrence of the target through the scope's history; none is a counted
 * `runtime/no-ref` and null.
 */
export function compileRefCall(e: Call, via: 'ref' | 'lookup', env: CompileEnv): Evaluator {
  const arg = e.args[0]
  const path = refArgPath(arg) ?? ''
  const target = resolveRefPath(path, env.events)
  if (!target) {
    return () => {
      throw new ExprRuntimeError('runtime/no-ref', `${via}(${path}) has no target event`, e.span)
    }
  }
  const { def, field, rest } = target
  const span = arg.span
  // `ref(signup.timestamp)` when signup has no data field `timestamp`: the occurrence's envelope.
  const envelope =
    !env.fieldsOf(def).has(field) && Object.hasOwn(ENVELOPE_FIELDS, field)
      ? (field as keyof typeof ENVELOPE_FIELDS)
      : undefined
  return (c) => {
    const scope = c.scope
    let occ: ReturnType<typeof scope.refs.ref>
    if (via === 'ref') occ = scope.refs.ref(def, scope)
    else {
      // lookup() draws from the field's own stream, so it does not shift other fields' values.
      const saved = scope.rng
      scope.rng = c.rng
      try {
        occ = scope.refs.lookup(def, scope)
      } finally {
        scope.rng = saved
      }
    }
    if (!occ) {
      if (c.site) {
        c.issues.report(
          c.site,
          'runtime/no-ref',
          `${via}(${path}): no ${via === 'ref' ? 'matching' : 'earlier'} occurrence of \`${target.id}\``,
          span,
        )
      }
      return null
    }
    if (c.prov) c.prov.refs.push({ def, index: occ.index, eventId: occ.eventId, field, via })
    let v: unknown
    if (envelope === 'timestamp') v = new ZonedTime(occ.timeMs, scope.timezone)
    else if (envelope === 'id') v = occ.eventId
    else if (envelope === 'index') v = occ.index
    else v = Object.hasOwn(occ.fields, field) ? (occ.fields[field] ?? null) : null
    for (const seg of rest) v = getMember(v, seg, span)
    return v
  }
}
