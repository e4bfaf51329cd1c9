import type { Span } from '../diagnostics/span.ts'
import { dottedName, type Expr } from './ast.ts'
import { type Builtin, builtinNames, getBuiltin } from './builtins.ts'
import { allFakerNames, isFakerPath, pythonFakerName } from './faker-bridge.ts'
import { closest, didYouMean } from './suggest.ts'
import type { ValueType } from './values.ts'

/** A problem found by the checker, with a span in the expression's text. */
export interface CheckProblem {
  code: string
  message: string
  span: Span
  hint?: string
}

/**
 * Context values every expression can read by name. A bare name (`event`) is a sibling field
 * when the event has one; the `$` form (`$event`) is always the context value, so a payload
 * field named `event` or `timestamp` can still be filled from it (`event: = $event`).
 */
export const CONTEXT_NAMES: Record<string, ValueType> = {
  timestamp: 'time',
  index: 'number',
  org_id: 'string',
  source: 'string',
  event: 'string',
  $timestamp: 'time',
  $index: 'number',
  $org_id: 'string',
  $source: 'string',
  $event: 'string',
}

/** The context value a name reads (`$event` -> `event`); the name itself when it has no `$` form. */
export function contextName(name: string): string {
  return name.charCodeAt(0) === 36 && Object.hasOwn(CONTEXT_NAMES, name) ? name.slice(1) : name
}

/**
 * Envelope fields of a referenced occurrence: `ref(signup.timestamp)` reads the occurrence's
 * time when `signup` has no data field `timestamp` (same for `id` and `index`, and `lookup`).
 */
export const ENVELOPE_FIELDS: Record<'timestamp' | 'id' | 'index', ValueType> = {
  timestamp: 'time',
  id: 'string',
  index: 'number',
}

/** Member names that are never data: reading them is how sandbox escapes start. */
export const UNSAFE_MEMBERS = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  'caller',
  'callee',
  'arguments',
  'call',
  'apply',
  'bind',
  'then',
])

/** Global names of JS hosts; they do not exist in the language, and the checker says so plainly. */
export const UNSAFE_NAMES = new Set([
  'this',
  'globalThis',
  'global',
  'window',
  'self',
  'document',
  'process',
  'require',
  'module',
  'exports',
  'import',
  'eval',
  'Function',
  'Object',
  'Reflect',
  'Proxy',
  'Symbol',
  'constructor',
  'prototype',
  '__proto__',
  'arguments',
  'Math',
  'Date',
  'JSON',
  'fetch',
  'setTimeout',
  'setInterval',
])

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

/** The names an expression may see, per definition. */
export interface CheckEnv {
  /** Top-level data fields readable as bare names; null where data is not resolved yet (offset, delay, jitter, every). */
  siblings: ReadonlySet<string> | null
  /** This definition's top-level fields (for `prev.x`). */
  ownFields: ReadonlySet<string>
  /** Event ids to definition indexes. */
  events: ReadonlyMap<string, number>
  /** Top-level data fields of a definition. */
  fieldsOf(def: number): ReadonlySet<string>
  /** What the option or field is called, for messages ("`delay`"). */
  where?: string
}

/** What an expression reads: filled by the checker, used for dependency order, kept fields and provenance. */
export interface ExprUses {
  siblings: Map<string, Span>
  context: Set<string>
  refs: RefUse[]
  prev: Map<string, Span>
}

