import { type GeneratedRecord, type PausableRecords, RUN_PAUSED } from '../engine.ts'
import { type Pacer, sleep } from './pacing.ts'

/** How a drive ended: every record went out, a stop was requested, or the output went away. */
export type DriveEnd = 'done' | 'stopped' | 'closed'

/** Where driven records go. `accept` returns false (or a promise of false) when the output is gone. */
export interface DriveTarget {
  accept(record: GeneratedRecord): boolean | Promise<boolean>
  /** Called before waiting and at least every `yieldMs`: flush buffered output, let signals in. */
  idle(): Promise<boolean>
}

/** How long generation may run without giving the event loop a turn (Ctrl-C must act within a second). */
const YIELD_MS = 50

/**
 * Feeds records to a target in order, waiting as the pacer says, and yields to the event loop
 * regularly so a stop (Ctrl-C, SIGTERM) is seen while a fast story is being generated.
 */
export async function drive(
  records: Iterable<GeneratedRecord>,
  target: DriveTarget,
  options: { pacer: Pacer; signal: AbortSignal; now: () => number },
): Promise<DriveEnd> {
  const { pacer, signal, now } = options
  const paced = !pacer.idle
  let lastYield = now()
  let n = 0
  const { step, close } = stepper(records)
  try {
    for (let record = step(); record !== undefined; record = step()) {
      if (signal.aborted) return 'stopped'
      if (record === RUN_PAUSED) {
        // The engine dropped many candidates in a row (`when:`, `probability`): let signals in.
        if (now() - lastYield >= YIELD_MS) {
          if (!(await target.idle())) return 'closed'
          lastYield = now()
        }
        continue
      }
      if (paced) {
        const wait = pacer.reserve(record.timeMs)
        if (wait > 0) {
          if (!(await target.idle())) return 'closed'
          await sleep(wait, signal)
          lastYield = now()
          if (signal.aborted) return 'stopped'
        }
      }
      const accepted = target.accept(record)
      if (!(accepted === true || (accepted !== false && (await accepted)))) return 'closed'
      // Reading the clock costs; every 64 records is often enough for a 50 ms budget.
      if ((++n & 63) === 0 && now() - lastYield >= YIELD_MS) {
        if (!(await target.idle())) return 'closed'
        lastYield = now()
      }
    }
  } finally {
    close()
  }
  return signal.aborted ? 'stopped' : 'done'
}

/**
 * A step function over the records: the engine's run can pause (RUN_PAUSED between records, so
 * a run that drops every candidate still hands control back); any other iterable (a faulted run)
 * steps as it is. No generator layer: this is the CLI's per-event path.
 */
function stepper(records: Iterable<GeneratedRecord>): {
  step: () => GeneratedRecord | undefined | typeof RUN_PAUSED
  close: () => void
} {
  const it = records[Symbol.iterator]()
  const close = () => void it.return?.()
  if ('stepOrPause' in it) {
    const p = it as PausableRecords
    return { step: () => p.stepOrPause(), close }
  }
  return {
    step: () => {
      const r = it.next()
      return r.done ? undefined : r.value
    },
    close,
  }
}
