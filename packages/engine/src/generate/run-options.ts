import type { GeneratedRecord } from '../runtime/records.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import type { EventDef } from '../story/types.ts'
import type { GeneratorRegistration } from './event-generator.ts'
import type { ShardSelector } from './shard-selector.ts'

/** Hooks that extend a run: schema validation and custom generators plug in here. */
export interface RunHooks {
  /** Replaces or extends the data of a definition (custom generators). */
  dataFor?: (def: EventDef, scope: OccurrenceScope, data: Record<string, unknown>) => Record<string, unknown>
  /** Sees every emitted event (schema validation). */
  onEvent?: (record: GeneratedRecord) => void
}

/** Options of a generation run. */
export interface GenerateOptions {
  /** Overrides the story's seed. */
  seed?: number
  /** Stop after this many events. */
  limit?: number
  /** Record, per field, what it was resolved from (studio inspector). Costs speed. */
  provenance?: boolean
  /** How many past occurrences per referenced definition are kept for same-index ref() and lookup(). */
  historyCap?: number
  /** Estimated bytes of kept fields the whole run's ref/lookup history may hold (split over the definitions that keep one). */
  historyBytes?: number
  /** Reads a monotonic clock for `elapsedMs` (never used for simulated time). */
  clock?: () => number
  hooks?: RunHooks
  /** Custom generators (EventGenerator) registered per source/event. */
  generators?: readonly GeneratorRegistration[]
  /** Emit only this part's candidates (`--shard`, `--workers`: generate/shard-selector.ts); `limit` then counts this part's events. */
  shard?: ShardSelector
}

/** Default of `historyCap` (documented in docs/stories.md). */
export const DEFAULT_HISTORY_CAP = 10_000

/** Default of `historyBytes`: 512 MiB of estimated value size for the whole run, shared by its definitions (documented in docs/stories.md). */
export const DEFAULT_HISTORY_BYTES = 512 * 1024 * 1024
