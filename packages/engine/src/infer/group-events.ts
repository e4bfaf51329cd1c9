import { addValue, type FieldBudget, type FieldStats, newStats } from './field-stats.ts'
import { INFER_LIMITS } from './limits.ts'
import type { SampleRecord } from './parse-samples.ts'
import { isRecord } from './parse-samples.ts'
import { offsetMinutesOf, timeOf } from './sample-time.ts'

/** The samples of one event type: how many, when, and what their data held. */
export interface EventGroup {
  event: string
  source: string
  count: number
  /** Epoch ms of the samples that had a time, ascending once grouping is done. */
  times: number[]
  /** Stats of the data; `root.objects` is the sample count. */
  root: FieldStats
  budget: FieldBudget
  /** Line of the first sample of this type. */
  firstLine: number
}

/** How the samples were read: envelope (`autosource` output) or plain records with a type field. */
export interface Grouping {
  groups: EventGroup[]
  /** `envelope` when records are `{source, event, timestamp, data}`; else the field names used. */
  shape: { kind: 'envelope' } | { kind: 'records'; typeField?: string; timeField?: string }
  orgId?: string
  /** UTC offsets (minutes) the ISO timestamps carried, with counts. */
  offsets: Map<number, number>
  /** Types past the limit, not described. */
  droppedTypes: number
}

const TYPE_FIELDS = ['event', 'type', 'event_type', 'eventType', 'event_name', 'eventName', 'action']
const TIME_FIELDS = [
  'timestamp',
  'time',
  'ts',
  'created_at',
  'createdAt',
  'created',
  'occurred_at',
  'event_time',
  'date',
  'sent_at',
]

/** Groups records by event type and gathers each type's times and field stats. */
export function groupEvents(records: readonly SampleRecord[]): Grouping {
  const envelope =
    share(
      records,
      (r) => typeof r.event === 'string' && isRecord(r.data) && timeOf(r.timestamp) !== undefined,
    ) >= 0.9
  const typeField = envelope ? 'event' : TYPE_FIELDS.find((f) => isTypeField(records, f))
  const timeField = envelope
    ? 'timestamp'
    : TIME_FIELDS.find((f) => share(records, (r) => timeOf(r[f]) !== undefined) >= 0.9)
  const groups = new Map<string, EventGroup>()
  const offsets = new Map<number, number>()
  const orgs = new Map<string, number>()
  let droppedTypes = 0
  for (const { value, line } of records) {
    const event =
      typeField !== undefined && typeof value[typeField] === 'string' ? String(value[typeField]) : 'sample'
    let group = groups.get(event)
    if (!group) {
      if (groups.size >= INFER_LIMITS.maxTypes) {
        droppedTypes++
        continue
      }
      const source = envelope && typeof value.source === 'string' ? value.source : 'samples'
      group = {
        event,
        source,
        count: 0,
        times: [],
        root: newStats(),
        budget: { left: INFER_LIMITS.maxFields, overflowed: false },
        firstLine: line,
      }
      groups.set(event, group)
    }
    group.count++
    if (timeField !== undefined) {
      const t = timeOf(value[timeField])
      if (t !== undefined) group.times.push(t)
      const offset = offsetMinutesOf(value[timeField])
      if (offset !== undefined) offsets.set(offset, (offsets.get(offset) ?? 0) + 1)
    }
    if (envelope && typeof value.org_id === 'string')
      orgs.set(value.org_id, (orgs.get(value.org_id) ?? 0) + 1)
    const data = envelope ? value.data : value
    addValue(group.root, isRecord(data) ? data : {}, 0, group.budget)
  }
  for (const g of groups.values()) g.times.sort((a, b) => a - b)
  return {
    groups: [...groups.values()],
    shape: envelope ? { kind: 'envelope' } : { kind: 'records', typeField, timeField },
    orgId: mostCommon(orgs),
    offsets,
    droppedTypes,
  }
}

function isTypeField(records: readonly SampleRecord[], field: string): boolean {
  if (share(records, (r) => typeof r[field] === 'string') < 0.9) return false
  const distinct = new Set<unknown>()
  for (const r of records) {
    distinct.add(r.value[field])
    if (distinct.size > INFER_LIMITS.maxTypes) return false
  }
  // A type field repeats: far fewer types than records (unless there are only a few records).
  return distinct.size <= Math.max(3, records.length / 2)
}

function share(records: readonly SampleRecord[], test: (r: Record<string, unknown>) => boolean): number {
  if (records.length === 0) return 0
  let n = 0
  for (const r of records) if (test(r.value)) n++
  return n / records.length
}

function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined
  let most = 0
  for (const [k, c] of counts) {
    if (c > most) {
      best = k
      most = c
    }
  }
  return best
}
