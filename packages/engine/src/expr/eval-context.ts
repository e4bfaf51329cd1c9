import { Rng } from '../generate/rng.ts'
import type { FieldProvenance, OccurrenceScope } from '../generate/scope.ts'
import type { IssueSite, RuntimeIssues } from './runtime-issues.ts'

/**
 * Mutable state of one definition's resolver while it resolves an occurrence; one per
 * compiled definition, reused for every occurrence (no per-event allocation besides values).
 */
export class EvalContext {
  /** The occurrence being resolved. */
  scope!: OccurrenceScope
  /** The stream of the field being resolved (a fork of `scope.rng` keyed by the field name). */
  rng: Rng = new Rng()
  /** Resolved top-level fields of this occurrence, by slot. */
  slots: unknown[] = []
  /** Provenance record of the field being resolved, when the run asks for provenance. */
  prov: FieldProvenance | null = null

  /** The field being resolved, for runtime problems that do not stop its evaluation (`runtime/no-ref`). */
  site: IssueSite | null = null

  constructor(readonly issues: RuntimeIssues) {}
}

/** A compiled expression: a plain closure over the evaluation context. */
export type Evaluator = (c: EvalContext) => unknown
