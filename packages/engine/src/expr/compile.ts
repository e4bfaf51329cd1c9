import type { Span } from '../diagnostics/span.ts'
import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import { dottedName, type Expr } from './ast.ts'
import { getBuiltin } from './builtins.ts'
import { compileBuiltinCall } from './compile-call.ts'
import { compileFakerCall } from './compile-faker.ts'
import { compilePick } from './compile-pick.ts'
import { compileRefCall } from './compile-ref.ts'
import type { Evaluator, FakerLink } from './eval-context.ts'
import { contextName } from './names.ts'
import { binaryEvaluator } from './operators.ts'
import {
  checkContainer,
  checkText,
  ExprRuntimeError,
  getMember,
  setKey,
  toText,
  truthy,
  typeOf,
  VALUE_LIMITS,
} from './values.ts'

export { isConstant } from './constant.ts'

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
  /** The current actor type's name, when there is one (its name reads the actor, `visit` its entry count). */
  actor?: string
  /** Actor type names to their indexes (`pick(<actor>)`). */
  actorTypes?: ReadonlyMap<string, number>
}

/** Compiles a checked expression to a closure. Assumes `checkExpression` found no errors. */
export function compileExpression(e: Expr, env: CompileEnv): Evaluator {
  const evaluate = new Compiler(env).compile(e)
  const span = e.span
  // A NaN or Infinity read from data (a YAML `.nan` sibling, `prev.x`) would print as null
  // without a word: it is `runtime/not-finite` like any other, counted, the field null.
  return (c) => {
    const v = evaluate(c)
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new ExprRuntimeError('runtime/not-finite', `the value is ${v}`, span)
    return v
  }
}

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
            if (v !== null && (typeof v === 'object' || typeof v === 'string')) nested = true
          }
          // Values read from prev/ref can grow every occurrence (`[prev.x, prev.x]`), and a list
          // of long strings is as large as one: bound them.
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
            if (v !== null && (typeof v === 'object' || typeof v === 'string')) nested = true
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
    // The current actor's name is the actor (before siblings: `customer: customer.id` reads the actor).
    if (this.env.actor !== undefined) {
      if (written === this.env.actor) return (c) => c.scope.actor?.attributes ?? null
      if (written === 'visit' || written === '$visit') return (c) => c.scope.visit ?? 0
    }
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
      if (c.prov && !c.prov.prev) c.prov.prev = { def, index: p.index, eventId: p.eventId, field, value: v }
      return v
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Evaluator {
    return binaryEvaluator(e.op, this.compile(e.left), this.compile(e.right), e.opSpan)
  }

  private call(e: Extract<Expr, { type: 'call' }>): Evaluator {
    const name = dottedName(e.callee) ?? ''
    const compile = (x: Expr): Evaluator => this.compile(x)
    if (name.startsWith('faker.')) return compileFakerCall(e, name.slice(6), this.env.faker, compile)
    if (name === 'pick' && this.env.actorTypes) return compilePick(e, this.env.actorTypes)
    const b = getBuiltin(name)
    if (!b) {
      return () => {
        throw new ExprRuntimeError('runtime/type-error', `unknown function \`${name}\``, e.callee.span)
      }
    }
    if (b.special === 'ref') return compileRefCall(e, name as 'ref' | 'lookup', this.env)
    return compileBuiltinCall(e, b, compile)
  }
}
