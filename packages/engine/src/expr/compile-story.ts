import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { hashString, Rng } from '../generate/rng.ts'
import type { FieldProvenance, OccurrenceScope } from '../generate/scope.ts'
import { Duration } from '../schedule/duration.ts'
import type { DataNode, EventDef, OptionValue, SourceString, Story } from '../story/types.ts'
import {
  type CheckEnv,
  type CheckProblem,
  CONTEXT_NAMES,
  checkExpression,
  type ExprUses,
  emptyUses,
} from './check.ts'
import { classifyString, parseDataString } from './classify.ts'
import { type CompileEnv, compileExpression } from './compile.ts'
import type { AdHocExpression, CompiledDef, CompiledStory } from './compiled.ts'
import { EvalContext, type Evaluator } from './eval-context.ts'
import { FakerBridge } from './faker-bridge.ts'
import { dependencyOrder } from './field-order.ts'
import { parseExpression } from './parser.ts'
import { type IssueSite, RuntimeIssues } from './runtime-issues.ts'
import { checkContainer, ExprRuntimeError, setKey, toOutputValue, truthy, typeOf } from './values.ts'

/** One top-level data field of a definition, compiled. */
interface FieldPlan {
  name: string
  slot: number
  /** Stream key: the field's values do not depend on other fields' draws. */
  hash: number
  evaluate: Evaluator
  uses: ExprUses
  site: IssueSite
  expression?: string
}

const NO_REFS = { ref: () => undefined, lookup: () => undefined }

/**
 * Checks and compiles every expression of a story: data fields, `when`, `offset`, `delay`,
 * `jitter`, `every`. All problems come back at once as diagnostics with file spans; the
 * compiled story is returned even then (fields with errors resolve to null).
 */
