import type { Span } from '../diagnostics/span.ts'
import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import { dottedName, type Expr } from './ast.ts'
import { type ArgInfo, type CallSite, getBuiltin, writtenAsFloat } from './builtins.ts'
import { contextName, ENVELOPE_FIELDS, refArgPath, resolveRefPath } from './check.ts'
import { EvalContext, type Evaluator, type FakerLink } from './eval-context.ts'
import { RuntimeIssues } from './runtime-issues.ts'
import {
  checkContainer,
  checkText,
  ExprRuntimeError,
  equals,
  fromForeign,
  getMember,
  parseIsoTime,
  setKey,
  toText,
  truthy,
  typeOf,
  VALUE_LIMITS,
} from './values.ts'

/** What the compiler needs to turn names into closures; built from a checked story. */
export interface CompileEnv {
  /** Sibling name to slot; null where data is not resolved yet. */
  siblings: ReadonlyMap<string, number> | null
  /** Values of the constant context names of this definition. */
  constants: { org_id: string; source: string; event: string }
  events: ReadonlyMap<string, number>
  /** Top-level data fields of a definition (a `ref` to a missing `timestamp`/`id`/`index` reads the envelope). */
  fieldsOf(def: number): ReadonlySet<string>
  /** Index of the definition being compiled (for prev provenance). */
  def: number
  /** Slots of the faker calls (undefined: no faker calls compile). */
  faker: FakerLink | undefined
}

/** Compiles a checked expression to a closure. Assumes `checkExpression` found no errors. */
export function compileExpression(e: Expr, env: CompileEnv): Evaluator {
  return new Compiler(env).compile(e)
}

/** True when a node's value cannot depend on the occurrence (literals and operators over them). */
export function isConstant(e: Expr): boolean {
  switch (e.type) {
    case 'number':
    case 'string':
    case 'bool':
    case 'null':
      return true
    case 'list':
      return e.items.every(isConstant)
    case 'map':
      return e.entries.every((x) => isConstant(x.value))
    case 'unary':
      return isConstant(e.operand)
    case 'binary':
    case 'logical':
      return isConstant(e.left) && isConstant(e.right)
    case 'conditional':
      return isConstant(e.test) && isConstant(e.consequent) && isConstant(e.alternate)
    case 'template':
      return e.parts.every((p) => p.type === 'text' || isConstant(p))
    default:
      return false
  }
}

const constantCtx = new EvalContext(new RuntimeIssues())
/** The argument list of a call without arguments: shared, never written to. */
const NO_ARGS = Object.freeze([]) as unknown as unknown[]
const VALUE_LIMITS_TEXT = VALUE_LIMITS.maxText

class Compiler {
  constructor(private readonly env: CompileEnv) {}

  compile(e: Expr): Evaluator {
    switch (e.type) {
      case 'number':
      case 'string':
      case 'bool': {
        const v = e.value
        return () => v
      }
      case 'null':
        return () => null
      case 'list': {
        const items = e.items.map((i) => this.compile(i))
        const span = e.span
        return (c) => {
          const out = new Array(items.length)
          let nested = false
          for (let i = 0; i < items.length; i++) {
            const v = items[i](c)
            out[i] = v
            if (v !== null && typeof v === 'object') nested = true
          }
          // Values read from prev/ref can grow every occurrence (`[prev.x, prev.x]`): bound them.
          if (nested) checkContainer(out, out, span)
          return out
        }
      }
      case 'map': {
        const keys = e.entries.map((x) => x.key)
        const vals = e.entries.map((x) => this.compile(x.value))
        const span = e.span
        return (c) => {
          const out: Record<string, unknown> = {}
          let nested = false
          for (let i = 0; i < keys.length; i++) {
            const v = vals[i](c)
            setKey(out, keys[i], v)
            if (v !== null && typeof v === 'object') nested = true
          }
          if (nested) checkContainer(out, Object.values(out), span)
          return out
        }
      }
      case 'template':
        return this.template(e)
      case 'name':
        return this.name(e.name, e.span)
      case 'member': {
        const obj = e.object
        if (obj.type === 'name' && obj.name === 'prev' && !this.env.siblings?.has('prev'))
          return this.prev(e.property)
        const o = this.compile(obj)
        const key = e.property
        const span = e.propertySpan
        return (c) => getMember(o(c), key, span)
      }
      case 'index': {
        const o = this.compile(e.object)
        const i = this.compile(e.index)
        const span = e.index.span
        return (c) => getMember(o(c), i(c), span)
      }
      case 'call':
        return this.call(e)
      case 'unary': {
        const o = this.compile(e.operand)
        const span = e.span
        if (e.op === '!' || e.op === 'not') return (c) => !truthy(o(c))
        if (e.op === '+') {
          return (c) => {
            const v = o(c)
            if (typeof v !== 'number')
              throw new ExprRuntimeError('runtime/type-error', `unary + of a ${typeOf(v)}`, span)
            return v
          }
        }
        return (c) => {
          const v = o(c)
          if (typeof v === 'number') return -v
          if (v instanceof Duration) return new Duration(-v.days, -v.ms)
          throw new ExprRuntimeError('runtime/type-error', `cannot negate a ${typeOf(v)}`, span)
        }
      }
      case 'binary':
        return this.binary(e)
      case 'logical': {
        const l = this.compile(e.left)
        const r = this.compile(e.right)
        if (e.op === 'and')
          return (c) => {
            const v = l(c)
            return truthy(v) ? r(c) : v
          }
        if (e.op === 'or')
          return (c) => {
            const v = l(c)
            return truthy(v) ? v : r(c)
          }
        return (c) => {
          const v = l(c)
          return v === null || v === undefined ? r(c) : v
        }
      }
      case 'conditional': {
        const t = this.compile(e.test)
        const a = this.compile(e.consequent)
        const b = this.compile(e.alternate)
        return (c) => (truthy(t(c)) ? a(c) : b(c))
      }
    }
  }

