import { describe, expect, it } from 'vitest'
import { expectedCount, resolveRate } from '../schedule/rate/intensity.ts'
import { loadStory } from '../story/load-story.ts'
import type { Story } from '../story/types.ts'
import { intensityCurves, MAX_CURVE_POINTS } from './intensity-curve.ts'

function load(text: string): Story {
  const r = loadStory(text)
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(errors.map((d) => `${d.code}: ${d.message}`).join('\n'))
  return r.story!
}

const RATES = `org_id: o
start_date: 2025-03-01
end_date: 2025-03-31
timezone: America/New_York
events:
  - id: visit
    source: web
    event: visit
    rate: 30/hour
    pattern: { hours: business, weekdays: [1, 1, 1, 1, 1, 0.2, 0.2] }
    growth: 10%/week
    bursts:
      - { at: 2025-03-12T09:30, for: "duration(minutes=60)", x: 5 }
  - id: sampled
    source: web
    event: sampled
    rate: 10/hour
    probability: 0.25
  - id: filtered
    source: web
    event: filtered
    rate: 10/hour
    when: "= index % 2 == 0"
  - id: tick
    source: cron
    event: tick
    repeat: 3
    frequency: daily
`

describe('intensityCurves', () => {
  const story = load(RATES)
  const curves = intensityCurves(story)
  const program = (i: number) => resolveRate(story.events[i].rate!, story.start, story.end, story.timezone)

  it('has a curve for each rate definition without a `when` filter, labelled with its rate', () => {
    expect(curves.map((c) => [c.def, c.label])).toEqual([
      [0, 'rate: 30/hour'],
      [1, 'rate: 10/hour'],
    ])
  })

  it('is the integral of the rate at every breakpoint (growth, pattern, DST day and burst included)', () => {
    const c = curves[0]
    const p = program(0)
    expect(c.times[0]).toBe(p.startMs)
    expect(c.times.at(-1)).toBe(p.endMs)
    expect(c.cumulative.at(-1)).toBeCloseTo(expectedCount(p), 6)
    // a local hour each, the DST day has 23, the burst adds its two edges
    expect(c.times.length - 1).toBe(30 * 24 + 23 + 2)
    for (let i = 1; i < c.times.length; i += 37) {
      expect(c.cumulative[i]).toBeCloseTo(expectedCount(p, p.startMs, c.times[i]), 6)
    }
    // 09:00-10:00 local (EDT) is half in the x5 burst: three times the same hour a day later (growth aside)
    const at = (iso: string) => c.times.indexOf(Date.parse(iso))
    const burst = c.cumulative[at('2025-03-12T14:00:00Z')] - c.cumulative[at('2025-03-12T13:00:00Z')]
    const plain = c.cumulative[at('2025-03-13T14:00:00Z')] - c.cumulative[at('2025-03-13T13:00:00Z')]
    expect(burst / plain).toBeCloseTo(3 / Math.exp(p.spec.growthPerMs * 86_400_000), 3)
  })

  it('scales by the probability', () => {
    expect(curves[1].cumulative.at(-1)).toBeCloseTo(0.25 * expectedCount(program(1)), 6)
  })

  it('keeps at most MAX_CURVE_POINTS breakpoints over a long window, still ending at the total', () => {
    const long = load(
      `org_id: o\nstart_date: 2020-01-01\nend_date: 2029-12-31\nevents:\n  - source: s\n    event: e\n    rate: 5/hour\n    pattern: { hours: business }\n`,
    )
    const [c] = intensityCurves(long)
    expect(c.times.length).toBeLessThanOrEqual(MAX_CURVE_POINTS + 1)
    const p = resolveRate(long.events[0].rate!, long.start, long.end, long.timezone)
    expect(c.times.at(-1)).toBe(p.endMs)
    expect(c.cumulative.at(-1)).toBeCloseTo(expectedCount(p), 3)
  })

  it('follows the arrivals for an `on:` of the start state without a delay, and nothing later', () => {
    const actors = load(`org_id: o
start_date: 2025-01-01
end_date: 2025-01-31
actors:
  user:
    arrivals: { rate: 12/day, pattern: { hours: business } }
    attributes: { id: uuid4() }
    lifecycle:
      start: signed_up
      states:
        signed_up: { next: { active: 1 }, after: duration(days=1) }
        active: {}
events:
  - { id: signup, on: user.signed_up, source: app, event: signup, probability: 0.5 }
  - { id: welcome, on: user.signed_up, source: mail, event: welcome, delay: duration(minutes=5) }
  - { id: active, on: user.active, source: app, event: active }
`)
    const list = intensityCurves(actors)
    expect(list.map((c) => [c.def, c.label])).toEqual([[0, 'user arrivals: 12/day']])
    const p = resolveRate(actors.actors![0].arrivals!, actors.start, actors.end, actors.timezone)
    expect(list[0].cumulative.at(-1)).toBeCloseTo(0.5 * expectedCount(p), 6)
  })
})
