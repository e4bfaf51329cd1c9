import { describe, expect, it } from 'vitest'
import { expectedTotal } from '../../generate/expected-total.ts'
import { streamStory } from '../../generate/stream-story.ts'
import { loadStory } from '../../story/load-story.ts'
import { HOUR_PROFILES, normalise } from './profiles.ts'

const STORY = `org_id: acme
start_date: 2025-03-01
end_date: 2025-03-14
timezone: America/New_York
events:
  - source: web
    event: visit
    rate: 30/hour
    pattern: { hours: business }
  - source: cron
    event: tick
    repeat: 3
    frequency: daily
`

describe('a rate definition in a run', () => {
  it('draws its occurrences from the sampler, merged in time order with the others', () => {
    // records are read as they stream (the generator may reuse its objects)
    const records: { def: number; timeMs: number }[] = []
    for (const r of streamStory(STORY).records()) records.push({ def: r.def, timeMs: r.timeMs })
    const visits = records.filter((r) => r.def === 0)
    // the repeat list can be cut by end_date, so the whole story's total is unknown...
    expect(expectedTotal(loadStory(STORY).story!)).toBeUndefined()
    const rateOnly = loadStory(STORY.slice(0, STORY.indexOf('  - source: cron'))).story!
    // ...but the rate's is its integral: 30/hour x 24 x 14 days, less 02:00 of 2025-03-09
    const business = normalise(HOUR_PROFILES.business)
    const expected = expectedTotal(rateOnly)!
    expect(expected).toBe(Math.round(30 * (24 * 14 - business[2])))
    expect(Math.abs(visits.length - expected)).toBeLessThan(5 * Math.sqrt(expected))
    const times = records.map((r) => r.timeMs)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(records.filter((r) => r.def === 1)).toHaveLength(3)
  })

  it('is the same every run (same seed, same bytes)', () => {
    const a: number[] = []
    const b: number[] = []
    for (const r of streamStory(STORY).records()) a.push(r.timeMs)
    for (const r of streamStory(STORY).records()) b.push(r.timeMs)
    expect(a.length).toBeGreaterThan(9000)
    expect(a).toEqual(b)
  })
})