  private template(e: Extract<Expr, { type: 'template' }>): Evaluator {
    const parts: (string | Evaluator)[] = e.parts.map((p) => (p.type === 'text' ? p.value : this.compile(p)))
    if (parts.length === 1 && typeof parts[0] === 'string') {
      const s = parts[0]
      return () => s
    }
    const span = e.span
    const limit = VALUE_LIMITS_TEXT
    return (c) => {
      let s = ''
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]
        s += typeof p === 'string' ? p : toText(p(c))
        if (s.length > limit) checkText(s, span)
      }
      return s
    }
  }

  private name(written: string, span: Span): Evaluator {
    // `$event` is always the context value; a bare `event` is a sibling field when there is one.
    const name = contextName(written)
    const slot = name === written ? this.env.siblings?.get(name) : undefined
    if (slot !== undefined) return (c) => c.slots[slot]
    switch (name) {
      case 'timestamp':
        return (c) => new ZonedTime(c.scope.timeMs, c.scope.timezone)
      case 'index':
        return (c) => c.scope.index
      case 'org_id':
      case 'source':
      case 'event': {
        const v = this.env.constants[name]
        return () => v
      }
    }
    // The checker rejects unknown names; this only runs for a story compiled despite errors.
    return () => {
      throw new ExprRuntimeError('runtime/type-error', `unknown name \`${written}\``, span)
    }
  }

  private prev(field: string): Evaluator {
    const def = this.env.def
    return (c) => {
      const p = c.scope.prev
      if (!p) return null
      const v = Object.hasOwn(p.fields, field) ? (p.fields[field] ?? null) : null
      if (c.prov && !c.prov.prev) c.prov.prev = { def, index: p.index, field, value: v }
      return v
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Evaluator {
    const l = this.compile(e.left)
    const r = this.compile(e.right)
    const span = e.opSpan
    switch (e.op) {
      case '+':
        return (c) => {
          const a = l(c)
          const b = r(c)
          return typeof a === 'number' && typeof b === 'number' ? a + b : add(a, b, span, c)
        }
      case '-':
        return (c) => {
          const a = l(c)
          const b = r(c)
          return typeof a === 'number' && typeof b === 'number' ? a - b : subtract(a, b, span, c)
        }
      case '*':
        return (c) => multiply(l(c), r(c), span)
      case '/':
        return (c) => divide(l(c), r(c), span, false)
      case '%':
        return (c) => divide(l(c), r(c), span, true)
      case '==':
        return (c) => equals(l(c), r(c))
      case '!=':
        return (c) => !equals(l(c), r(c))
      case '<':
        return (c) => compare(l(c), r(c), span, c) < 0
      case '<=':
        return (c) => compare(l(c), r(c), span, c) <= 0
      case '>':
        return (c) => compare(l(c), r(c), span, c) > 0
      case '>=':
        return (c) => compare(l(c), r(c), span, c) >= 0
      case 'in':
        return (c) => contains(r(c), l(c), span)
    }
  }

  private call(e: Extract<Expr, { type: 'call' }>): Evaluator {
    const name = dottedName(e.callee) ?? ''
    if (name.startsWith('faker.')) return this.faker(e, name.slice(6))
    const b = getBuiltin(name)
    if (!b) {
      return () => {
        throw new ExprRuntimeError('runtime/type-error', `unknown function \`${name}\``, e.callee.span)
      }
    }
    if (b.special === 'ref') return this.ref(e, name as 'ref' | 'lookup')
    const positional = b.params.filter((p) => !p.keywordOnly && !p.rest)
    const fixed = b.params.filter((p) => !p.rest)
    const infos: (ArgInfo | undefined)[] = fixed.map(() => undefined)
    const rest: ArgInfo[] = []
    const nodes: (Expr | undefined)[] = fixed.map(() => undefined)
    e.args.forEach((a, i) => {
      if (i < positional.length) {
        const at = fixed.indexOf(positional[i])
        infos[at] = this.argInfo(a)
        nodes[at] = a
      } else rest.push(this.argInfo(a))
    })
    for (const k of e.kwargs) {
      const at = fixed.findIndex((p) => p.name === k.name)
      if (at >= 0) {
        infos[at] = this.argInfo(k.value)
        nodes[at] = k.value
      }
    }
    const special = b.compile?.({ args: infos, rest, span: e.span })
    if (special) return special
    const impl = b.impl
    if (!impl) throw new Error(`builtin ${b.name} has no implementation`)
    const site: CallSite = {
      span: e.span,
      floatArgs: [...nodes.map(writtenAsFloat), ...e.args.slice(positional.length).map(writtenAsFloat)],
    }
    // Trailing unset optional parameters are dropped so `impl` sees the call as written.
    let last = infos.length
    while (last > 0 && infos[last - 1] === undefined) last--
    const evals = infos.slice(0, last).map((a) => a?.evaluate)
    const restEvals = rest.map((a) => a.evaluate)
    const n = evals.length
    const total = n + restEvals.length
    if (total === 0) return (c) => impl(c, [], site)
    return (c) => {
      const args = new Array(total)
      for (let i = 0; i < n; i++) {
        const f = evals[i]
        args[i] = f === undefined ? undefined : f(c)
      }
      for (let i = 0; i < restEvals.length; i++) args[n + i] = restEvals[i](c)
      return impl(c, args, site)
    }
  }

  private argInfo(node: Expr): ArgInfo {
    const info: ArgInfo = { node, evaluate: this.compile(node), constant: false }
    if (node.type === 'map') info.entries = new Map(node.entries.map((x) => [x.key, this.compile(x.value)]))
    if (isConstant(node)) {
      try {
        info.value = info.evaluate(constantCtx)
        info.constant = true
      } catch {
        // A constant that fails (1 / 0) is reported when it runs, with its span.
      }
    }
    return info
  }

  private faker(e: Extract<Expr, { type: 'call' }>, path: string): Evaluator {
    // The program only names the call (a slot); each run binds the slot to its own faker instance.
    const slot = this.env.faker?.slot(path)
    const span = e.span
    if (slot === undefined) {
      return () => {
        throw new ExprRuntimeError('runtime/type-error', `unknown faker generator \`faker.${path}\``, span)
      }
    }
    const args = e.args.map((a) => this.compile(a))
    const kwNames = e.kwargs.map((k) => k.name)
    const kwVals = e.kwargs.map((k) => this.compile(k.value))
    if (args.length === 0 && kwNames.length === 0) {
      // `faker.name()`: the common form, without an argument list to allocate per call.
      return (c) => {
        const f = c.faker!
        f.bridge.rng = c.rng
        f.bridge.refMs = c.scope.timeMs
        let v: unknown
        try {
          v = f.calls[slot](NO_ARGS, null)
        } catch (err) {
          throw new ExprRuntimeError(
            'runtime/faker-error',
            `faker.${path}(): ${err instanceof Error ? err.message : String(err)}`,
            span,
          )
        }
        return fromForeign(v, c.scope.timezone)
      }
    }
    return (c) => {
      const argv = new Array(args.length)
      for (let i = 0; i < args.length; i++) argv[i] = args[i](c)
      let kw: Record<string, unknown> | null = null
      if (kwNames.length > 0) {
        kw = {}
        for (let i = 0; i < kwNames.length; i++) setKey(kw, kwNames[i], kwVals[i](c))
      }
      const f = c.faker!
      f.bridge.rng = c.rng
      f.bridge.refMs = c.scope.timeMs
      let v: unknown
      try {
        v = f.calls[slot](argv, kw)
      } catch (err) {
        throw new ExprRuntimeError(
          'runtime/faker-error',
          `faker.${path}(): ${err instanceof Error ? err.message : String(err)}`,
          span,
        )
      }
      return fromForeign(v, c.scope.timezone)
    }
  }

  private ref(e: Extract<Expr, { type: 'call' }>, via: 'ref' | 'lookup'): Evaluator {
    const arg = e.args[0]
    const path = refArgPath(arg) ?? ''
    const target = resolveRefPath(path, this.env.events)
    if (!target) {
      return () => {
        throw new ExprRuntimeError('runtime/no-ref', `${via}(${path}) has no target event`, e.span)
      }
    }
    const { def, field, rest } = target
    const span = arg.span
    // `ref(signup.timestamp)` when signup has no data field `timestamp`: the occurrence's envelope.
    const envelope =
      !this.env.fieldsOf(def).has(field) && Object.hasOwn(ENVELOPE_FIELDS, field)
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
}

/**
 * A time read back from the output (`prev.created`, `ref(e.created)`: kept fields are the JSON
 * form, an ISO string) where time arithmetic needs it (`other` is a duration, or a time when
 * `orTime`): the time itself; anything else is returned as is.
 */
function asTime(v: unknown, other: unknown, orTime: boolean, c: EvalContext): unknown {
  if (typeof v !== 'string' || !(other instanceof Duration || (orTime && other instanceof ZonedTime)))
    return v
  return parseIsoTime(v, c.scope.timezone) ?? v
}

function add(a: unknown, b: unknown, span: Span, c: EvalContext): unknown {
  // `prev.created + duration(hours=1)` is a time, not text; a string plus a time stays text.
  a = asTime(a, b, false, c)
  b = asTime(b, a, false, c)
  if (typeof a === 'string' && b !== null && b !== undefined) return checkText(a + toText(b), span)
  if (typeof b === 'string' && a !== null && a !== undefined) return checkText(toText(a) + b, span)
  if (a instanceof ZonedTime && b instanceof Duration) return a.add(b)
  if (a instanceof Duration && b instanceof ZonedTime) return b.add(a)
  if (a instanceof Duration && b instanceof Duration) return new Duration(a.days + b.days, a.ms + b.ms)
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a, ...b]
    checkContainer(out, out, span)
    return out
  }
  throw new ExprRuntimeError('runtime/type-error', `cannot add ${typeOf(a)} and ${typeOf(b)}`, span)
}

