import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { sortDiagnostics } from '../diagnostics/diagnostic.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import { createRunFrame } from '../expr/run-frame.ts'
import { SchemaRegistry } from '../registry/schema-registry.ts'
import { type GeneratedRecord, type RunSummary, type StoryEvent, userKeyed } from '../runtime/records.ts'
import type { LoadOptions } from '../story/load-story.ts'
import type { Story } from '../story/types.ts'
import { type PreparedStory, prepareStory } from './prepare-story.ts'
import { type RecordSource, recordSource } from './record-source.ts'
import type { GenerateOptions } from './run-options.ts'

export { type PreparedStory, prepareStory } from './prepare-story.ts'

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

/**
 * Streams the events of a story (the seed's `stream_story`): lazily, in timestamp order,
 * deterministic for a seed. `input` is the YAML text or an already loaded story.
 */
export function streamStory(input: string | Story, options: StreamOptions = {}): StoryRun {
  return runPrepared(prepareStory(input, options), options)
}

/**
 * A new run of a prepared story: its program is shared (never changed by a run), everything
 * the run changes is its own, so one prepared story can be run any number of times, also
 * interleaved, each giving the same bytes.
 */
export function runPrepared(prepared: PreparedStory, options: GenerateOptions = {}): StoryRun {
  const diagnostics = [...prepared.diagnostics]
  const summary: RunSummary = {
    total: 0,
    perType: userKeyed<number>(),
    diagnostics: 0,
    schemaViolations: 0,
    elapsedMs: 0,
  }
  const clock = options.clock ?? (() => globalThis.performance?.now() ?? 0)
  let started = false
  let flushCounts = (): void => {}

  /** Starts the run (once per run): the record source and what to do when it ends. */
  const begin = (): RunParts | undefined => {
    if (started) throw new Error('A story run can be iterated once; call streamStory again for a new run')
    started = true
    const program: StoryProgram | undefined = prepared.program
    if (!program) return undefined
    const t0 = clock()
    const runtimeFrom = diagnostics.length
    const registry = new SchemaRegistry(program.story)
    const userOnEvent = options.hooks?.onEvent
    const onEvent = registry.active
      ? (r: GeneratedRecord) => {
          registry.check(r)
          userOnEvent?.(r)
        }
      : userOnEvent
    const runOptions =
      onEvent === userOnEvent ? options : { ...options, hooks: { ...options.hooks, onEvent } }
    const frame = createRunFrame(program)
    let source: RecordSource | undefined
    return {
      create: () => {
        source = recordSource(program, frame, runOptions, summary, diagnostics)
        flushCounts = source.flushCounts
        return source
      },
      finish: () => {
        flushCounts()
        summary.elapsedMs = clock() - t0
        summary.schemaViolations = registry.invalidEvents
        summary.schemaCounts = registry.counts
        // Runtime problems are counted per field; add them once the run ends (or stops early).
        diagnostics.splice(
          runtimeFrom,
          0,
          ...frame.issues.toDiagnostics(),
          ...(source?.runDiagnostics() ?? []),
          ...registry.toDiagnostics(),
        )
        sortDiagnostics(diagnostics)
        summary.diagnostics = diagnostics.length
      },
    }
  }
  const records = (): RecordIterator => new RecordIterator(begin)

  return {
    story: prepared.story,
    diagnostics,
    failed: !prepared.program,
    records,
    [Symbol.iterator]: () => eventsOf(records()),
    summary: () => {
      flushCounts()
      const perType = userKeyed<number>()
      for (const k in summary.perType) perType[k] = summary.perType[k]
      return { ...summary, perType, diagnostics: summary.diagnostics || diagnostics.length }
    },
  }
}

/** How a run starts and ends: `create` sets up generation, `finish` completes the summary and diagnostics. */
interface RunParts {
  create: () => RecordSource
  finish: () => void
}

const DONE = 2
const RUNNING = 1
const NOT_STARTED = 0

/**
 * The records of a run, as an iterator: a plain object over the generation loop rather than
 * generators, which suspend and resume (saving their locals) once per event and layer. It
 * behaves like the generator it replaces: the run starts at the first `next()`, and `finish`
 * runs exactly once when the records run out, when generation throws, or on `return`/`throw`.
 */
/** What `stepOrPause` returns when the run paused (it is not over). */
export const RUN_PAUSED: unique symbol = Symbol('autosource.run-paused')

/** A run's records that can also pause for an asynchronous consumer (`autosource generate`). */
export interface PausableRecords extends IterableIterator<GeneratedRecord> {
  stepOrPause(): GeneratedRecord | undefined | typeof RUN_PAUSED
}

class RecordIterator implements IterableIterator<GeneratedRecord> {
  private state = NOT_STARTED
  private source: RecordSource | undefined
  private finish: (() => void) | undefined

  constructor(private readonly begin: () => RunParts | undefined) {}

  /** The next record, or undefined when the run is over. */
  step(): GeneratedRecord | undefined {
    for (;;) {
      const r = this.stepOrPause()
      if (r !== RUN_PAUSED) return r
    }
  }

  /**
   * Like `step`, but returns RUN_PAUSED after many dropped candidates in a row (see
   * RecordSource.next), so an asynchronous consumer can let the event loop in.
   */
  stepOrPause(): GeneratedRecord | undefined | typeof RUN_PAUSED {
    if (this.state !== RUNNING) {
      if (this.state === DONE) return undefined
      // Done unless it starts: a run that cannot start (iterated twice, or not compiled) stays done.
      this.state = DONE
      const parts = this.begin()
      if (parts === undefined) return undefined
      this.finish = parts.finish
      this.state = RUNNING
      try {
        this.source = parts.create()
      } catch (e) {
        this.close()
        throw e
      }
    }
    let r: GeneratedRecord | undefined
    try {
      r = this.source!.next()
      if (r === undefined && this.source!.paused()) return RUN_PAUSED
    } catch (e) {
      this.close()
      throw e
    }
    if (r === undefined) this.close()
    return r
  }

  private close(): void {
    const running = this.state === RUNNING
    this.state = DONE
    this.source = undefined
    if (running) this.finish!()
  }

  next(): IteratorResult<GeneratedRecord> {
    const r = this.step()
    return r === undefined ? { value: undefined, done: true } : { value: r, done: false }
  }

  return(value?: unknown): IteratorResult<GeneratedRecord> {
    this.close()
    return { value: value as undefined, done: true }
  }

  throw(e?: unknown): IteratorResult<GeneratedRecord> {
    this.close()
    throw e
  }

  [Symbol.iterator](): this {
    return this
  }
}

/**
 * The events of a run, as an iterator over its records (no generator layer either); `return`
 * and `throw` reach the records, so stopping early still completes the summary.
 */
function eventsOf(records: RecordIterator): IterableIterator<StoryEvent> {
  const it: IterableIterator<StoryEvent> = {
    next() {
      const r = records.step()
      return r === undefined ? { value: undefined, done: true } : { value: r.event, done: false }
    },
    return(value?: unknown) {
      return records.return(value) as IteratorResult<StoryEvent>
    },
    throw(e?: unknown) {
      return records.throw(e) as IteratorResult<StoryEvent>
    },
    [Symbol.iterator]() {
      return it
    },
  }
  return it
}
