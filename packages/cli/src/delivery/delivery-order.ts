import {
  damageDelivered,
  type FaultedRun,
  type GeneratedRecord,
  isFaultedRun,
  type StoryRun,
} from '../engine.ts'

/**
 * A record as it is delivered. `timeMs` is when it is delivered (what pacing waits for): the
 * event's own time, or later for a late event or a duplicate copy (`faults:`, SPEC section 10).
 * `eventMs` is the event's own time when it differs, and `corrupt` cuts a corrupt delivery's
 * serialized text short (an NDJSON line, an HTTP body, a Kafka value).
 */
export interface DeliveryRecord extends GeneratedRecord {
  eventMs?: number
  corrupt?: (text: string) => string
}

/**
 * The records of a run in delivery order, timed by delivery: a clean run's records as they are,
 * a faulted run's deliveries (duplicates twice, late events late) with `timeMs` = delivery time,
 * so `--pace realtime` sends a late event `late_by` after its timestamp.
 */
export function deliveryRecords(run: StoryRun): Iterable<DeliveryRecord> {
  if (!isFaultedRun(run)) return run.records()
  return delivered(run)
}

function* delivered(run: FaultedRun): Generator<DeliveryRecord> {
  for (const d of run.deliveries()) {
    const late = d.deliveryMs !== d.record.timeMs
    if (!late && d.corruptKeep === undefined) {
      yield d.record as DeliveryRecord
      continue
    }
    const record: DeliveryRecord = { ...d.record, timeMs: d.deliveryMs }
    if (late) record.eventMs = d.record.timeMs
    if (d.corruptKeep !== undefined) {
      // Keyed by the delivered event object: the run knows how much of it is kept.
      const event = d.record.event
      record.corrupt = (text) => damageDelivered(run, event, text, false)
    }
    yield record
  }
}

/** The event's own time (epoch ms) of a delivery record. */
export function eventTimeOf(record: DeliveryRecord): number {
  return record.eventMs ?? record.timeMs
}
