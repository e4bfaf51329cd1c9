import type { DocPath } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import type { Frequency, LocalDateTime } from '../runtime/time-types.ts'
import type { RateSpec } from '../schedule/rate/rate-spec.ts'

/**
 * A string value exactly as the user wrote it, with a way back to the file.
 * `text` is the decoded string (YAML escapes applied); `toFile(i)` maps an index in
 * `text` (0..text.length, inclusive) to the UTF-16 offset in `file` where it came from,
 * so expression diagnostics land on the exact characters, also for multi-line seed values.
 */
export interface SourceString {
  text: string
  file: string
  span: Span
  path: DocPath
  toFile(index: number): number
}

/** A node of an event's `data` tree, with its location. Strings stay raw: the expression module classifies them. */
export type DataNode =
  | { kind: 'literal'; value: number | boolean | null; span: Span; file: string; path: DocPath }
  | { kind: 'string'; value: SourceString; span: Span; file: string; path: DocPath }
  | { kind: 'map'; entries: DataEntry[]; span: Span; file: string; path: DocPath }
  | { kind: 'list'; items: DataNode[]; span: Span; file: string; path: DocPath }

/** One key of a data map. Keys are plain data (a key `__proto__` is just a key). */
export interface DataEntry {
  key: string
  keySpan: Span
  value: DataNode
}

// Defined in the runtime layer (schedule reads them and sits below story); re-exported here.
export { FREQUENCIES, type Frequency, type LocalDateTime } from '../runtime/time-types.ts'

/** A scalar option of an event that may be a literal or an expression, e.g. `delay: duration(days=random(1, 7))`. */
export type OptionValue =
  | { kind: 'literal'; value: number | string | boolean | null; span: Span }
  | { kind: 'expr'; source: SourceString }

/** An event definition after templates are applied and defaults filled. */
export interface EventDef {
  /** Definition order in the merged story (includes first, then this file), 0-based. */
  index: number
  /** Handle for ref()/lookup()/after; defaults to the event type. */
  id: string
  source: string
  event: string
  offsetDays: number
  offset?: OptionValue
  repeat: number
  /** Undefined when `every` is used, or when `after` is set. Defaults to daily when repeat > 1. */
  frequency?: Frequency
  every?: OptionValue
  jitter?: OptionValue
  after?: string
  delay?: OptionValue
  probability: number
  when?: OptionValue
  /** `rate:` with its pattern, growth, bursts and until (SPEC section 8); replaces repeat/frequency/every. */
  rate?: RateSpec
  data: DataNode & { kind: 'map' }
  /** `faults:` as written (the faults layer checks it), from the definition or its template. */
  faults?: DataNode
  /** `on: <actor>.<state>` (SPEC section 9): one occurrence per entry of an actor into that state. */
  on?: ActorStateRef
  /** Template name when `use:` was set. */
  use?: string
  file: string
  /** Span of the whole definition (the list item). */
  span: Span
  /** Span of each key as written (for diagnostics on that key). */
  keySpans: Record<string, Span>
  path: DocPath
}

/** An output schema field (SPEC section 5). */
export interface SchemaField {
  name: string
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array'
  required: boolean
  enum?: unknown[]
  min?: number
  max?: number
  format?: 'uuid' | 'email' | 'date-time' | 'url'
  nullable: boolean
  fields?: SchemaField[]
  items?: SchemaField
  span: Span
  file: string
  path: DocPath
}

/** An output schema for one event type (`user.signup`) or `source/event`. */
export interface EventSchema {
  key: string
  fields: SchemaField[]
  /** When true, fields not listed are violations. */
  strict: boolean
  span: Span
  file: string
}

/** A loaded, checked story: what the rules, the scheduler and the generator consume. */
export interface Story {
  name?: string
  description?: string
  orgId: string
  start: LocalDateTime
  /** Inclusive end (the loader turns a date into 23:59:59.999 of that day). */
  end?: LocalDateTime
  timezone: string
  seed: number
  locale: string
  events: EventDef[]
  schemas: EventSchema[]
  /** `actors:` of the main file (SPEC section 9), in written order; absent or empty when none. */
  actors?: ActorDef[]
  /** Story-wide `faults:` of the main file, as written (the faults layer checks it). */
  faults?: DataNode
  /** The main file name, and the text of every file that took part (for code frames). */
  file: string
  sources: Record<string, string>
}

/** `on: user.signed_up` as written: an actor type and one of its states. */
export interface ActorStateRef {
  actor: string
  state: string
  span: Span
}

/** One state of an actor's lifecycle; no `next` makes it final. */
export interface StateDef {
  name: string
  /** Targets and their weights (numbers or expressions over the actor), in written order. */
  next: { target: string; weight: OptionValue; span: Span; path: DocPath }[]
  /** Dwell time before the transition; none is an instant transition. */
  after?: OptionValue
  final: boolean
  span: Span
  path: DocPath
}

/** How `pick(<actor>)` weighs the live actors: `zipf(s)` by arrival order, or a weight expression per actor. */
export type PopularityDef =
  | { kind: 'zipf'; s: number; span: Span }
  | { kind: 'weight'; value: OptionValue; span: Span }

/** One type of `actors:` (SPEC section 9), checked for shape and structure by story/actors. */
export interface ActorDef {
  /** Position in `actors:` (0-based). */
  index: number
  name: string
  /** All present at start_date ... */
  count?: number
  /** ... or arriving as a Poisson process. */
  arrivals?: RateSpec
  /** Resolved once per actor, in dependency order; read as `<name>.<attribute>`. */
  attributes: DataNode & { kind: 'map' }
  popularity?: PopularityDef
  start: string
  states: StateDef[]
  file: string
  span: Span
  path: DocPath
}
