import type { Story } from '../story/types.ts'
import type { DeliveredRecord } from './inject-faults.ts'

/**
 * The ground-truth lines of one delivery: one NDJSON line per fault, `{"fault", "id", "event",
 * "def", "index", "timestamp", ...details}` (no trailing newline; empty for a clean delivery).
 */
export function faultLogLines(d: DeliveredRecord, story: Story): string[] {
  if (d.faults.length === 0) return []
  const e = d.record.event
  const def = story.events[d.record.def]?.id
  return d.faults.map((note) => {
    const { fault, ...details } = note
    return JSON.stringify({
      fault,
      id: e.id,
      event: e.event,
      def,
      index: d.record.index,
      timestamp: e.timestamp,
      ...details,
    })
  })
}
