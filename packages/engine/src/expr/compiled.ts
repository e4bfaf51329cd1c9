import type { OccurrenceScope } from '../generate/scope.ts'
import type { Duration } from '../schedule/duration.ts'
import type { EventDef } from '../story/types.ts'
import type { RuntimeIssues } from './runtime-issues.ts'

/** One event definition compiled to plain closures (no parsing or name lookups per occurrence). */
export interface CompiledDef {
  def: EventDef
  /** Resolves `data` for one occurrence, siblings in dependency order. Runtime problems go to `issues`; the field becomes null. */
  resolveData(scope: OccurrenceScope): Record<string, unknown>
  /** `when:` over this occurrence's resolved data (undefined: always). */
  when?: (scope: OccurrenceScope, data: Record<string, unknown>) => boolean
  /** `offset:`, `delay:`, `jitter:` evaluated for one occurrence (undefined when not set). */
  offset?: (scope: OccurrenceScope) => Duration
  delay?: (scope: OccurrenceScope) => Duration
  jitter?: (scope: OccurrenceScope) => Duration
  /** `every:` (evaluated once, before generation). */
  every?: Duration
  /** Top-level data fields that some expression reads from this definition (ref/lookup/prev): the generator keeps these. */
  keptFields: string[]
  /** Definitions this one reads with ref() (tie order: referenced first; later-in-time warnings). */
  refTargets: number[]
  /** Definitions this one reads with lookup(). */
  lookupTargets: number[]
  /** Compiles an extra expression in this definition's context (custom generators' resolveValue). */
  compileExpression?: (text: string, label: string) => AdHocExpression
}

/** An expression compiled after the story (for custom generators): its problems, or how to evaluate it. */
export interface AdHocExpression {
  diagnostics: import('../diagnostics/diagnostic.ts').Diagnostic[]
  evaluate?: (scope: OccurrenceScope, data: Record<string, unknown>) => unknown
}

/** A story compiled once: one CompiledDef per `story.events` entry, same order. */
export interface CompiledStory {
  defs: CompiledDef[]
  /** Runtime problems collected during generation (one diagnostic per field and code, with a count). */
  issues: RuntimeIssues
}