export function compileStory(story: Story): { compiled: CompiledStory; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const issues = new RuntimeIssues()
  const events = new Map<string, number>()
  for (const d of story.events) if (!events.has(d.id)) events.set(d.id, d.index)
  const fieldSets = story.events.map((d) => new Set(d.data.entries.map((e) => e.key)))
  const byIndex = new Map(story.events.map((d, i) => [d.index, i]))
  const fieldsOf = (def: number): ReadonlySet<string> => fieldSets[byIndex.get(def) ?? -1] ?? new Set()
  const kept = story.events.map(() => new Set<string>())
  let bridge: FakerBridge | undefined
  const getBridge = (): FakerBridge => {
    bridge ??= new FakerBridge(story.locale, new Rng())
    return bridge
  }

  const report = (p: CheckProblem, source: SourceString): void => {
    const span = { start: source.toFile(p.span.start), end: source.toFile(p.span.end) }
    diagnostics.push(error(p.code, p.message, source.file, span, source.path, p.hint))
  }

  const defs: CompiledDef[] = story.events.map((def, di) => {
    const siblingSlots = new Map(def.data.entries.map((e, i) => [e.key, i]))
    const checkEnv = (siblings: boolean, where?: string): CheckEnv => ({
      siblings: siblings ? fieldSets[di] : null,
      ownFields: fieldSets[di],
      events,
      fieldsOf,
      where,
    })
    const compileEnv = (siblings: boolean): CompileEnv => ({
      siblings: siblings ? siblingSlots : null,
      constants: { org_id: story.orgId, source: def.source, event: def.event },
      events,
      fieldsOf,
      def: def.index,
      get faker() {
        return getBridge()
      },
    })

    /** Parses, checks and compiles one expression string; undefined when it has errors. */
    const expression = (
      source: SourceString,
      parsed: ReturnType<typeof parseDataString>,
      env: boolean,
      uses: ExprUses,
      where?: string,
    ): Evaluator | undefined => {
      if (!parsed.ok) {
        const hint =
          parsed.problem.hint ??
          (where ? undefined : 'to write this text literally, start the value with a backslash: \\text')
        report({ ...parsed.problem, hint }, source)
        return undefined
      }
      const problems = checkExpression(parsed.expr, checkEnv(env, where), uses)
      for (const p of problems) report(p, source)
      return problems.length ? undefined : compileExpression(parsed.expr, compileEnv(env))
    }

    /**
     * Compiles a data value. `key` names its place (`plan`, `props.email`, `items.0`): an
     * expression nested in a map or list draws from its own stream keyed by that path, so
     * adding or removing a nested key does not change its neighbours' values.
     */
    const dataNode = (node: DataNode, uses: ExprUses, key: string, nested: boolean): Evaluator => {
      switch (node.kind) {
        case 'literal': {
          const v = node.value
          return () => v
        }
        case 'string': {
          const kind = classifyString(node.value.text)
          if (kind.kind === 'literal') {
            const v = kind.value
            return () => v
          }
          const f = expression(node.value, parseDataString(node.value.text, kind), true, uses) ?? (() => null)
          if (!nested) return f
          const h = hashString(key)
          return (c) => {
            c.scope.rng.fork(h, c.rng)
            return f(c)
          }
        }
        case 'list': {
          const items = node.items.map((item, i) => dataNode(item, uses, `${key}.${i}`, true))
          const span = { start: 0, end: 0 }
          return (c) => {
            const out = items.map((f) => f(c))
            // Items that read prev/ref can grow every occurrence: bound the size.
            if (out.some((v) => v !== null && typeof v === 'object')) checkContainer(out, out, span)
            return out
          }
        }
        case 'map': {
          const keys = node.entries.map((e) => e.key)
          const vals = node.entries.map((e) => dataNode(e.value, uses, `${key}.${e.key}`, true))
          const span = { start: 0, end: 0 }
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
      }
    }

    const fields: FieldPlan[] = def.data.entries.map((entry, slot) => {
      const uses = emptyUses()
      const node = entry.value
      const isString = node.kind === 'string'
      const site: IssueSite = {
        field: entry.key,
        file: node.file,
        span: node.span,
        path: node.path,
        toFile: isString ? (i: number) => node.value.toFile(i) : undefined,
      }
      const evaluator = dataNode(node, uses, entry.key, false)
      const expression =
        isString && classifyString(node.value.text).kind !== 'literal' ? node.value.text : undefined
      return {
        name: entry.key,
        slot,
        hash: hashString(entry.key),
        evaluate: evaluator,
        uses,
        site,
        expression,
      }
    })

    const order = dependencyOrder(fields, (f, cycle, span) => {
      const src = def.data.entries[f.slot].value
      const file = src.kind === 'string' ? src.value : undefined
      const message = `\`${f.name}\` depends on itself: ${cycle.join(' → ')}`
      // A payload field named like a context value (`event: = event`) reads itself: point at `$event`.
      const hint =
        cycle.length !== 2
          ? undefined
          : Object.hasOwn(CONTEXT_NAMES, f.name) && !f.name.startsWith('$')
            ? `a bare \`${f.name}\` is this field; for the context value write $${f.name}, for the previous occurrence's value prev.${f.name}`
            : `to read the previous occurrence's value, write prev.${f.name}`
      if (file) report({ code: 'expr/cycle', message, span, hint }, file)
      else diagnostics.push(error('expr/cycle', message, src.file, src.span, src.path, hint))
    })

    const option = (
      name: string,
      v: OptionValue | undefined,
      siblings: boolean,
      uses: ExprUses,
    ): Evaluator | undefined => {
      if (!v) return undefined
      let source: SourceString
      if (v.kind === 'literal') {
        const value = v.value
        if (typeof value !== 'string') {
          if (typeof value === 'number' && name !== 'when') {
            const d = Duration.of({ seconds: value })
            return () => d
          }
          return () => value
        }
        // A string without its source text (not from the loader): read it as written at the span.
        const at = v.span.start
        source = {
          text: value,
          file: def.file,
          span: v.span,
          path: [...def.path, name],
          toFile: (i) => at + i,
        }
      } else source = v.source
      const text = source.text
      if (name !== 'when') {
        // `jitter: PT5M`: an ISO 8601 duration is a constant.
        const iso = parseIsoDuration(text)
        if (iso) return () => iso
      }
      const start = text.startsWith('=') ? 1 : 0
      return expression(source, parseExpression(text, start), siblings, uses, `\`${name}\``)
    }

    const optionUses = emptyUses()
    const when = option('when', def.when, true, optionUses)
    const offset = option('offset', def.offset, false, optionUses)
    const delay = option('delay', def.delay, false, optionUses)
    const jitter = option('jitter', def.jitter, false, optionUses)
    const every = option('every', def.every, false, optionUses)

    for (const u of [...fields.map((f) => f.uses), optionUses]) {
      for (const field of u.prev.keys()) kept[di].add(field)
      for (const r of u.refs) {
        if (r.envelope) continue
        const target = byIndex.get(r.def)
        if (target !== undefined) kept[target].add(r.field)
      }
    }
    const allRefs = [...fields.flatMap((f) => f.uses.refs), ...optionUses.refs]
    const refTargets = [...new Set(allRefs.filter((r) => r.via === 'ref').map((r) => r.def))]
    const lookupTargets = [...new Set(allRefs.filter((r) => r.via === 'lookup').map((r) => r.def))]

    const ctx = new EvalContext(issues)
    ctx.slots = new Array(fields.length).fill(null)
    const compiled = new DefResolver(def, fields, order, ctx, issues, kept[di], refTargets, lookupTargets)
    const optSite = (name: string): IssueSite => {
      const v = (def as unknown as Record<string, OptionValue | undefined>)[name]
      const span: Span = v?.kind === 'expr' ? v.source.span : (v?.span ?? def.span)
      const toFile = v?.kind === 'expr' ? (i: number) => v.source.toFile(i) : undefined
      return { field: name, file: def.file, span, path: [...def.path, name], toFile }
    }
    if (when) compiled.when = compiled.whenResolver(when, optSite('when'))
    if (offset) compiled.offset = compiled.durationResolver(offset, optSite('offset'), 'offset')
    if (delay) compiled.delay = compiled.durationResolver(delay, optSite('delay'), 'delay')
    if (jitter) compiled.jitter = compiled.durationResolver(jitter, optSite('jitter'), 'jitter')
    if (every && def.every) {
      const rng = new Rng(story.seed, hashString(def.id), 0)
      const scope: OccurrenceScope = {
        rng,
        index: 0,
        timeMs: 0,
        timezone: story.timezone,
        prev: null,
        parent: null,
        refs: NO_REFS,
        provenance: null,
      }
      const site = optSite('every')
      const d = compiled.durationResolver(every, site, 'every')(scope)
      const bad = issues.toDiagnostics().filter((x) => x.path.join('.') === site.path.join('.'))
      if (bad.length)
        diagnostics.push(...bad.map((x) => ({ ...x, severity: 'error' as const, count: undefined })))
      else if (d.approxMs <= 0)
        diagnostics.push(
          error('expr/arguments', '`every` must be a positive duration', site.file, site.span, site.path),
        )
      else compiled.every = d
      issues.clear()
    }
    // Custom generators (EventGenerator.resolveValue) compile expressions after the story: same
    // checker and compiler, reading this definition's siblings; problems come back to the caller.
    compiled.compileExpression = (text: string, label: string) => {
      const at = diagnostics.length
      const source: SourceString = {
        text,
        file: label,
        span: { start: 0, end: text.length },
        path: [...def.path, 'generator'],
        toFile: (i) => i,
      }
      const uses = emptyUses()
      const start = text.startsWith('=') ? 1 : 0
      const f = expression(source, parseExpression(text, start), true, uses)
      const problems = diagnostics.splice(at)
      if (!f) return { diagnostics: problems }
      const site: IssueSite = {
        field: label,
        file: label,
        span: source.span,
        path: source.path,
        toFile: source.toFile,
      }
      return { diagnostics: problems, evaluate: compiled.adhocResolver(f, site, hashString(`\0${text}`)) }
    }
    return compiled
  })

  for (let i = 0; i < defs.length; i++) {
    ;(defs[i] as DefResolver).keptFields = [...kept[i]]
  }
  return { compiled: { defs, issues }, diagnostics }
}

/** Parses an ISO 8601 duration (`PT1H30M`, `P2D`, `-PT5M`), or undefined. */
export function parseIsoDuration(s: string): Duration | undefined {
  const m =
    /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      s.trim(),
    )
  if (!m || s.trim() === 'P' || s.trim().endsWith('T')) return undefined
  const n = (x: string | undefined): number => (x === undefined ? 0 : Number(x))
  const sign = m[1] ? -1 : 1
  const d = Duration.of({ weeks: n(m[2]), days: n(m[3]), hours: n(m[4]), minutes: n(m[5]), seconds: n(m[6]) })
  return new Duration(sign * d.days, sign * d.ms)
}