function subtract(a: unknown, b: unknown, span: Span, c: EvalContext): unknown {
  a = asTime(a, b, true, c)
  b = asTime(b, a, true, c)
  if (a instanceof ZonedTime && b instanceof Duration) return a.add(new Duration(-b.days, -b.ms))
  if (a instanceof ZonedTime && b instanceof ZonedTime) return new Duration(0, a.ms - b.ms)
  if (a instanceof Duration && b instanceof Duration) return new Duration(a.days - b.days, a.ms - b.ms)
  throw new ExprRuntimeError('runtime/type-error', `cannot subtract ${typeOf(b)} from ${typeOf(a)}`, span)
}

function multiply(a: unknown, b: unknown, span: Span): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b
  if (a instanceof Duration && typeof b === 'number') return new Duration(a.days * b, a.ms * b)
  if (typeof a === 'number' && b instanceof Duration) return new Duration(b.days * a, b.ms * a)
  throw new ExprRuntimeError('runtime/type-error', `cannot multiply ${typeOf(a)} by ${typeOf(b)}`, span)
}

function divide(a: unknown, b: unknown, span: Span, mod: boolean): unknown {
  const op = mod ? '%' : '/'
  if (typeof b === 'number' && b === 0 && (typeof a === 'number' || a instanceof Duration)) {
    throw new ExprRuntimeError('runtime/division-by-zero', `${mod ? 'modulo' : 'division'} by zero`, span)
  }
  if (typeof a === 'number' && typeof b === 'number') return mod ? a % b : a / b
  if (!mod && a instanceof Duration && typeof b === 'number') return new Duration(a.days / b, a.ms / b)
  throw new ExprRuntimeError('runtime/type-error', `cannot compute ${typeOf(a)} ${op} ${typeOf(b)}`, span)
}

function compare(a: unknown, b: unknown, span: Span, c: EvalContext): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  a = asTime(a, b, true, c)
  b = asTime(b, a, true, c)
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (a instanceof ZonedTime && b instanceof ZonedTime) return a.ms - b.ms
  if (a instanceof Duration && b instanceof Duration) return a.approxMs - b.approxMs
  throw new ExprRuntimeError('runtime/type-error', `cannot compare ${typeOf(a)} with ${typeOf(b)}`, span)
}

function contains(hay: unknown, needle: unknown, span: Span): boolean {
  if (Array.isArray(hay)) return hay.some((x) => equals(x, needle))
  if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle)
  if (hay !== null && typeof hay === 'object' && !(hay instanceof ZonedTime) && !(hay instanceof Duration)) {
    return typeof needle === 'string' && Object.hasOwn(hay, needle)
  }
  throw new ExprRuntimeError(
    'runtime/type-error',
    `\`in\` needs a list, map or string on the right, not ${typeOf(hay)}`,
    span,
  )
}
