import { hashString } from '../runtime/rng.ts'
import type { FieldProvenance, OccurrenceScope } from '../runtime/scope.ts'
import { optionForkText } from '../runtime/streams.ts'
import { Duration } from '../schedule/duration.ts'
import type { AdHocPlan, CompiledDef, DefProgram, FieldPlan, OptionPlan } from './compiled.ts'
import { EvalContext, type Evaluator, type RunFaker } from './eval-context.ts'
import type { IssueSite, RuntimeIssues } from './runtime-issues.ts'
import { ExprRuntimeError, setKey, toOutputValue, truthy, typeOf } from './values.ts'

const WHEN_KEY = hashString(optionForkText('when'))

/**
 * One definition's state in one run: its evaluation context (slots, provenance), the data it
 * last built and its provenance slots. The program's closures run against it; nothing here is
 * shared with another run.
 */
export class DefFrame implements CompiledDef {
  when?: (scope: OccurrenceScope, data: Record<string, unknown>) => boolean
  offset?: (scope: OccurrenceScope) => Duration
  delay?: (scope: OccurrenceScope) => Duration
  jitter?: (scope: OccurrenceScope) => Duration
  private readonly ctx: EvalContext
  private lastData: Record<string, unknown> | null = null
  private readonly written: readonly FieldPlan[]
  private readonly order: readonly FieldPlan[]
  private readonly provSlots: (FieldProvenance | null)[]

  constructor(
    readonly program: DefProgram,
    private readonly issues: RuntimeIssues,
    faker: RunFaker | null,
  ) {
    this.written = program.fields
    this.order = program.order
    this.provSlots = program.fields.map(() => null)
    this.ctx = new EvalContext(issues)
    this.ctx.slots = new Array(program.fields.length).fill(null)
    this.ctx.faker = faker
    if (program.when) this.when = this.whenResolver(program.when)
    if (program.offset) this.offset = this.durationResolver(program.offset, 'offset')
    if (program.delay) this.delay = this.durationResolver(program.delay, 'delay')
    if (program.jitter) this.jitter = this.durationResolver(program.jitter, 'jitter')
  }

  resolveData(scope: OccurrenceScope, order: readonly FieldPlan[] = this.order): Record<string, unknown> {
    const c = this.ctx
    c.scope = scope
    const slots = c.slots
    const prov = scope.provenance
    for (let i = 0; i < order.length; i++) {
      const f = order[i]
      scope.rng.fork(f.hash, c.rng)
      c.site = f.site
      if (prov) {
        c.prov = {
          field: f.name,
          expression: f.expression,
          file: f.site.file,
          span: f.site.span,
          refs: [],
          siblings: [...f.uses.siblings.keys()],
          context: [...f.uses.context],
        }
        this.provSlots[f.slot] = c.prov
      }
      let v: unknown
      try {
        v = f.evaluate(c)
        if (v === undefined) v = null
      } catch (e) {
        this.fail(f.site, e)
        v = null
      }
      slots[f.slot] = v
    }
    c.prov = null
    c.site = null
    const out: Record<string, unknown> = {}
    // The output is plain JSON (SPEC section 4): times and durations become ISO strings here,
    // while the slots keep the values themselves for siblings, `when:` and custom generators.
    // A partial order (another part's occurrence, read by later events) builds only its fields:
    // the other slots still hold an earlier occurrence's values.
    const fields = order === this.order ? this.written : order
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]
      const v = slots[f.slot]
      const value = v === null || typeof v !== 'object' ? v : toOutputValue(v)
      setKey(out, f.name, value)
    }
    if (prov) for (const p of this.provSlots) if (p) prov.push(p)
    this.lastData = out
    return out
  }

  /** Binds an ad-hoc expression (custom generators): evaluated against `data` as the siblings, with its own stream. */
  adhoc(plan: AdHocPlan): (scope: OccurrenceScope, data: Record<string, unknown>) => unknown {
    const { evaluate, site, key } = plan
    return (scope, data) => {
      const c = this.ctx
      c.scope = scope
      this.loadSlots(data)
      scope.rng.fork(key, c.rng)
      c.site = site
      try {
        const v = evaluate(c)
        return v === undefined ? null : v
      } catch (e) {
        this.fail(site, e)
        return null
      } finally {
        c.site = null
      }
    }
  }

  /** Evaluates a duration option once, outside a run (`every:`), with this frame's context. */
  evaluateOnce(f: Evaluator, site: IssueSite, name: string, scope: OccurrenceScope): Duration {
    return this.durationResolver({ evaluate: f, site }, name)(scope)
  }

  private loadSlots(data: Record<string, unknown>): void {
    const slots = this.ctx.slots
    const written = this.written
    for (let i = 0; i < written.length; i++) {
      const name = written[i].name
      slots[i] = Object.hasOwn(data, name) ? data[name] : null
    }
  }

  private fail(site: IssueSite, e: unknown): void {
    if (e instanceof ExprRuntimeError) this.issues.report(site, e.code, e.message, e.span)
    else this.issues.report(site, 'runtime/type-error', e instanceof Error ? e.message : String(e))
  }

  /** `when:` reading the siblings of `data`. */
  private whenResolver(plan: OptionPlan): (scope: OccurrenceScope, data: Record<string, unknown>) => boolean {
    const { evaluate, site } = plan
    return (scope, data) => {
      const c = this.ctx
      c.scope = scope
      // Not the object resolveData just built: load the slots from it by name.
      if (data !== this.lastData) this.loadSlots(data)
      scope.rng.fork(WHEN_KEY, c.rng)
      c.site = site
      try {
        return truthy(evaluate(c))
      } catch (e) {
        this.fail(site, e)
        return false
      } finally {
        c.site = null
      }
    }
  }

  /** A duration option; a non-duration result is a runtime problem and counts as zero. */
  private durationResolver(plan: OptionPlan, name: string): (scope: OccurrenceScope) => Duration {
    const { evaluate, site } = plan
    const key = hashString(optionForkText(name))
    const zero = new Duration(0, 0)
    return (scope) => {
      const c = this.ctx
      c.scope = scope
      scope.rng.fork(key, c.rng)
      c.site = site
      try {
        const v = evaluate(c)
        if (v instanceof Duration) return v
        if (typeof v === 'number') return Duration.of({ seconds: v })
        this.issues.report(site, 'runtime/type-error', `\`${name}\` must be a duration, not ${typeOf(v)}`)
        return zero
      } catch (e) {
        this.fail(site, e)
        return zero
      } finally {
        c.site = null
      }
    }
  }
}
