import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { hashString } from '../runtime/rng.ts'
import { optionForkText } from '../runtime/streams.ts'
import { Duration } from '../schedule/duration.ts'
import type { EventDef, OptionValue, SourceString, Story } from '../story/types.ts'
import {
  type CheckEnv,
  type CheckProblem,
  CONTEXT_NAMES,
  checkExpression,
  type ExprUses,
  emptyUses,
} from './check.ts'
import { classifyString, type parseDataString } from './classify.ts'
import { type CompileEnv, compileExpression } from './compile.ts'
import { compileDataNode } from './compile-data.ts'
import type { AdHocCompiled, FieldPlan, OptionPlan } from './compiled.ts'
import type { Evaluator, FakerLink } from './eval-context.ts'
import { dependencyOrder } from './field-order.ts'
import { parseIsoDuration } from './iso-duration.ts'
import { parseExpression } from './parser.ts'
import type { IssueSite } from './runtime-issues.ts'

/** What every definition of a story compiles against (built once by compileStory). */
export interface StoryCompileEnv {
  story: Story
  /** Event id to definition index (first definition of an id). */
  events: ReadonlyMap<string, number>
  fieldsOf(def: number): ReadonlySet<string>
  faker: FakerLink
  diagnostics: Diagnostic[]
  /** Actor type names to their attribute names, and to their indexes (SPEC section 9). */
  actors?: ReadonlyMap<string, ReadonlySet<string>>
  actorTypes?: ReadonlyMap<string, number>
  /** The actor type of a definition (`on:` one of its states, or a funnel under one). */
  actorOf?(def: number): string | undefined
}

/** One definition compiled: everything but what needs the whole story (kept fields) or a run (every). */
export interface CompiledDefParts {
  fields: FieldPlan[]
  order: FieldPlan[]
  when?: OptionPlan
  offset?: OptionPlan
  delay?: OptionPlan
  jitter?: OptionPlan
  every?: OptionPlan
  /** What the fields and options read (for kept fields and targets). */
  uses: ExprUses[]
  compileExpression(text: string, label: string): AdHocCompiled
}

/** Checks and compiles the data fields and options of one definition; problems go to `env.diagnostics`. */
export function compileDef(
  def: EventDef,
  env: StoryCompileEnv,
  actor: string | undefined = env.actorOf?.(def.index),
): CompiledDefParts {
  const { story, diagnostics } = env
  const actorAttrs = actor === undefined ? undefined : env.actors?.get(actor)
  const ownFields = new Set(def.data.entries.map((e) => e.key))
  const siblingSlots = new Map(def.data.entries.map((e, i) => [e.key, i]))
  const report = (p: CheckProblem, source: SourceString): void => {
    const span = { start: source.toFile(p.span.start), end: source.toFile(p.span.end) }
    diagnostics.push(error(p.code, p.message, source.file, span, source.path, p.hint))
  }
  const checkEnv = (siblings: boolean, where?: string): CheckEnv => ({
    siblings: siblings ? ownFields : null,
    ownFields,
    events: env.events,
    fieldsOf: env.fieldsOf,
    where,
    actor: actor !== undefined && actorAttrs ? { name: actor, attributes: actorAttrs } : undefined,
    actors: env.actors,
  })
  const compileEnv = (siblings: boolean): CompileEnv => ({
    siblings: siblings ? siblingSlots : null,
    constants: { org_id: story.orgId, source: def.source, event: def.event },
    events: env.events,
    fieldsOf: env.fieldsOf,
    def: def.index,
    faker: env.faker,
    actor,
    actorTypes: env.actorTypes ?? NO_ACTORS,
  })

  /** Parses, checks and compiles one expression string; undefined when it has errors. */
  const expression = (
    source: SourceString,
    parsed: ReturnType<typeof parseDataString>,
    siblings: boolean,
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
    const problems = checkExpression(parsed.expr, checkEnv(siblings, where), uses)
    for (const p of problems) report(p, source)
    return problems.length ? undefined : compileExpression(parsed.expr, compileEnv(siblings))
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
    const evaluate = compileDataNode(node, uses, entry.key, false, expression, actor)
    const text =
      isString && classifyString(node.value.text, actor).kind !== 'literal' ? node.value.text : undefined
    return { name: entry.key, slot, hash: hashString(entry.key), evaluate, uses, site, expression: text }
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

  const optionUses = emptyUses()
  const option = (name: keyof typeof OPTION_NAMES, siblings: boolean): OptionPlan | undefined => {
    const evaluate = compileOption(def, name, def[name], siblings, optionUses, expression)
    return evaluate ? { evaluate, site: optionSite(def, name) } : undefined
  }
  const when = option('when', true)
  const offset = option('offset', false)
  const delay = option('delay', false)
  const jitter = option('jitter', false)
  const every = option('every', false)

  // Custom generators (EventGenerator.resolveValue) compile expressions after the story: same
  // checker and compiler, reading this definition's siblings; problems come back to the caller.
  const compileAdHoc = (text: string, label: string): AdHocCompiled => {
    const at = diagnostics.length
    const source: SourceString = {
      text,
      file: label,
      span: { start: 0, end: text.length },
      path: [...def.path, 'generator'],
      toFile: (i) => i,
    }
    const start = text.startsWith('=') ? 1 : 0
    const evaluate = expression(source, parseExpression(text, start), true, emptyUses())
    const problems = diagnostics.splice(at)
    if (!evaluate) return { diagnostics: problems }
    const site: IssueSite = {
      field: label,
      file: label,
      span: source.span,
      path: source.path,
      toFile: source.toFile,
    }
    return { diagnostics: problems, plan: { evaluate, site, key: hashString(optionForkText(text)) } }
  }

  return {
    fields,
    order,
    when,
    offset,
    delay,
    jitter,
    every,
    uses: [...fields.map((f) => f.uses), optionUses],
    compileExpression: compileAdHoc,
  }
}

const NO_ACTORS: ReadonlyMap<string, number> = new Map()

const OPTION_NAMES = { when: 1, offset: 1, delay: 1, jitter: 1, every: 1 } as const

/** Compiles one option value: a literal, an ISO 8601 duration, or an expression. */
function compileOption(
  def: EventDef,
  name: keyof typeof OPTION_NAMES,
  v: OptionValue | undefined,
  siblings: boolean,
  uses: ExprUses,
  expression: (
    source: SourceString,
    parsed: ReturnType<typeof parseDataString>,
    siblings: boolean,
    uses: ExprUses,
    where?: string,
  ) => Evaluator | undefined,
): Evaluator | undefined {
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
    source = { text: value, file: def.file, span: v.span, path: [...def.path, name], toFile: (i) => at + i }
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

/** Where the problems of an option are reported. */
function optionSite(def: EventDef, name: string): IssueSite {
  const v = (def as unknown as Record<string, OptionValue | undefined>)[name]
  const span: Span = v?.kind === 'expr' ? v.source.span : (v?.span ?? def.span)
  const toFile = v?.kind === 'expr' ? (i: number) => v.source.toFile(i) : undefined
  return { field: name, file: def.file, span, path: [...def.path, name], toFile }
}
