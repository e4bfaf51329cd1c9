import type { Rng } from './rng.ts'

/**
 * What the generator keeps of one occurrence so that `ref`, `lookup` and `prev` can read it
 * later: only the top-level data fields that some expression references.
 */
export interface StoredOccurrence {
  /** Index of the event definition in `story.events`. */
  def: number
  /** Occurrence number within its definition, 0-based. */
  index: number
  /** Epoch milliseconds. */
  timeMs: number
  /** The envelope `id` of the emitted event (provenance links use it). */
  eventId: string
  /** Kept top-level data fields, by name. */
  fields: Record<string, unknown>
}

/** How `ref(...)` and `lookup(...)` find the occurrence they read; implemented by the generator (SPEC section 3). */
export interface RefResolver {
  /** Same index; the parent under `after`; else the latest at or before `scope.timeMs`; never a later one. Undefined when none. */
  ref(targetDef: number, scope: OccurrenceScope): StoredOccurrence | undefined
  /** A random earlier occurrence (drawn from `scope.rng`), within the documented history cap. */
  lookup(targetDef: number, scope: OccurrenceScope): StoredOccurrence | undefined
}

/** Per-field record of what a value was resolved from (only when the run asks for provenance). */
export interface FieldProvenance {
  /** Top-level field name. */
  field: string
  /** The expression as written, or undefined for a literal. */
  expression?: string
  /** File and span of the field's value in the YAML. */
  file: string
  span: { start: number; end: number }
  /** Occurrences read through ref()/lookup(). */
  refs: { def: number; index: number; eventId: string; field: string; via: 'ref' | 'lookup' }[]
  /** The previous occurrence read through prev.x, if any. */
  prev?: { def: number; index: number; eventId: string; field: string; value: unknown }
  /** Sibling fields this one depends on. */
  siblings: string[]
  /** Context values used: index, timestamp, org_id, source, event. */
  context: string[]
}

/** Everything an expression may read while one occurrence is resolved. Reused across occurrences (no per-event allocation). */
export interface OccurrenceScope {
  rng: Rng
  /** Occurrence number of this definition, 0-based. */
  index: number
  /** Epoch ms of this occurrence. */
  timeMs: number
  /** The story's IANA zone (for timestamp values and calendar helpers). */
  timezone: string
  /** Kept fields of the previous occurrence of the same definition; null on the first. */
  prev: StoredOccurrence | null
  /** The parent occurrence under `after`, else null. */
  parent: StoredOccurrence | null
  refs: RefResolver
  /** When set, the resolver appends one record per top-level field. */
  provenance: FieldProvenance[] | null
  /** The actor of this occurrence (an event `on:` its state, or a funnel under one), else null. */
  actor?: ActorView | null
  /** How many times that actor has entered this occurrence's state (1-based); 0 without an actor. */
  visit?: number
  /** The run's actors, for `pick(<actor>)`; null when the story has none. */
  actors?: ActorPicker | null
}

/** One actor as expressions see it: its type, its index within the type, its attributes (SPEC section 9). */
export interface ActorView {
  readonly type: number
  readonly index: number
  readonly attributes: Record<string, unknown>
  /** The latest occurrence of each actor-scoped definition this actor emitted (same-actor `ref()`), by definition. */
  latest: Map<number, StoredOccurrence> | null
}

/** Draws the actor `pick(<actor>)` returns: arrived, not final, weighted by popularity. */
export interface ActorPicker {
  pick(type: number, scope: OccurrenceScope): ActorView | undefined
}
