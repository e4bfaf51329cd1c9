import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { faultLogLines } from '../faults/fault-log.ts'
import { prepareFaults } from '../faults/fault-plan.ts'
import { type DeliveredRecord, type InjectOptions, injectFaults } from '../faults/inject-faults.ts'
import type { GeneratedRecord, StoryEvent } from '../runtime/records.ts'
import type { StoryRun } from './stream-story.ts'

/** Options of `withFaults`. */
export interface FaultRunOptions extends InjectOptions {
  /** The run's seed when it overrides the story's (`--seed`). */
  seed?: number
  /** Receives each ground-truth line (NDJSON, no newline) as its delivery is made. */
  onFaultLine?: (line: string) => void
  /** Called once when the deliveries end (all delivered, or stopped early). */
  onEnd?: () => void
}

/** A run in delivery order: iterating it gives the delivered events (duplicates twice, late ones late). */
export interface FaultedRun extends StoryRun {
  /** The deliveries with their faults, in delivery order (iterate once, like the run). */
  deliveries(): Iterable<DeliveredRecord>
  /** For a corrupt delivered event: the fraction of its serialized text that is kept. */
  corruptKeepOf(event: StoryEvent): number | undefined
  /** CSV columns that only drift creates (rename targets such as `data.amount_cents`). */
  readonly driftColumns: string[]
}

/**
 * Wraps a run with the faults of its story (SPEC section 10). Returns the run itself when the
 * story has no `faults:`; diagnostics of the faults join `run.diagnostics` (errors: `failed`).
 */
export function withFaults(run: StoryRun, options: FaultRunOptions = {}): StoryRun | FaultedRun {
  const story = run.story
  if (!story || run.failed) return run
  const { plan, diagnostics } = prepareFaults(story, options.seed ?? story.seed)
  if (diagnostics.length > 0) {
    run.diagnostics.push(...diagnostics)
    sortDiagnostics(run.diagnostics)
  }
  const failed = diagnostics.some((d) => d.severity === 'error')
  if (!plan && !failed) return run
  const corrupt = new WeakMap<StoryEvent, number>()
  const deliveries = function* (): Generator<DeliveredRecord> {
    if (!plan) return
    const runtime: Diagnostic[] = []
    try {
      for (const d of injectFaults(run.records(), plan, runtime, options)) {
        if (d.corruptKeep !== undefined) corrupt.set(d.record.event, d.corruptKeep)
        if (options.onFaultLine) for (const line of faultLogLines(d, story)) options.onFaultLine(line)
        yield d
      }
    } finally {
      run.diagnostics.push(...runtime, ...plan.runtimeDiagnostics())
      sortDiagnostics(run.diagnostics)
      options.onEnd?.()
    }
  }
  const records = function* (): Generator<GeneratedRecord> {
    for (const d of deliveries()) yield d.record
  }
  return {
    story,
    diagnostics: run.diagnostics,
    failed,
    records,
    deliveries,
    summary: () => ({ ...run.summary(), diagnostics: run.diagnostics.length }),
    corruptKeepOf: (event) => corrupt.get(event),
    driftColumns: [
      ...new Set(
        plan?.defs.flatMap((d) => d?.drift.flatMap((x) => x.step.rename.map((r) => r.to)) ?? []) ?? [],
      ),
    ],
    *[Symbol.iterator]() {
      for (const d of deliveries()) yield d.record.event
    },
  }
}

/** True when `run` was wrapped by `withFaults` with faults to inject. */
export function isFaultedRun(run: StoryRun): run is FaultedRun {
  return typeof (run as Partial<FaultedRun>).corruptKeepOf === 'function'
}
