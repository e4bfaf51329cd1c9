/**
 * `--follow` with faults: every cycle gets faults of its own (seeded by the story seed + cycle, like its
 * data), delivered in order, and logged in the same `--faults-log` with the timestamps the cycle's
 * events are written with. Driven through `timeline` as `generate` does (a real --follow paces in real time).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamStoryText } from '../engine.ts'
import { faultFlags } from '../faults-output.ts'
import { tempDir } from '../test-fixtures.ts'
import { type DeliveryRecord, eventTimeOf } from './delivery-order.ts'
import { timeline } from './timeline.ts'

const SEED = 4
const STORY = `org_id: acme
start_date: 2025-01-01
seed: ${SEED}
faults:
  duplicate: 0.05
  late: 0.05
  late_by: duration(minutes=3)
  corrupt: 0.02
events:
  - source: web
    event: page.view
    repeat: 200
    every: duration(minutes=1)
    data:
      n: random(1, 6)
`

/** Five cycles and a bit of a followed faulty story: the deliveries, and the faults log read back. */
function follow(): { records: DeliveryRecord[]; log: Record<string, unknown>[]; logText: string } {
  const dir = tempDir()
  const flags = faultFlags(streamStoryText(STORY, {}), { 'faults-log': 'log.ndjson' }, undefined, dir, true)
  const records = [
    ...timeline(
      flags.run,
      (cycle, offsetMs) =>
        flags.cycle(streamStoryText(STORY, { seed: SEED + cycle }), SEED + cycle, offsetMs),
      { startNow: false, follow: true, limit: 1100, wallNow: () => 0 },
    ),
  ]
  const logText = readFileSync(join(dir, 'log.ndjson'), 'utf8')
  return {
    records,
    log: logText
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    logText,
  }
}

const { records, log, logText } = follow()
const PERIOD = 200 * 60_000
const cycleOf = (ms: number) => Math.floor((ms - Date.parse('2025-01-01T00:00:00Z')) / PERIOD)

describe('--follow with faults', () => {
  it('injects faults in every cycle, each logged with its delivered event', () => {
    expect(records).toHaveLength(1100)
    const cycles = new Map<number, number>()
    for (const line of log) {
      const c = cycleOf(Date.parse(line.timestamp as string))
      cycles.set(c, (cycles.get(c) ?? 0) + 1)
    }
    for (const c of [0, 1, 2, 3, 4]) expect(cycles.get(c) ?? 0, `cycle ${c}`).toBeGreaterThan(3)
    const byId = new Map<string, DeliveryRecord[]>()
    for (const r of records) byId.set(r.event.id, [...(byId.get(r.event.id) ?? []), r])
    for (const line of log) {
      const delivered = byId.get(line.id as string)
      expect(delivered, `${line.fault} ${line.id}`).toBeDefined()
      // The log's timestamp is the event's, as written (moved with its cycle).
      expect(delivered![0].event.timestamp).toBe(line.timestamp)
      if (line.fault === 'duplicate') expect(delivered!.length).toBe(2)
      if (line.fault === 'late') {
        expect(Date.parse(line.delivered_at as string) - Date.parse(line.timestamp as string)).toBe(180_000)
        expect(delivered![0].timeMs - eventTimeOf(delivered![0])).toBe(180_000)
      }
      if (line.fault === 'corrupt') expect(delivered![0].corrupt).toBeTypeOf('function')
    }
  })

  it('seeds each cycle on its own: the faulty occurrences differ from cycle to cycle', () => {
    const picks = (c: number) =>
      log
        .filter((l) => cycleOf(Date.parse(l.timestamp as string)) === c)
        .map((l) => `${l.fault}:${l.index}`)
        .join(',')
    expect(picks(1)).not.toBe(picks(0))
    expect(picks(2)).not.toBe(picks(1))
  })

  it('is deterministic: the same deliveries and the same log every time', () => {
    const again = follow()
    expect(again.logText).toBe(logText)
    expect(again.records.map((r) => `${r.timeMs} ${JSON.stringify(r.event)}`)).toEqual(
      records.map((r) => `${r.timeMs} ${JSON.stringify(r.event)}`),
    )
  })
})
