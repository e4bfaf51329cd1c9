import { formatIso, type StoryRun } from '../engine.ts'
import { type DeliveryRecord, deliveryRecords, eventTimeOf } from './delivery-order.ts'

/** How the records of a run are placed in time before they go out. */
export interface TimelineOptions {
  /** `--start now`: shift every timestamp by one constant so the first event is at `wallNow()`. */
  startNow: boolean
  /** `--follow`: when the story has no `end_date`, run it again (next seed) right after itself, forever. */
  follow: boolean
  /** `--limit N` over all cycles of a followed story. */
  limit?: number
  /** The real clock (epoch ms) that `--start now` anchors to. */
  wallNow: () => number
}

const DAY_MS = 86_400_000

/**
 * The records to send: the run's own, shifted by `--start now`, and with `--follow` the story
 * again and again (cycle k runs with seed + k and starts one period after cycle k-1; the period
 * is the first cycle's span plus its average gap between events, or a day for a single event).
 * `nextRun(k, offsetMs)` makes the run of cycle k (k >= 1), whose events are moved by `offsetMs`
 * (k periods; its faults log lines are moved by as much).
 */
export function timeline(
  first: StoryRun,
  nextRun: (cycle: number, offsetMs: number) => StoryRun,
  options: TimelineOptions,
): Iterable<DeliveryRecord> {
  // The common case costs nothing: the run's own records (in delivery order with faults), untouched.
  if (!options.startNow && !options.follow) return deliveryRecords(first)
  return placed(first, nextRun, options)
}

function* placed(
  first: StoryRun,
  nextRun: (cycle: number, offsetMs: number) => StoryRun,
  options: TimelineOptions,
): Generator<DeliveryRecord> {
  const story = first.story!
  const tz = story.timezone
  const cycles = options.follow && story.end === undefined
  let shift: number | undefined
  let emitted = 0
  let period = 0
  const full = () => options.limit !== undefined && emitted >= options.limit
  for (let cycle = 0; !full(); cycle++) {
    const run = cycle === 0 ? first : nextRun(cycle, cycle * period)
    let firstMs: number | undefined
    let lastMs = 0
    let count = 0
    for (const record of deliveryRecords(run)) {
      if (full()) return
      shift ??= options.startNow ? options.wallNow() - record.timeMs : 0
      firstMs ??= record.timeMs
      lastMs = record.timeMs
      count++
      emitted++
      yield shifted(record, shift + cycle * period, tz)
    }
    if (!cycles || count === 0) return
    if (cycle === 0) period = Math.max(1000, count > 1 ? ((lastMs - firstMs!) * count) / (count - 1) : DAY_MS)
  }
}

/**
 * The record moved by `ms`: its delivery time and its envelope timestamp (in the story's time
 * zone; a late event keeps its distance between timestamp and delivery).
 */
export function shifted(record: DeliveryRecord, ms: number, tz: string): DeliveryRecord {
  if (ms === 0) return record
  const eventMs = eventTimeOf(record) + ms
  const moved: DeliveryRecord = {
    ...record,
    timeMs: record.timeMs + ms,
    event: { ...record.event, timestamp: formatIso(eventMs, tz) },
  }
  if (record.eventMs !== undefined) moved.eventMs = eventMs
  return moved
}
