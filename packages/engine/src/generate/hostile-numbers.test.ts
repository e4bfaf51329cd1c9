import { describe, expect, it } from 'vitest'
import { OccurrenceHistory } from './occurrence-history.ts'
import { streamStory } from './stream-story.ts'

/** A root `a` (5 daily occurrences) and a child `b` after it, with extra option lines. */
const story = (child: string, root = '') => `
org_id: o
start_date: 2025-01-01
events:
  - id: a
    source: s
    event: a
    repeat: 5
${root}
    data: { x: "= index" }
  - id: b
    source: s
    event: b
    after: a
${child}
    data: { y: "= 1" }
`

function run(text: string, options = {}) {
  const r = streamStory(text, options)
  const events = [...r]
  const codes = r.diagnostics.map((d) => `${d.severity} ${d.code}${d.count ? ` x${d.count}` : ''}`)
  return { events, codes, diagnostics: r.diagnostics }
}

describe('times that are not numbers or out of range: a diagnostic with a count, never silent, never a throw', () => {
  it.each([
    ['a delay of 1e15 days', '    delay: duration(days=1e15)'],
    ['a delay of 1e300 seconds', '    delay: duration(seconds=1e300)'],
    ['an every of 1e15 days', '    every: duration(days=1e15)'],
  ])('%s: a literal out of range is an error at the argument (expr/arguments)', (_name, line) => {
    const text = line.includes('every') ? story('', line) : story(line)
    const { events, codes, diagnostics } = run(text)
    expect(events).toEqual([])
    expect(codes).toEqual(['error expr/arguments'])
    expect(diagnostics[0].span.end).toBeGreaterThan(diagnostics[0].span.start)
  })

  it('an infinite delay computed at run time is counted (runtime/not-finite), the child kept at its parent', () => {
    const { events, codes } = run(story('    delay: "= duration(seconds=1e308 * 10)"'))
    expect(events.map((e) => e.event).join('')).toBe('ababababab')
    expect(codes).toEqual(['warning runtime/not-finite x5'])
  })

  it('an offset running past the representable range stops the schedule there (schedule/out-of-range)', () => {
    const { events, codes } = run(story('', '    offset: "= duration(days=index * 5e7)"'))
    expect(events.map((e) => e.event).join('')).toBe('abab')
    expect(codes).toEqual(['warning schedule/out-of-range x1'])
  })

  it('an infinite `every` is an error of the story', () => {
    const { events, codes } = run(story('', '    every: "= duration(seconds=1e308*10)"'))
    expect(events).toEqual([])
    expect(codes).toEqual(['error runtime/not-finite'])
  })
})

describe('the ref/lookup history is capped in bytes as well as in count', () => {
  it('drops the oldest entries past the budget, keeps the latest, counts the drops', () => {
    const h = new OccurrenceHistory(10, { limit: 1000, used: 0 })
    for (let i = 0; i < 8; i++) h.add({ def: 0, index: i, timeMs: i, eventId: String(i), fields: {} }, 300)
    expect(h.size).toBe(3)
    expect(h.recent(0)?.index).toBe(7)
    expect(h.recent(2)?.index).toBe(5)
    expect(h.byIndex(4)).toBeUndefined()
    expect(h.byIndex(6)?.index).toBe(6)
    expect(h.dropped).toBe(5)
    h.add({ def: 0, index: 8, timeMs: 8, eventId: '8', fields: {} }, 5000)
    expect(h.size).toBe(1)
    expect(h.latest?.index).toBe(8)
  })

  it('a story that keeps large values reports limit/history once, with a count, and still runs', () => {
    const text = `
org_id: o
start_date: 2025-01-01
events:
  - id: big
    source: s
    event: big
    repeat: 400
    frequency: hourly
    data:
      s: "\${prev.s}\${prev.s}x"
  - id: reader
    source: s
    event: reader
    repeat: 400
    frequency: hourly
    data:
      n: "= len(lookup(big.s) ?? '')"
`
    const { events, diagnostics } = run(text, { historyBytes: 4_000_000 })
    expect(events).toHaveLength(800)
    const limit = diagnostics.filter((d) => d.code === 'limit/history')
    expect(limit).toHaveLength(1)
    expect(limit[0].count).toBeGreaterThan(100)
  })
})
