import type { Span } from '../diagnostics/span.ts'
import type { Expr } from './ast.ts'
import type { RefUse } from './ref-path.ts'
import type { ValueType } from './values.ts'

/** A problem found by the checker, with a span in the expression's text. */
export interface CheckProblem {
  code: string
  message: string
  span: Span
  hint?: string
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
  /** The current actor (events `on:` its states, their funnels, its own lifecycle): its name and attributes. */
  actor?: { name: string; attributes: ReadonlySet<string> }
  /** Every actor type: name to attribute names (`pick(user).email`, messages). */
  actors?: ReadonlyMap<string, ReadonlySet<string>>
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

/** What the per-call checks (builtins, ref, faker) need from the checker. */
export interface CheckScope {
  readonly env: CheckEnv
  readonly uses: ExprUses
  report(code: string, message: string, span: Span, hint?: string): void
  /** Checks a sub-expression and returns its static type. */
  check(e: Expr): ValueType
}