/** One definition's compiled resolver (implements CompiledDef). */
class DefResolver implements CompiledDef {
  when?: (scope: OccurrenceScope, data: Record<string, unknown>) => boolean
  offset?: (scope: OccurrenceScope) => Duration
  delay?: (scope: OccurrenceScope) => Duration
  jitter?: (scope: OccurrenceScope) => Duration
  every?: Duration
  private lastData: Record<string, unknown> | null = null
  private readonly written: FieldPlan[]
  private readonly provSlots: (FieldProvenance | null)[]

  constructor(
    readonly def: EventDef,
    fields: FieldPlan[],
    private readonly order: FieldPlan[],
    private readonly ctx: EvalContext,
    private readonly issues: RuntimeIssues,
    kept: Set<string>,
    readonly refTargets: number[],
    readonly lookupTargets: number[],
  ) {
    this.written = fields
    this.keptFields = [...kept]
    this.provSlots = fields.map(() => null)
  }

  keptFields: string[]

  resolveData(scope: OccurrenceScope): Record<string, unknown> {
    const c = this.ctx
    c.scope = scope
    const slots = c.slots
    const prov = scope.provenance
    const order = this.order
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
    const written = this.written
    // The output is plain JSON (SPEC section 4): times and durations become ISO strings here,
    // while the slots keep the values themselves for siblings, `when:` and custom generators.
    for (let i = 0; i < written.length; i++) {
      const v = slots[i]
      const value = v === null || typeof v !== 'object' ? v : toOutputValue(v)
      const name = written[i].name
      if (name === '__proto__') setKey(out, name, value)
      else out[name] = value
    }
    if (prov) for (const p of this.provSlots) if (p) prov.push(p)
    this.lastData = out
    return out
  }

