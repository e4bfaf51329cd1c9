import type { Span } from '../diagnostics/span.ts'
import type { Expr } from './ast.ts'
import { describeRange, inRange } from './builtins/args.ts'
import type { Builtin } from './builtins.ts'
import type { CheckScope } from './check-types.ts'
import { ENVELOPE_FIELDS } from './names.ts'
import { refArgPath, resolveRefPath } from './ref-path.ts'
import { didYouMean, listNames } from './suggest.ts'
import type { ValueType } from './values.ts'

type Call = Extract<Expr, { type: 'call' }>

/** Checks `ref(event.field)` / `lookup(event.field)`: the path resolves to an event and one of its fields (or its envelope). */
export function checkRefCall(s: CheckScope, e: Call, b: Builtin): ValueType {
  const via = b.name as 'ref' | 'lookup'
  if (e.args.length !== 1 || e.kwargs.length > 0) {
    s.report('expr/arguments', `${via}() takes one argument: ${via}(event.field)`, e.span)
    return 'any'
  }
  const arg = e.args[0]
  const path = refArgPath(arg)
  if (path === undefined) {
    s.report('expr/arguments', `${via}() takes a path \`event.field\`, not an expression`, arg.span)
    return 'any'
  }
  const target = resolveRefPath(path, s.env.events)
  if (!target) {
    const ids = [...s.env.events.keys()]
    const prefix = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : path
    s.report(
      'expr/unknown-ref',
      path.includes('.')
        ? `${via}(${path}): no event with id \`${prefix}\``
        : `${via}(${path}): write ${via}(event.field)`,
      arg.span,
      didYouMean(prefix, ids) ?? (ids.length ? `event ids: ${listNames(ids)}` : undefined),
    )
    return 'any'
  }
  const fields = s.env.fieldsOf(target.def)
  if (!fields.has(target.field) && Object.hasOwn(ENVELOPE_FIELDS, target.field)) {
    const field = target.field as keyof typeof ENVELOPE_FIELDS
    if (target.rest.length > 0) {
      s.report(
        'expr/unknown-ref-field',
        `${via}(${path}): \`${target.id}.${field}\` is the occurrence's ${field}, it has no field \`${target.rest[0]}\``,
        arg.span,
      )
      return 'any'
    }
    s.uses.refs.push({ via, def: target.def, field, rest: [], span: arg.span, envelope: true })
    return ENVELOPE_FIELDS[field]
  }
  if (!fields.has(target.field)) {
    s.report(
      'expr/unknown-ref-field',
      `${via}(${path}): event \`${target.id}\` has no field \`${target.field}\``,
      arg.span,
      didYouMean(target.field, [...fields, ...Object.keys(ENVELOPE_FIELDS)]) ??
        `its fields: ${listNames(fields) || 'none'} (and timestamp, id, index of the occurrence)`,
    )
    return 'any'
  }
  s.uses.refs.push({ via, def: target.def, field: target.field, rest: target.rest, span: arg.span })
  return 'any'
}

/** Checks a builtin call's arguments against its parameters: counts, keyword names, static types and its own checks. */
export function checkBuiltinArgs(s: CheckScope, e: Call, b: Builtin): void {
  const positional = b.params.filter((p) => !p.keywordOnly && !p.rest)
  const rest = b.params.find((p) => p.rest)
  const given = new Map<string, Expr>()
  e.args.forEach((a, i) => {
    if (i < positional.length) given.set(positional[i].name, a)
    else if (!rest) {
      const kwOnly = b.params.some((p) => p.keywordOnly)
      s.report(
        'expr/arguments',
        `${b.name}() takes ${positional.length === 0 ? 'no positional arguments' : `at most ${positional.length} argument(s)`}, got ${e.args.length}`,
        a.span,
        kwOnly ? `write keyword arguments: ${b.signature}` : `usage: ${b.signature}`,
      )
    }
  })
  for (const k of e.kwargs) {
    const p = b.params.find((x) => x.name === k.name && !x.rest)
    if (!p) {
      const names = b.params.filter((x) => !x.rest).map((x) => x.name)
      s.report(
        'expr/arguments',
        `${b.name}() has no argument \`${k.name}\``,
        k.nameSpan,
        didYouMean(k.name, names) ??
          (names.length ? `it takes: ${names.join(', ')}` : `usage: ${b.signature}`),
      )
    } else if (given.has(k.name)) {
      s.report('expr/arguments', `${b.name}() argument \`${k.name}\` is given twice`, k.nameSpan)
    } else given.set(k.name, k.value)
  }
  for (const p of b.params) {
    if (!p.optional && !p.rest && !given.has(p.name)) {
      s.report(
        'expr/arguments',
        `${b.name}() needs the argument \`${p.name}\``,
        e.span,
        `usage: ${b.signature}`,
      )
    }
  }
  if (rest && !b.params.some((p) => p.optional) && e.args.length === 0 && positional.length === 0) {
    s.report('expr/arguments', `${b.name}() needs at least one argument`, e.span, `usage: ${b.signature}`)
  }
  for (const a of e.args) checkArgType(s, b, a, positional, rest, e.args.indexOf(a))
  for (const k of e.kwargs) {
    const t = s.check(k.value)
    const p = b.params.find((x) => x.name === k.name)
    if (p) typeMatches(s, b, p.name, p.types, t, k.value.span)
  }
  // Numbers written as literals are checked against the parameter's range before generation.
  for (const p of b.params) {
    const node = given.get(p.name)
    if (p.range && node?.type === 'number' && !inRange(node.value, p.range)) {
      s.report(
        'expr/arguments',
        `${b.name}() argument \`${p.name}\` must be ${describeRange(p.range)}, not ${node.value}`,
        node.span,
      )
    }
  }
  if (b.check) {
    const args = b.params.filter((p) => !p.rest).map((p) => given.get(p.name))
    const restArgs = rest ? e.args.slice(positional.length) : []
    for (const p of b.check(args, restArgs)) s.report(p.code, p.message, p.span)
  }
}

function checkArgType(
  s: CheckScope,
  b: Builtin,
  a: Expr,
  positional: Builtin['params'],
  rest: Builtin['params'][number] | undefined,
  i: number,
): void {
  const t = s.check(a)
  const p = i < positional.length ? positional[i] : rest
  if (p) typeMatches(s, b, p.name, p.types, t, a.span)
}

function typeMatches(
  s: CheckScope,
  b: Builtin,
  name: string,
  types: ValueType[] | 'any',
  t: ValueType,
  span: Span,
): void {
  if (types === 'any' || types.includes('any') || t === 'any' || types.includes(t)) return
  s.report(
    'expr/arguments',
    `${b.name}() argument \`${name}\` must be ${types.join(' or ')}, not ${t}`,
    span,
    `usage: ${b.signature}`,
  )
}
