import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.ts'
import type { CompiledStory } from '../expr/compiled.ts'
import { compileStory } from '../expr/index.ts'
import { SchemaRegistry } from '../registry/schema-registry.ts'
import { type LoadOptions, loadStory } from '../story/load-story.ts'
import type { Story } from '../story/types.ts'
import {
  type GeneratedRecord,
  type GenerateOptions,
  generateRecords,
  type RunSummary,
  type StoryEvent,
} from './story-run.ts'

/** Options of `streamStory`: loading (file name, includes) and generation. */
export interface StreamOptions extends GenerateOptions, LoadOptions {}

/** A lazy run of a story: iterate it for events, `records()` for events with metadata. */
export interface StoryRun extends Iterable<StoryEvent> {
  /** The loaded story, when it loaded. */
  readonly story: Story | undefined
  /** Static diagnostics, then runtime ones as the run goes (one per field and code, with a count). */
  readonly diagnostics: Diagnostic[]
  /** True when the story has errors and generates nothing. */
  readonly failed: boolean
  /** Events with definition, occurrence index, time, parent and (optionally) provenance. */
  records(): Iterable<GeneratedRecord>
  /** Counts so far (complete once iteration ends). */
  summary(): RunSummary
}

/** Loads and compiles a story once; diagnostics from both phases. */
export function prepareStory(
  input: string | Story,
  options: LoadOptions = {},
): { story?: Story; compiled?: CompiledStory; diagnostics: Diagnostic[] } {
  const loaded =
    typeof input === 'string' ? loadStory(input, options) : { story: input, diagnostics: [] as Diagnostic[] }
  const diagnostics = [...loaded.diagnostics]
  if (!loaded.story) return { diagnostics }
  const { compiled, diagnostics: exprDiagnostics } = compileStory(loaded.story)
  diagnostics.push(...exprDiagnostics)
  sortDiagnostics(diagnostics)
  if (hasErrors(diagnostics)) return { story: loaded.story, diagnostics }
  return { story: loaded.story, compiled, diagnostics }
}

/**
 * Streams the events of a story (the seed's `stream_story`): lazily, in timestamp order,
 * deterministic for a seed. `input` is the YAML text or an already loaded story.
 */
export function streamStory(input: string | Story, options: StreamOptions = {}): StoryRun {
  const prepared = prepareStory(input, options)
  const diagnostics = prepared.diagnostics
  const summary: RunSummary = { total: 0, perType: {}, diagnostics: 0, schemaViolations: 0, elapsedMs: 0 }
  const clock = options.clock ?? (() => globalThis.performance?.now() ?? 0)
  let started = false

  function* records(): Generator<GeneratedRecord> {
    if (started) throw new Error('A story run can be iterated once; call streamStory again for a new run')
    started = true
    if (!prepared.compiled || !prepared.story) return
    const t0 = clock()
    const runtimeFrom = diagnostics.length
    const registry = new SchemaRegistry(prepared.story)
    const userOnEvent = options.hooks?.onEvent
    const onEvent = registry.active
      ? (r: GeneratedRecord) => {
          registry.check(r)
          userOnEvent?.(r)
        }
      : userOnEvent
    const runOptions =
      onEvent === userOnEvent ? options : { ...options, hooks: { ...options.hooks, onEvent } }
    try {
      yield* generateRecords(prepared.story, prepared.compiled, runOptions, summary, diagnostics)
    } finally {
      summary.elapsedMs = clock() - t0
      summary.schemaViolations = registry.invalidEvents
      summary.schemaCounts = registry.counts
      // Runtime problems are counted per field; add them once the run ends (or stops early).
      diagnostics.splice(
        runtimeFrom,
        0,
        ...prepared.compiled.issues.toDiagnostics(),
        ...registry.toDiagnostics(),
      )
      sortDiagnostics(diagnostics)
      summary.diagnostics = diagnostics.length
    }
  }

  return {
    story: prepared.story,
    diagnostics,
    failed: !prepared.compiled,
    records,
    [Symbol.iterator]: () => eventsOf(records()),
    summary: () => ({
      ...summary,
      perType: { ...summary.perType },
      diagnostics: summary.diagnostics || diagnostics.length,
    }),
  }
}

/**
 * The events of a record generator, as an iterator: a plain object rather than one more
 * generator layer, which would suspend and resume once more per event. `return` and `throw`
 * reach the records generator, so stopping early still runs its cleanup.
 */
function eventsOf(records: Generator<GeneratedRecord>): IterableIterator<StoryEvent> {
  const done = (value: unknown): IteratorResult<StoryEvent> => ({ value: value as undefined, done: true })
  const it: IterableIterator<StoryEvent> = {
    next() {
      const r = records.next()
      return r.done ? done(undefined) : { value: r.value.event, done: false }
    },
    return(value?: unknown) {
      records.return(undefined)
      return done(value)
    },
    throw(e?: unknown) {
      const r = records.throw(e)
      return r.done ? done(undefined) : { value: r.value.event, done: false }
    },
    [Symbol.iterator]() {
      return it
    },
  }
  return it
}