  private fail(site: IssueSite, e: unknown): void {
    if (e instanceof ExprRuntimeError) this.issues.report(site, e.code, e.message, e.span)
    else this.issues.report(site, 'runtime/type-error', e instanceof Error ? e.message : String(e))
  }

  /** Wraps a compiled `when:` so it reads the siblings of `data`. */
  whenResolver(
    f: Evaluator,
    site: IssueSite,
  ): (scope: OccurrenceScope, data: Record<string, unknown>) => boolean {
    const key = hashString('\0when')
    return (scope, data) => {
      const c = this.ctx
      c.scope = scope
      if (data !== this.lastData) {
        // Not the object resolveData just built: load the slots from it by name.
        this.written.forEach((w, i) => {
          c.slots[i] = Object.hasOwn(data, w.name) ? data[w.name] : null
        })
      }
      scope.rng.fork(key, c.rng)
      c.site = site
      try {
        return truthy(f(c))
      } catch (e) {
        this.fail(site, e)
        return false
      } finally {
        c.site = null
      }
    }
  }

  /** Wraps an ad-hoc expression: evaluated against `data` as the siblings, with its own random stream. */
  adhocResolver(
    f: Evaluator,
    site: IssueSite,
    key: number,
  ): (scope: OccurrenceScope, data: Record<string, unknown>) => unknown {
    return (scope, data) => {
      const c = this.ctx
      c.scope = scope
      this.written.forEach((w, i) => {
        c.slots[i] = Object.hasOwn(data, w.name) ? data[w.name] : null
      })
      scope.rng.fork(key, c.rng)
      c.site = site
      try {
        const v = f(c)
        return v === undefined ? null : v
      } catch (e) {
        this.fail(site, e)
        return null
      } finally {
        c.site = null
      }
    }
  }

  /** Compiles an expression in this definition's context (set by compileStory). */
  compileExpression?: (text: string, label: string) => AdHocExpression

  /** Wraps a compiled duration option; a non-duration result is a runtime problem and counts as zero. */
  durationResolver(f: Evaluator, site: IssueSite, name: string): (scope: OccurrenceScope) => Duration {
    const key = hashString(`\0${name}`)
    const zero = new Duration(0, 0)
    return (scope) => {
      const c = this.ctx
      c.scope = scope
      scope.rng.fork(key, c.rng)
      c.site = site
      try {
        const v = f(c)
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
