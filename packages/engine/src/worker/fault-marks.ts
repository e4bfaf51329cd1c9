/**
 * Faults in the studio (issue 18): the worker runs a story's `faults:` exactly as `autosource
 * generate` does (same deliveries, same bytes) and marks each faulty delivered record with what
 * was done to it. Clean records are passed through untouched: a mark is made only for a faulty one.
 */
import { FAULT_KINDS, type FaultKind } from '../faults/fault-spec.ts'
import type { FaultNote } from '../faults/inject-faults.ts'
import { type FaultedRun, isFaultedRun, withFaults } from '../generate/faulted-run.ts'
import { serializeDeliveredChunks } from '../generate/serialize-delivered.ts'
import type { StoryRun } from '../generate/stream-story.ts'
import type { GeneratedRecord, RunSummary } from '../runtime/records.ts'

/** What the faults did to one delivered record: the faults log's lines for it, as data. */
export interface FaultMark {
  /** Each fault of this delivery with its ground truth (`{fault: 'late', late_by_ms, delivered_at}`...). */
  notes: FaultNote[]
  /** True for the second delivery of a duplicate: the original is the earlier record with the same definition and occurrence. */
  copy: boolean
  /** When it was delivered (epoch ms): later than its timestamp for a late event or a copy. */
  deliveryMs: number
  /** For a corrupt record: the exact fraction of the serialized line that is kept (the note has it rounded). */
  corruptKeep?: number
}

/** Faults injected per kind over a whole run (one per note: an event both late and corrupt counts twice). */
export type FaultCounts = Record<FaultKind, number>

/** A record as the worker sends it: a generated record, with a mark when a fault touched it. */
export type MarkedRecord = GeneratedRecord & { fault?: FaultMark }

/** A run summary with the faults' counts (present only when the run injected faults). */
export type MarkedSummary = RunSummary & { faults?: FaultCounts }

/** What the host needs of a run (see host.ts HostRun). */
export interface MarkedRun {
  readonly diagnostics: StoryRun['diagnostics']
  records(): Iterable<MarkedRecord>
  summary(): MarkedSummary
}

/** Fault options of a studio run or export (the CLI's `--no-faults`). */
export interface StudioFaultOptions {
  seed?: number
  /** Ignore the story's `faults:` (the clean stream, in timestamp order). */
  noFaults?: boolean
}

/** Zero for every fault kind. */
export function emptyFaultCounts(): FaultCounts {
  const counts = {} as FaultCounts
  for (const kind of FAULT_KINDS) counts[kind] = 0
  return counts
}

/**
 * The run as the studio previews it: with faults, in delivery order, each faulty record marked and
 * the summary counting faults per kind; without (`noFaults`, or a story without `faults:`), the run itself.
 */
export function markedRun(run: StoryRun, options: StudioFaultOptions): MarkedRun {
  if (options.noFaults) return run
  const faulted = withFaults(run, { seed: options.seed })
  if (!isFaultedRun(faulted)) return faulted
  const counts = emptyFaultCounts()
  return {
    diagnostics: faulted.diagnostics,
    *records() {
      for (const d of faulted.deliveries()) {
        if (d.faults.length === 0) {
          yield d.record
          continue
        }
        for (const note of d.faults) counts[note.fault]++
        const fault: FaultMark = { notes: d.faults, copy: d.copy, deliveryMs: d.deliveryMs }
        if (d.corruptKeep !== undefined) fault.corruptKeep = d.corruptKeep
        yield { ...d.record, fault }
      }
    },
    summary: () => ({ ...faulted.summary(), faults: { ...counts } }),
  }
}

/**
 * The export's run with the story's faults (unless `noFaults`), and its chunks when faults apply
 * (corrupt records cut short, as `autosource generate` writes them); undefined chunks: a clean run.
 */
export function faultedExport(
  run: StoryRun,
  options: StudioFaultOptions,
): {
  run: StoryRun
  chunks?: (format: 'ndjson' | 'json' | 'csv', columns: string[], size: number) => Iterable<string>
} {
  if (options.noFaults) return { run }
  const faulted = withFaults(run, { seed: options.seed })
  if (!isFaultedRun(faulted)) return { run: faulted }
  // `autosource generate --format csv` writes the story's own columns only (cli text-output.ts), not
  // the drift rename targets serializeDeliveredChunks would add: the export writes what the CLI does.
  const asCli: FaultedRun = { ...faulted, driftColumns: [] }
  return {
    run: faulted,
    chunks: (format, columns, size) => serializeDeliveredChunks(asCli, format, columns, size),
  }
}
