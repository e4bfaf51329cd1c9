import { type Diagnostic, warning } from '../diagnostics/diagnostic.ts'
import type { GeneratedRecord, StoryEvent } from '../runtime/records.ts'
import { formatIso } from '../schedule/zone.ts'
import { DeliveryHeap } from './delivery-heap.ts'
import { applyDrift } from './drift.ts'
import { type DefFaults, type DelayFn, type FaultPlan, MAX_FAULT_DELAY_MS } from './fault-plan.ts'
import type { FaultKind } from './fault-spec.ts'
import { FAULT_DECISIONS, FaultStreams, fieldDecisionKey } from './fault-streams.ts'
import { hasPath, withoutPath, withPath } from './field-path.ts'

/** What was done to one delivery (one line of the faults log, with the event's id and type). */
export interface FaultNote {
  fault: FaultKind
  [detail: string]: unknown
}

/** One delivered record: the event as delivered, when, and the faults it carries. */
export interface DeliveredRecord {
  /** The record; its `event` is the delivered one (a copy when a fault changed it). */
  record: GeneratedRecord
  /** Delivery time (epoch ms): the timestamp, or later for a late event or a duplicate copy. */
  deliveryMs: number
  /** Faults of this delivery (empty for a clean one). */
  faults: FaultNote[]
  /** For a corrupt delivery: the fraction of the serialized record that is kept, in [0, 1). */
  corruptKeep?: number
  /** True for the second delivery of a duplicate. */
  copy: boolean
}

/** Options of `injectFaults`. */
export interface InjectOptions {
  /** Most deliveries held back at once (late events and copies waiting); default MAX_HELD. */
  maxHeld?: number
}

/**
 * Most deliveries held back at once. Held deliveries are those due within `MAX_FAULT_DELAY_MS`
 * of the current timestamp; past this bound a late event or copy is not injected (fault/held-limit).
 */
export const MAX_HELD = 100_000

interface HeldDelivery extends DeliveredRecord {
  seq: number
}

/**
 * Turns the clean records (in timestamp order) into deliveries in delivery order, with the
 * ground truth of every fault. Lazy, with bounded memory: only late events and duplicate copies
 * wait, in a heap keyed by delivery time, until the clean stream passes their delivery time.
 * Runtime warnings go to `diagnostics`.
 */
