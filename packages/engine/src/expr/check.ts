import type { Span } from '../diagnostics/span.ts'
import { dottedName, type Expr } from './ast.ts'
import { builtinNames, getBuiltin } from './builtins.ts'
import { checkBuiltinArgs, checkRefCall } from './check-calls.ts'
import { checkFakerCall } from './check-faker.ts'
import { type CheckEnv, type CheckProblem, type CheckScope, type ExprUses, emptyUses } from './check-types.ts'
import { allFakerNames } from './faker-bridge.ts'
import { CONTEXT_NAMES, contextName, UNSAFE_MEMBERS, UNSAFE_NAMES } from './names.ts'
import { didYouMean, listNames } from './suggest.ts'
import type { ValueType } from './values.ts'

export type { CheckEnv, CheckProblem, ExprUses } from './check-types.ts'
export { emptyUses } from './check-types.ts'
export { CONTEXT_NAMES, contextName, ENVELOPE_FIELDS, UNSAFE_MEMBERS, UNSAFE_NAMES } from './names.ts'
export type { RefUse } from './ref-path.ts'
export { refArgPath, resolveRefPath } from './ref-path.ts'

class Checker implements CheckScope {
  readonly problems: CheckProblem[] = []

  constructor(
    readonly env: CheckEnv,
    readonly uses: ExprUses,
  ) {}

  report(code: string, message: string, span: Span, hint?: string): void {
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
    const { siblings, actor } = this.env
    // The current actor's name is the actor, even when a data field has the same name.
    if (actor && name === actor.name) {
      this.uses.context.add(name)
      return 'map'
    }
    if (actor && (name === 'visit' || name === '$visit')) {
      this.uses.context.add('visit')
      return 'number'
    }
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
    if (this.env.actors?.has(name) || name === 'visit' || name === '$visit') {
      this.report(
        'actor/not-in-scope',
        name.endsWith('visit')
          ? '`visit` is read only in events `on: <actor>.<state>` (and their funnels)'
          : `\`${name}\` is an actor type; this expression has no current ${name}`,
        span,
        name.endsWith('visit')
          ? undefined
          : `events \`on: ${name}.<state>\` (and their funnels) read ${name}.<attribute>; elsewhere use pick(${name}).<attribute>`,
      )
      return 'any'
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
    const hint =
      didYouMean(name, namesInScope(siblings)) ??
      (siblings
        ? `bare names are sibling fields (${listNames(siblings) || 'none'}) or context values; quote text: '${name}'`
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
    const actorAttrs = this.actorAttributes(obj)
    if (actorAttrs) {
      this.check(obj)
      if (!actorAttrs.attributes.has(e.property)) {
        this.report(
          'actor/unknown-attribute',
          `actor type \`${actorAttrs.name}\` has no attribute \`${e.property}\``,
          e.propertySpan,
          didYouMean(e.property, actorAttrs.attributes) ??
            `attributes: ${listNames(actorAttrs.attributes) || 'none'}`,
        )
      }
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

  /** The actor type an object expression reads (`user` as the current actor, `pick(user)`), if any. */
  private actorAttributes(obj: Expr): { name: string; attributes: ReadonlySet<string> } | undefined {
    const actor = this.env.actor
    if (obj.type === 'name' && actor && obj.name === actor.name) return actor
    if (obj.type !== 'call' || dottedName(obj.callee) !== 'pick') return undefined
    const arg = obj.args[0]
    const attributes = arg?.type === 'name' ? this.env.actors?.get(arg.name) : undefined
    return attributes && arg?.type === 'name' ? { name: arg.name, attributes } : undefined
  }

  /** `pick(<actor>)`: one bare name, a declared actor type. */
  private pick(e: Extract<Expr, { type: 'call' }>): ValueType {
    const arg = e.args[0]
    if (e.args.length !== 1 || e.kwargs.length > 0 || arg.type !== 'name') {
      this.report('expr/arguments', 'pick() takes one actor type: pick(user)', e.span)
      return 'any'
    }
    const actors = this.env.actors ?? new Map<string, ReadonlySet<string>>()
    if (!actors.has(arg.name)) {
      this.report(
        'actor/unknown',
        `pick(${arg.name}): no actor type \`${arg.name}\``,
        arg.span,
        didYouMean(arg.name, actors.keys()) ??
          (actors.size ? `actor types: ${listNames(actors.keys())}` : 'declare it under `actors:`'),
      )
    }
    return 'map'
  }

  private call(e: Extract<Expr, { type: 'call' }>): ValueType {
    const name = dottedName(e.callee)
    if (name === 'pick') return this.pick(e)
    if (name === undefined) {
      this.report(
        'expr/unsafe',
        'only functions can be called; calling the result of an expression is not allowed',
        e.callee.span,
      )
      this.checkArgs(e)
      return 'any'
    }
    if (name.startsWith('faker.')) {
      checkFakerCall(e, name.slice(6), (code, message, span, hint) => this.report(code, message, span, hint))
      this.checkArgs(e)
      return 'any'
    }
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
    if (b.special === 'ref') return checkRefCall(this, e, b)
    checkBuiltinArgs(this, e, b)
    return Array.isArray(b.returns) ? 'any' : b.returns
  }

  private checkArgs(e: Extract<Expr, { type: 'call' }>): void {
    for (const a of e.args) this.check(a)
    for (const k of e.kwargs) this.check(k.value)
  }
}

/** Sibling and context names, without copying the siblings (a story may have thousands). */
function* namesInScope(siblings: ReadonlySet<string> | null): Generator<string> {
  if (siblings) yield* siblings
  yield* Object.keys(CONTEXT_NAMES)
}

/** Checks one parsed expression against its environment; returns problems and records what it reads into `uses`. */
export function checkExpression(e: Expr, env: CheckEnv, uses: ExprUses = emptyUses()): CheckProblem[] {
  const c = new Checker(env, uses)
  c.check(e)
  return c.problems
}
