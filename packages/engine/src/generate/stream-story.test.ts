import { describe, expect, it } from 'vitest'
import { streamStory } from './stream-story.ts'

// A runtime problem on every event (no case for the index), so `finish` has diagnostics to add.
const STORY = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: visit
    repeat: 10
    frequency: hourly
    data:
      n: $index
      kind: "switch($index, {'a': 1})"
`

const times = () => {
  let t = 0
  return () => (t += 5)
}

describe('streamStory iterators (the lifecycle a generator would give)', () => {
  it('records() yields every record, then stays done; the summary is complete', () => {
    const run = streamStory(STORY, { clock: times() })
    const it = run.records()[Symbol.iterator]()
    const seen: number[] = []
    for (let r = it.next(); !r.done; r = it.next()) seen.push(r.value.index)
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(it.next()).toEqual({ value: undefined, done: true })
    expect(run.summary()).toMatchObject({ total: 10, elapsedMs: 5 })
    expect(run.diagnostics.map((d) => d.code)).toEqual(['runtime/no-case'])
  })

  it('stopping early (break) completes the summary and diagnostics once', () => {
    const run = streamStory(STORY, { clock: times() })
    let n = 0
    for (const _ of run) if (++n === 3) break
    expect(run.summary().total).toBe(3)
    expect(run.summary().elapsedMs).toBe(5)
    expect(run.diagnostics.map((d) => [d.code, d.count])).toEqual([['runtime/no-case', 3]])
  })

  it('a run is iterated once: the second iteration throws at its first next()', () => {
    const run = streamStory(STORY)
    expect([...run]).toHaveLength(10)
    const again = run[Symbol.iterator]()
    expect(() => again.next()).toThrow(/iterated once/)
    expect(again.next()).toEqual({ value: undefined, done: true })
  })

  it('an iterator closed before it starts does not use up the run', () => {
    const run = streamStory(STORY)
    const first = run.records()[Symbol.iterator]()
    expect(first.return?.(7)).toEqual({ value: 7, done: true })
    expect(first.next().done).toBe(true)
    expect([...run.records()]).toHaveLength(10)
  })

  it('an error from a hook ends the run: cleanup runs, the error propagates, then done', () => {
    const run = streamStory(STORY, {
      clock: times(),
      hooks: {
        onEvent: (r) => {
          if (r.index === 2) throw new Error('hook failed')
        },
      },
    })
    const it = run[Symbol.iterator]()
    expect(it.next().done).toBe(false)
    expect(it.next().done).toBe(false)
    expect(() => it.next()).toThrow('hook failed')
    expect(it.next()).toEqual({ value: undefined, done: true })
    expect(run.summary()).toMatchObject({ total: 3, elapsedMs: 5 })
    expect(run.diagnostics.map((d) => d.code)).toContain('runtime/no-case')
  })

  it('throw() closes the run and rethrows', () => {
    const run = streamStory(STORY, { clock: times() })
    const it = run[Symbol.iterator]()
    it.next()
    expect(() => it.throw?.(new Error('stop'))).toThrow('stop')
    expect(it.next().done).toBe(true)
    expect(run.summary()).toMatchObject({ total: 1, elapsedMs: 5 })
  })

  it('summary() is current at any point; perType keys in first-seen order, shared names added up', () => {
    const story = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: late
    offset_days: 1
    repeat: 2
  - id: web-view
    source: web
    event: view
    repeat: 3
    frequency: hourly
  - id: app-view
    source: app
    event: view
    repeat: 2
    frequency: hourly
`
    const run = streamStory(story)
    const it = run[Symbol.iterator]()
    const seen: Record<string, number>[] = []
    for (let r = it.next(); !r.done; r = it.next()) {
      const summary = run.summary()
      seen.push(summary.perType)
      expect(summary.total).toBe(seen.length)
      expect(summary.firstMs).toBe(Date.UTC(2025, 0, 1))
      expect(summary.lastMs).toBe(Date.parse(r.value.timestamp))
    }
    expect(Object.keys(run.summary())).toEqual([
      'total',
      'perType',
      'diagnostics',
      'schemaViolations',
      'elapsedMs',
      'firstMs',
      'lastMs',
      'schemaCounts',
    ])
    expect(seen.map((p) => Object.entries(p))).toEqual([
      [['view', 1]],
      [['view', 2]],
      [['view', 3]],
      [['view', 4]],
      [['view', 5]],
      [
        ['view', 5],
        ['late', 1],
      ],
      [
        ['view', 5],
        ['late', 2],
      ],
    ])
    expect(run.summary()).toMatchObject({ total: 7, perType: { view: 5, late: 2 } })
  })

  it('a story with errors yields nothing', () => {
    const run = streamStory(
      'org_id: acme\nstart_date: 2025-01-01\nevents:\n  - source: s\n    data: { x: "nope(" }\n',
    )
    expect(run.failed).toBe(true)
    expect([...run]).toEqual([])
    const other = streamStory(
      'org_id: acme\nstart_date: 2025-01-01\nevents:\n  - source: s\n    data: { x: "nope(" }\n',
    )
    expect([...other.records()]).toEqual([])
  })
})
