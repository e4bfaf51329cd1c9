import { describe, expect, it } from 'vitest'
import { loadStory } from '../../story/load-story.ts'

const HEAD = 'org_id: o\nstart_date: 2025-01-01\nend_date: 2025-01-31\nevents:\n  - source: s\n    event: e\n'

function problems(keys: string, head = HEAD) {
  const text = head + keys
  return loadStory(text).diagnostics.map((d) => ({
    code: d.code,
    at: text.slice(d.span.start, d.span.end),
    hint: d.hint,
    severity: d.severity,
  }))
}

describe('rate keys', () => {
  it('loads a full rate', () => {
    const text = `${HEAD}    rate: 240/day\n    pattern: { hours: business, weekdays: [1, 1, 1, 1, 1, 0.3, 0.3] }\n    growth: -5%/week\n    bursts:\n      - { at: 2025-01-10T14:00, for: duration(hours=2, minutes=30), x: 8 }\n    until: 2025-01-20\n`
    const r = loadStory(text)
    expect(r.diagnostics).toEqual([])
    const rate = r.story!.events[0].rate!
    expect(rate.perMs * 86_400_000).toBeCloseTo(240)
    expect(rate.hours.reduce((a, b) => a + b) / 24).toBeCloseTo(1)
    expect(rate.weekdays.reduce((a, b) => a + b) / 7).toBeCloseTo(1)
    expect(rate.growthPerMs).toBeCloseTo(Math.log(0.95) / 604_800_000, 20)
    expect(rate.bursts[0].for.ms).toBe(9_000_000)
    expect(rate.until).toMatchObject({ year: 2025, month: 1, day: 20, hour: 23 })
  })

  it.each([
    ['    rate: 240/dya\n', 'rate/syntax', '240/dya', 'Did you mean `day`?'],
    ['    rate: 240/days\n', 'rate/syntax', '240/days', 'Did you mean `day`?'],
    ['    rate: lots\n', 'rate/syntax', 'lots', 'e.g. `rate: 240/day`'],
    ['    rate: -3/hour\n', 'rate/negative', '-3/hour', 'Use 0 or more'],
    ['    rate: 1/hour\n    repeat: 5\n', 'rate/conflict', '5', 'Remove `repeat`, or remove `rate`'],
    [
      '    rate: 1/hour\n    every: duration(hours=1)\n',
      'rate/conflict',
      'duration(hours=1)',
      'Remove `every`, or remove `rate`',
    ],
    ['    pattern: { hours: flat }\n', 'rate/without-rate', '{ hours: flat }', 'Add e.g. `rate: 240/day`'],
    [
      '    rate: 1/hour\n    pattern: { weekdays: [1, 1, 1] }\n',
      'rate/pattern-length',
      '[1, 1, 1]',
      'Monday first',
    ],
    [
      '    rate: 1/hour\n    pattern: { months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1] }\n',
      'rate/negative-weight',
      '-1',
      undefined,
    ],
    [
      '    rate: 1/hour\n    pattern: { weekdays: [0, 0, 0, 0, 0, 0, 0] }\n',
      'rate/all-zero',
      '[0, 0, 0, 0, 0, 0, 0]',
      undefined,
    ],
    [
      '    rate: 1/hour\n    pattern: { hours: buisness }\n',
      'rate/unknown-profile',
      'buisness',
      'Did you mean `business`?',
    ],
    [
      '    rate: 1/hour\n    growth: 10/month\n',
      'rate/growth',
      '10/month',
      'e.g. `growth: 10%/month` or `-5%/week`',
    ],
    ['    rate: 1/hour\n    growth: 10%/mnth\n', 'rate/growth', '10%/mnth', 'Did you mean `month`?'],
    ['    rate: 1/hour\n    growth: -100%/day\n', 'rate/growth', '-100%/day', 'Use more than -100%'],
    [
      '    rate: 1/hour\n    bursts:\n      - { at: 2025-01-02, for: soon, x: 2 }\n',
      'rate/burst',
      'soon',
      'e.g. `for: duration(hours=2)`',
    ],
    [
      '    rate: 1/hour\n    bursts:\n      - { at: 2025-01-02, for: 60, x: -2 }\n',
      'rate/burst',
      '-2',
      'e.g. `x: 8`',
    ],
    ['    rate: 1e12/second\n', 'limit/events', '1e12/second', 'Lower the rate or shorten the window'],
    ['    rate: 1/hour\n    until: 2024-06-01\n', 'rate/until-before-start', '2024-06-01', undefined],
  ])('%j is %s at its value', (keys, code, at, hint) => {
    expect(problems(keys)).toContainEqual({ code, at, hint, severity: 'error' })
  })

  it('reports a rate with no end at the rate line, and a burst outside the window as a warning', () => {
    const head = 'org_id: o\nstart_date: 2025-01-01\nevents:\n  - source: s\n    event: e\n'
    expect(problems('    rate: 240/day\n', head)).toContainEqual({
      code: 'rate/no-end',
      at: '240/day',
      hint: 'Add `until:` here or `end_date:` to the story',
      severity: 'error',
    })
    expect(problems('    rate: 1/day\n    bursts:\n      - { at: 2026-01-02, for: 60, x: 2 }\n')).toEqual([
      expect.objectContaining({
        code: 'rate/burst-outside',
        at: '{ at: 2026-01-02, for: 60, x: 2 }',
        severity: 'warning',
      }),
    ])
  })
})
