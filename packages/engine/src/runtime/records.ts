import type { FieldProvenance } from './scope.ts'

/** One generated event: the envelope of SPEC section 4. */
export interface StoryEvent {
  id: string
  org_id: string
  source: string
  event: string
  timestamp: string
  data: Record<string, unknown>
}

/** An event with what the studio needs to place and explain it. */
export interface GeneratedRecord {
  event: StoryEvent
  /** Index of the definition in `story.events`. */
  def: number
  /** Occurrence number within the definition. */
  index: number
  timeMs: number
  parent?: { def: number; index: number; eventId: string }
  provenance?: FieldProvenance[]
  /** The actor of an `on:` event or of a funnel under one (SPEC section 9). */
  actor?: RecordActor
}

/** Which actor an event belongs to and, for an `on:` event, the state entry it marks. */
export interface RecordActor {
  /** Index of the actor type in `story.actors`, and of the actor within its type (arrival order). */
  type: number
  index: number
  /** The state entered (index into the type's states) and that entry's step (0-based); -1 under a funnel. */
  state: number
  step: number
  /** The actor's attributes, resolved once when it arrived (the same object for all its events). */
  attributes: Record<string, unknown>
}

/** Counts for a whole run. Maps keyed by event type have no prototype (a type may be named `__proto__`). */
export interface RunSummary {
  total: number
  perType: Record<string, number>
  firstMs?: number
  lastMs?: number
  diagnostics: number
  /** Events that broke their type's schema. */
  schemaViolations: number
  /** Valid and invalid events per type that has a schema. */
  schemaCounts?: Record<string, { valid: number; invalid: number }>
  elapsedMs: number
}

/** An empty object without a prototype, for maps keyed by user strings (event types, schema keys). */
export function userKeyed<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}