/** Makes an empty `ExprUses`. */
export function emptyUses(): ExprUses {
  return { siblings: new Map(), context: new Set(), refs: [], prev: new Map() }
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

class Checker {
  readonly problems: CheckProblem[] = []

  constructor(
    private readonly env: CheckEnv,
    readonly uses: ExprUses,
  ) {}

  private report(code: string, message: string, span: Span, hint?: string): void {
    this.problems.push(hint ? { code, message, span, hint } : { code, message, span })
  }

  /** Checks a node and returns its static type. */
  check(e: Expr): ValueType {
    switch (e.type) {
      case 'number':
        return 'number'
      case 'string':
        return 'string'
      case 'bool':
        return 'boolean'
      case 'null':
        return 'null'
      case 'list':
        for (const i of e.items) this.check(i)
        return 'list'
      case 'map':
        for (const x of e.entries) this.check(x.value)
        return 'map'
      case 'template':
        for (const p of e.parts) if (p.type !== 'text') this.check(p)
        return 'string'
      case 'name':
        return this.name(e.name, e.span)
      case 'member':
        return this.member(e)
      case 'index': {
        this.check(e.object)
        this.check(e.index)
        if (e.index.type === 'string' && UNSAFE_MEMBERS.has(e.index.value)) {
          this.report('expr/unsafe', `\`${e.index.value}\` is not data and cannot be read`, e.index.span)
        }
        return 'any'
      }
      case 'call':
        return this.call(e)
      case 'unary': {
        const t = this.check(e.operand)
        if (e.op === '!' || e.op === 'not') return 'boolean'
        return t === 'duration' ? 'duration' : 'number'
      }
      case 'binary': {
        const l = this.check(e.left)
        const r = this.check(e.right)
        if (
          e.op === '==' ||
          e.op === '!=' ||
          e.op === '<' ||
          e.op === '<=' ||
          e.op === '>' ||
          e.op === '>=' ||
          e.op === 'in'
        ) {
          return 'boolean'
        }
        if (l === 'number' && r === 'number') return 'number'
        if (e.op === '+' && (l === 'string' || r === 'string')) return 'string'
        if ((e.op === '+' || e.op === '-') && l === 'time' && r === 'duration') return 'time'
        if (e.op === '+' && l === 'duration' && r === 'time') return 'time'
        if (e.op === '-' && l === 'time' && r === 'time') return 'duration'
        return 'any'
      }
      case 'logical':
        this.check(e.left)
        this.check(e.right)
        return 'any'
      case 'conditional':
        this.check(e.test)
        this.check(e.consequent)
        this.check(e.alternate)
        return 'any'
    }
  }

  private name(name: string, span: Span): ValueType {
    const { siblings } = this.env
    if (name.charCodeAt(0) === 36 && Object.hasOwn(CONTEXT_NAMES, name)) {
      // `$event`: never a sibling, even when a data field is called `$event`.
      this.uses.context.add(contextName(name))
      return CONTEXT_NAMES[name]
    }
    if (siblings?.has(name)) {
      if (!this.uses.siblings.has(name)) this.uses.siblings.set(name, span)
      return 'any'
    }
    if (Object.hasOwn(CONTEXT_NAMES, name)) {
      this.uses.context.add(name)
      return CONTEXT_NAMES[name]
    }
    if (name === 'prev') {
      this.report('expr/unknown-prev-field', '`prev` must be followed by a field name: `prev.field`', span)
      return 'any'
    }
    if (name === 'faker') {
      this.report(
        'expr/unknown-faker',
        '`faker` must be followed by a generator and called: `faker.person.fullName()`',
        span,
      )
      return 'any'
    }
    if (UNSAFE_NAMES.has(name)) {
      this.report(
        'expr/unsafe',
        `\`${name}\` does not exist in expressions: they read data, never the host`,
        span,
      )
      return 'any'
    }
    if (siblings === null && this.env.ownFields.has(name)) {
      this.report(
        'expr/unknown-name',
        `\`${name}\` is a data field, but ${this.env.where ?? 'this option'} is evaluated before data`,
        span,
        'only context values (index, timestamp, org_id, source, event, or $index, $timestamp, ...) and functions can be used here',
      )
      return 'any'
    }
    if (getBuiltin(name)) {
      this.report('expr/unknown-name', `\`${name}\` is a function; call it: \`${name}(...)\``, span)
      return 'any'
    }
    const candidates = [...(siblings ?? []), ...Object.keys(CONTEXT_NAMES)]
    const hint =
      didYouMean(name, candidates) ??
      (siblings
        ? `bare names are sibling fields (${[...siblings].join(', ') || 'none'}) or context values; quote text: '${name}'`
        : undefined)
    this.report('expr/unknown-name', `unknown name \`${name}\``, span, hint)
    return 'any'
  }

  private member(e: Extract<Expr, { type: 'member' }>): ValueType {
    if (UNSAFE_MEMBERS.has(e.property)) {
      this.report('expr/unsafe', `\`${e.property}\` is not data and cannot be read`, e.propertySpan)
      return 'any'
    }
    const obj = e.object
    if (obj.type === 'name' && obj.name === 'prev' && !this.env.siblings?.has('prev')) {
      if (!this.env.ownFields.has(e.property)) {
        this.report(
          'expr/unknown-prev-field',
          `\`prev.${e.property}\`: this event has no field \`${e.property}\``,
          e.propertySpan,
          didYouMean(e.property, this.env.ownFields),
        )
      } else if (!this.uses.prev.has(e.property)) this.uses.prev.set(e.property, e.span)
      return 'any'
    }
    const dotted = dottedName(e)
    if (dotted?.startsWith('faker.')) {
      this.report('expr/unknown-faker', `\`${dotted}\` must be called: \`${dotted}()\``, e.span)
      return 'any'
    }
    this.check(obj)
    return 'any'
  }

  private call(e: Extract<Expr, { type: 'call' }>): ValueType {
    const name = dottedName(e.callee)
    if (name === undefined) {
      this.report(
        'expr/unsafe',
        'only functions can be called; calling the result of an expression is not allowed',
        e.callee.span,
      )
      this.checkArgs(e)
      return 'any'
    }
    if (name.startsWith('faker.')) return this.fakerCall(e, name.slice(6))
    const b = getBuiltin(name)
    if (!b) {
      const segs = name.split('.')
      const unsafe = segs.find((s) => UNSAFE_NAMES.has(s) || UNSAFE_MEMBERS.has(s))
      if (unsafe) {
        this.report(
          'expr/unsafe',
          `\`${name}(...)\` cannot be called: \`${unsafe}\` is not available in expressions`,
          e.callee.span,
        )
      } else if (
        segs.length > 1 &&
        (this.env.siblings?.has(segs[0]) || Object.hasOwn(CONTEXT_NAMES, segs[0]) || segs[0] === 'prev')
      ) {
        this.report(
          'expr/unsafe',
          `\`${name}(...)\`: method calls on values are not allowed; use functions such as upper(x)`,
          e.callee.span,
        )
      } else {
        const hint = didYouMean(name, [...builtinNames(), ...allFakerNames().map((n) => `faker.${n}`)])
        this.report('expr/unknown-function', `unknown function \`${name}\``, e.callee.span, hint)
      }
      this.checkArgs(e)
      return 'any'
    }
    if (b.special === 'ref') return this.refCall(e, b)
    this.builtinArgs(e, b)
    return Array.isArray(b.returns) ? 'any' : b.returns
  }

  private checkArgs(e: Extract<Expr, { type: 'call' }>): void {
    for (const a of e.args) this.check(a)
    for (const k of e.kwargs) this.check(k.value)
  }

  private fakerCall(e: Extract<Expr, { type: 'call' }>, path: string): ValueType {
    if (!isFakerPath(path)) {
      const near = closest(path, allFakerNames())
      this.report(
        'expr/unknown-faker',
        `unknown faker generator \`faker.${path}\``,
        e.callee.span,
        near ? `did you mean \`faker.${near}\`?` : 'see docs/generators.md for the faker generators',
      )
    } else {
      const py = pythonFakerName(path)
      if (py) {
        if (e.args.length > py.maxArgs) {
          this.report(
            'expr/arguments',
            `faker.${path}() takes at most ${py.maxArgs} argument(s)`,
            e.args[py.maxArgs].span,
          )
        }
        for (const k of e.kwargs) {
          if (!py.kwargs.includes(k.name)) {
            this.report(
              'expr/arguments',
              `faker.${path}() has no argument \`${k.name}\``,
              k.nameSpan,
              py.kwargs.length ? `it takes: ${py.kwargs.join(', ')}` : undefined,
            )
          }
        }
      }
    }
    this.checkArgs(e)
    return 'any'
  }

  private refCall(e: Extract<Expr, { type: 'call' }>, b: Builtin): ValueType {
    const via = b.name as 'ref' | 'lookup'
    if (e.args.length !== 1 || e.kwargs.length > 0) {
      this.report('expr/arguments', `${via}() takes one argument: ${via}(event.field)`, e.span)
      return 'any'
    }
    const arg = e.args[0]
    const path = refArgPath(arg)
    if (path === undefined) {
      this.report('expr/arguments', `${via}() takes a path \`event.field\`, not an expression`, arg.span)
      return 'any'
    }
    const target = resolveRefPath(path, this.env.events)
    if (!target) {
      const ids = [...this.env.events.keys()]
      const prefix = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : path
      this.report(
        'expr/unknown-ref',
        path.includes('.')
          ? `${via}(${path}): no event with id \`${prefix}\``
          : `${via}(${path}): write ${via}(event.field)`,
        arg.span,
        didYouMean(prefix, ids) ?? (ids.length ? `event ids: ${ids.join(', ')}` : undefined),
      )
      return 'any'
    }
    const fields = this.env.fieldsOf(target.def)
    if (!fields.has(target.field) && Object.hasOwn(ENVELOPE_FIELDS, target.field)) {
      const field = target.field as keyof typeof ENVELOPE_FIELDS
      if (target.rest.length > 0) {
        this.report(
          'expr/unknown-ref-field',
          `${via}(${path}): \`${target.id}.${field}\` is the occurrence's ${field}, it has no field \`${target.rest[0]}\``,
          arg.span,
        )
        return 'any'
      }
      this.uses.refs.push({ via, def: target.def, field, rest: [], span: arg.span, envelope: true })
      return ENVELOPE_FIELDS[field]
    }
    if (!fields.has(target.field)) {
      this.report(
        'expr/unknown-ref-field',
        `${via}(${path}): event \`${target.id}\` has no field \`${target.field}\``,
        arg.span,
        didYouMean(target.field, [...fields, ...Object.keys(ENVELOPE_FIELDS)]) ??
          `its fields: ${[...fields].join(', ') || 'none'} (and timestamp, id, index of the occurrence)`,
      )
      return 'any'
    }
    this.uses.refs.push({ via, def: target.def, field: target.field, rest: target.rest, span: arg.span })
    return 'any'
  }

  private builtinArgs(e: Extract<Expr, { type: 'call' }>, b: Builtin): void {
    const positional = b.params.filter((p) => !p.keywordOnly && !p.rest)
    const rest = b.params.find((p) => p.rest)
    const given = new Map<string, Expr>()
    e.args.forEach((a, i) => {
      if (i < positional.length) given.set(positional[i].name, a)
      else if (!rest) {
        const kwOnly = b.params.some((p) => p.keywordOnly)
        this.report(
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
        this.report(
          'expr/arguments',
          `${b.name}() has no argument \`${k.name}\``,
          k.nameSpan,
          didYouMean(k.name, names) ??
            (names.length ? `it takes: ${names.join(', ')}` : `usage: ${b.signature}`),
        )
      } else if (given.has(k.name)) {
        this.report('expr/arguments', `${b.name}() argument \`${k.name}\` is given twice`, k.nameSpan)
      } else given.set(k.name, k.value)
    }
    for (const p of b.params) {
      if (!p.optional && !p.rest && !given.has(p.name)) {
        this.report(
          'expr/arguments',
          `${b.name}() needs the argument \`${p.name}\``,
          e.span,
          `usage: ${b.signature}`,
        )
      }
    }
    if (rest && !b.params.some((p) => p.optional) && e.args.length === 0 && positional.length === 0) {
      this.report(
        'expr/arguments',
        `${b.name}() needs at least one argument`,
        e.span,
        `usage: ${b.signature}`,
      )
    }
    for (const a of e.args) this.checkArgType(b, a, positional, rest, e.args.indexOf(a))
    for (const k of e.kwargs) {
      const t = this.check(k.value)
      const p = b.params.find((x) => x.name === k.name)
      if (p) this.typeMatches(b, p.name, p.types, t, k.value.span)
    }
    if (b.check) {
      const args = b.params.filter((p) => !p.rest).map((p) => given.get(p.name))
      const restArgs = rest ? e.args.slice(positional.length) : []
      for (const p of b.check(args, restArgs)) this.report(p.code, p.message, p.span)
    }
  }

  private checkArgType(
    b: Builtin,
    a: Expr,
    positional: Builtin['params'],
    rest: Builtin['params'][number] | undefined,
    i: number,
  ): void {
    const t = this.check(a)
    const p = i < positional.length ? positional[i] : rest
    if (p) this.typeMatches(b, p.name, p.types, t, a.span)
  }

  private typeMatches(b: Builtin, name: string, types: ValueType[] | 'any', t: ValueType, span: Span): void {
    if (types === 'any' || types.includes('any') || t === 'any' || types.includes(t)) return
    this.report(
      'expr/arguments',
      `${b.name}() argument \`${name}\` must be ${types.join(' or ')}, not ${t}`,
      span,
      `usage: ${b.signature}`,
    )
  }
}

/** Checks one parsed expression against its environment; returns problems and records what it reads into `uses`. */
export function checkExpression(e: Expr, env: CheckEnv, uses: ExprUses = emptyUses()): CheckProblem[] {
  const c = new Checker(env, uses)
  c.check(e)
  return c.problems
}
