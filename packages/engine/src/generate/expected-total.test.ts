import { describe, expect, it } from 'vitest'
import { loadStory } from '../story/load-story.ts'
import { expectedTotal } from './expected-total.ts'

function total(events: string, extra = ''): number | undefined {
  const r = loadStory(`org_id: a\nstart_date: 2025-01-01\n${extra}events:\n${events}`)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return expectedTotal(r.story!)
}

describe('expectedTotal', () => {
  it('sums repeats, and multiplies `after` funnels by their parent count', () => {
    expect(
      total('  - { source: s, event: a, repeat: 30 }\n  - { source: s, event: b, repeat: 2, after: a }\n'),
    ).toBe(90)
    expect(total('  - { source: s, event: a }\n')).toBe(1)
  })

  it('is unknown when probability, when or end_date can drop occurrences', () => {
    expect(total('  - { source: s, event: a, repeat: 3, probability: 0.5 }\n')).toBeUndefined()
    expect(total("  - { source: s, event: a, repeat: 3, when: 'index > 1' }\n")).toBeUndefined()
    expect(total('  - { source: s, event: a, repeat: 3 }\n', 'end_date: 2025-01-02\n')).toBeUndefined()
    expect(
      total(
        '  - { source: s, event: a, repeat: 3 }\n  - { source: s, event: b, after: a, probability: 0.1 }\n',
      ),
    ).toBeUndefined()
  })
})
