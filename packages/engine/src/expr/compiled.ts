import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import type { Duration } from '../schedule/duration.ts'
import type { EventDef, Story } from '../story/types.ts'
import type { ActorProgram } from './actor-program.ts'
import type { ExprUses } from './check.ts'
import type { Evaluator, FakerLink } from './eval-context.ts'
import type { IssueSite } from './runtime-issues.ts'

/** One top-level data field of a definition, compiled. */
export interface FieldPlan {
  readonly name: string
  readonly slot: number
  /** Stream key: the field's values do not depend on other fields' draws. */
  readonly hash: number
  readonly evaluate: Evaluator
  readonly uses: ExprUses
  readonly site: IssueSite
  /** The expression as written, or undefined for a literal. */
  readonly expression?: string
}

/** A compiled option (`when`, `offset`, `delay`, `jitter`): its evaluator and where its problems are reported. */
export interface OptionPlan {
  readonly evaluate: Evaluator
  readonly site: IssueSite
}

/** An expression compiled after the story (custom generators' resolveValue). */
export interface AdHocPlan {
  readonly evaluate: Evaluator
  readonly site: IssueSite
  /** Fork key of its random stream. */
  readonly key: number
}

/** Problems of an ad-hoc expression, or its plan. */
export interface AdHocCompiled {
  diagnostics: Diagnostic[]
  plan?: AdHocPlan
}

/**
 * One event definition compiled: plain closures and data, never written after compileStory
 * returns. Everything a run changes lives in its RunFrame (DefFrame per definition).
 */
export interface DefProgram {
  readonly def: EventDef
  /** Top-level fields in written order (slots). */
  readonly fields: readonly FieldPlan[]
  /** The same fields, each after the siblings it reads. */
  readonly order: readonly FieldPlan[]
  readonly when?: OptionPlan
  readonly offset?: OptionPlan
  readonly delay?: OptionPlan
  readonly jitter?: OptionPlan
  /** `every:` (evaluated once, at compile time). */
  readonly every?: Duration
  /** Top-level data fields that some expression reads from this definition (ref/lookup/prev): the generator keeps these. */
  readonly keptFields: readonly string[]
  /** Definitions this one reads with ref() (tie order: referenced first; later-in-time warnings). */
  readonly refTargets: readonly number[]
  /** Definitions this one reads with lookup(). */
  readonly lookupTargets: readonly number[]
  /** Compiles an extra expression in this definition's context (custom generators' resolveValue). */
  compileExpression(text: string, label: string): AdHocCompiled
}

/**
 * A story compiled once (cel-go's Program): immutable, so one program serves check, preview,
 * export and any number of runs, one after the other or interleaved; each run makes its own
 * RunFrame (`createRunFrame`).
 */
export interface StoryProgram {
  readonly story: Story
  /** One per `story.events` entry, same order. */
  readonly defs: readonly DefProgram[]
  /** The faker calls the program makes; each run binds them to its own faker instance. */
  readonly faker: FakerLink
  /** One per `story.actors` entry, same order (SPEC section 9); absent or empty without actors. */
  readonly actors?: readonly ActorProgram[]
}

/** What a generator needs of one definition's run state: the program's closures bound to one run. */
export interface CompiledDef {
  /**
   * Resolves `data` for one occurrence, siblings in dependency order. Runtime problems go to the
   * frame's issues; the field becomes null. With `order` (a subset of the plan's order, see
   * generate/shard-fields.ts) only those fields are evaluated; the others hold stale values.
   */
  resolveData(scope: OccurrenceScope, order?: readonly FieldPlan[]): Record<string, unknown>
  /** `when:` over this occurrence's resolved data (undefined: always). */
  when?: (scope: OccurrenceScope, data: Record<string, unknown>) => boolean
  /** `offset:`, `delay:`, `jitter:` evaluated for one occurrence (undefined when not set). */
  offset?: (scope: OccurrenceScope) => Duration
  delay?: (scope: OccurrenceScope) => Duration
  jitter?: (scope: OccurrenceScope) => Duration
}