export function* injectFaults(
  records: Iterable<GeneratedRecord>,
  plan: FaultPlan,
  diagnostics: Diagnostic[],
  options: InjectOptions = {},
): Generator<DeliveredRecord> {
  const maxHeld = options.maxHeld ?? MAX_HELD
  const heap = new DeliveryHeap<HeldDelivery>()
  const streams = new FaultStreams(plan.seed)
  const tz = plan.timezone
  const warned = new Set<string>()
  let seq = 0
  const warn = (df: DefFaults, code: string, message: string, hint?: string): void => {
    const key = `${df.defId}\0${code}`
    if (warned.has(key)) return
    warned.add(key)
    diagnostics.push(warning(code, message, df.site.file, df.site.span, df.site.path, hint))
  }
  /** A delay of one event, clamped to [0, MAX_FAULT_DELAY_MS]. */
  const delayOf = (df: DefFaults, f: DelayFn, decision: number, r: GeneratedRecord, name: string): number => {
    let ms = f(streams.decision(decision), r.index, r.timeMs, r.event.data)
    if (Number.isNaN(ms)) {
      warn(df, 'fault/not-a-duration', `\`${name}\` of \`${df.defId}\` is not a duration; zero is used`)
      ms = 0
    }
    if (ms > MAX_FAULT_DELAY_MS) {
      warn(
        df,
        'fault/delay-cap',
        `\`${name}\` of \`${df.defId}\` is longer than ${MAX_FAULT_DELAY_MS / 86_400_000} days; it is cut to that`,
        'Late data older than a week is better modelled as a separate backfill story',
      )
      ms = MAX_FAULT_DELAY_MS
    }
    return Math.max(0, Math.round(ms))
  }
  const hold = (d: DeliveredRecord, df: DefFaults): boolean => {
    if (heap.size >= maxHeld) {
      warn(
        df,
        'fault/held-limit',
        `More than ${maxHeld} late events and duplicate copies were waiting at once; further ones of \`${df.defId}\` were not injected`,
        'Lower `late`/`duplicate` or `late_by`/`duplicate_after`',
      )
      return false
    }
    heap.push({ ...d, seq: seq++ })
    return true
  }

  for (const r of records) {
    const t = r.timeMs
    while (heap.size > 0 && heap.peek()!.deliveryMs <= t) yield strip(heap.pop()!)
    const df = plan.defs[r.def]
    if (!df) {
      yield { record: r, deliveryMs: t, faults: [], copy: false }
      continue
    }
    streams.at(df.defKey, r.index)
    const notes: FaultNote[] = []
    let data = r.event.data
    for (const { fromMs, step } of df.drift) {
      if (t < fromMs) continue
      const drifted = applyDrift(data, step)
      if (drifted) {
        data = drifted.data
        notes.push({ fault: 'drift', from: step.fromText, ...drifted.changes })
      }
    }
    for (const rate of df.drop) {
      if (streams.chance(fieldDecisionKey('drop', rate.path)) >= rate.rate) continue
      const next = withoutPath(data, rate.keys)
      if (!next) continue
      data = next
      notes.push({ fault: 'drop', field: rate.path })
    }
    for (const rate of df.nullify) {
      if (streams.chance(fieldDecisionKey('nullify', rate.path)) >= rate.rate) continue
      if (!hasPath(data, rate.keys)) continue
      data = withPath(data, rate.keys, null)!
      notes.push({ fault: 'nullify', field: rate.path })
    }
    const event: StoryEvent = data === r.event.data ? r.event : { ...r.event, data }
    const record: GeneratedRecord = event === r.event ? r : { ...r, event }
    let deliveryMs = t
    if (df.late > 0 && streams.chance(FAULT_DECISIONS.late) < df.late) {
      const by = delayOf(df, df.lateBy, FAULT_DECISIONS.lateBy, record, 'late_by')
      if (by > 0) {
        deliveryMs = t + by
        notes.push({ fault: 'late', late_by_ms: by, delivered_at: formatIso(deliveryMs, tz) })
      }
    }
    let corruptKeep: number | undefined
    if (df.corrupt > 0) {
      const rng = streams.decision(FAULT_DECISIONS.corrupt)
      if (rng.next() < df.corrupt) {
        corruptKeep = rng.next()
        notes.push({ fault: 'corrupt', keep: Math.round(corruptKeep * 1e6) / 1e6 })
      }
    }
    const original: DeliveredRecord = { record, deliveryMs, faults: notes, copy: false }
    if (corruptKeep !== undefined) original.corruptKeep = corruptKeep
    let copy: DeliveredRecord | undefined
    if (df.duplicate > 0 && streams.chance(FAULT_DECISIONS.duplicate) < df.duplicate) {
      const after = delayOf(df, df.duplicateAfter, FAULT_DECISIONS.duplicateAfter, record, 'duplicate_after')
      const at = deliveryMs + after
      // A separate event object: the copy is delivered intact even when the original is corrupt.
      copy = {
        record: { ...record, event: { ...event } },
        deliveryMs: at,
        faults: [{ fault: 'duplicate', after_ms: after, delivered_at: formatIso(at, tz) }],
        copy: true,
      }
    }
    if (deliveryMs > t) {
      if (!hold(original, df)) {
        // Not held: delivered on time after all, and the log must not claim it was late.
        original.deliveryMs = t
        original.faults = notes.filter((n) => n.fault !== 'late')
        yield original
      }
    } else yield original
    if (copy) {
      if (copy.deliveryMs <= t) yield copy
      else hold(copy, df)
    }
  }
  while (heap.size > 0) yield strip(heap.pop()!)
}

function strip(h: HeldDelivery): DeliveredRecord {
  const { seq: _seq, ...d } = h
  return d
}
