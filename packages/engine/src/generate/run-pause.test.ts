import { describe, expect, it } from 'vitest'
import { PAUSE_AFTER_CANDIDATES } from './record-source.ts'
import { type PausableRecords, RUN_PAUSED, streamStory } from './stream-story.ts'

// Every candidate is dropped by `when:`: a run that never emits must still hand control back.
const SILENT = `
org_id: o
start_date: 2025-01-01
events:
  - id: a
    source: s
    event: a
    repeat: ${PAUSE_AFTER_CANDIDATES * 3 + 5}
    frequency: minutely
    when: "= index % 1000000 == 999999"
    data: { x: "= index" }
`

describe('a run that drops candidate after candidate pauses instead of running on', () => {
  it('stepOrPause returns RUN_PAUSED between records; the records are the same as without pauses', () => {
    const it = streamStory(SILENT).records()[Symbol.iterator]() as PausableRecords
    let pauses = 0
    const indices: number[] = []
    for (let r = it.stepOrPause(); r !== undefined; r = it.stepOrPause()) {
      if (r === RUN_PAUSED) pauses++
      else indices.push(r.index)
    }
    expect(pauses).toBe(3)
    expect(indices).toEqual([...streamStory(SILENT).records()].map((r) => r.index))
  })

  it('plain iteration never sees a pause', () => {
    expect([...streamStory(SILENT)]).toEqual([])
  })
})
