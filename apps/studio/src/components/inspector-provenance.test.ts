import { checkStory, streamStory } from '@autosource/engine'
import type { FieldProvenance, PositionedDiagnostic } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import { STARTER_STORY } from '../drafts/starter.ts'
import {
  contextValues,
  formatValue,
  occurrenceName,
  provenanceLinks,
  valueAtPath,
  violationCount,
  violationsOf,
  violationsOfField,
} from './inspector-provenance.ts'

/** The seed's advanced story run with provenance, as the worker runs it for the studio. */
function seedRun() {
  const { outline } = checkStory(STARTER_STORY, { file: 'story.yaml' })
  const records = [...streamStory(STARTER_STORY, { file: 'story.yaml', provenance: true }).records()]
  return { outline, records }
}

describe('provenanceLinks', () => {
  it('links customer_id of a subscription to the signup whose user_id it took', () => {
    const { outline, records } = seedRun()
    const sub = records.find((r) => r.def === 1 && r.index === 2)!
    const p = sub.provenance!.find((f) => f.field === 'customer_id')!
    const links = provenanceLinks(p, outline.events)
    expect(links).toHaveLength(1)
    expect(links[0]).toMatchObject({
      kind: 'ref',
      label: 'Go to referenced user.signup #3',
      text: 'user.signup #3',
      field: 'user_id',
      target: { def: 0, index: 2 },
    })
    const signup = records.find((r) => r.def === 0 && r.index === 2)!
    expect(valueAtPath(signup.event.data, links[0].field)).toBe(sub.event.data.customer_id)
    // The id the store finds it by, past the preview.
    expect(links[0].eventId).toBe(signup.event.id)
  })

  it('links prev.x to the previous occurrence with the value taken, and names lookups', () => {
    const p: FieldProvenance = {
      field: 'total',
      expression: '= prev.total + amount',
      file: 'story.yaml',
      span: { start: 0, end: 1 },
      refs: [
        { def: 0, index: 4, eventId: 'e', field: 'price', via: 'lookup' },
        { def: 0, index: 4, eventId: 'e', field: 'price', via: 'lookup' },
      ],
      prev: { def: 1, index: 6, eventId: 'p', field: 'total', value: 120 },
      siblings: ['amount'],
      context: [],
    }
    const links = provenanceLinks(p, undefined)
    expect(links.map((l) => l.label)).toEqual([
      'Go to looked-up definition 1 #5',
      'Go to previous definition 2 #7',
    ])
    expect(links[1]).toMatchObject({ value: 120, hasValue: true, target: { def: 1, index: 6 }, eventId: 'p' })
    expect(links[0].eventId).toBe('e')
  })
})

describe('context values and formatting', () => {
  it('shows the values of the context names a field used', () => {
    const event = {
      id: 'x',
      org_id: 'acme',
      source: 's',
      event: 'e',
      timestamp: '2025-01-01T00:00:00.000Z',
      data: {},
    }
    const p = { context: ['index', 'timestamp', 'org_id'] } as FieldProvenance
    expect(contextValues(p, event, 4)).toEqual([
      { name: 'index', value: '4' },
      { name: 'timestamp', value: '2025-01-01T00:00:00.000Z' },
      { name: 'org_id', value: 'acme' },
    ])
  })

  it('reads dotted paths safely and keeps values on one line', () => {
    const data = { metadata: { checkout_id: 'c1' }, items: [{ sku: 'A' }] }
    expect(valueAtPath(data, 'metadata.checkout_id')).toBe('c1')
    expect(valueAtPath(data, 'items.0.sku')).toBe('A')
    expect(valueAtPath(data, 'metadata.constructor')).toBeUndefined()
    expect(valueAtPath(data, 'nope.x')).toBeUndefined()
    expect(formatValue('pro')).toBe('"pro"')
    expect(formatValue(undefined)).toBe('undefined')
    expect(formatValue('x'.repeat(200), 10)).toBe('"xxxxxxxx…')
  })
})

describe('violations', () => {
  it('finds the schema violations of a definition and of one of its fields', () => {
    const story = `org_id: o
start_date: 2025-01-01
schemas:
  user.signup:
    fields:
      plan: { type: string, enum: [free, pro] }
      age: { type: integer, min: 18 }
events:
  - source: s
    event: user.signup
    repeat: 10
    data:
      plan: choice(['free', 'team'])
      age: random(10, 30)
  - source: s
    event: other
    data:
      plan: "'x'"
`
    const run = streamStory(story, { file: 'story.yaml', seed: 3 })
    for (const _ of run) {
      // generate everything, so the run's diagnostics are complete
    }
    const { outline } = checkStory(story, { file: 'story.yaml' })
    const diagnostics = run.diagnostics as PositionedDiagnostic[]
    const mine = violationsOf(diagnostics, outline.events[0])
    expect(mine.length).toBe(2)
    expect(violationsOf(diagnostics, outline.events[1])).toEqual([])
    expect(violationsOfField(mine, outline.events[0], 'plan')).toHaveLength(1)
    expect(violationsOfField(mine, outline.events[0], 'age')[0].message).toContain('age')
    expect(violationCount(mine)).toBe(mine.reduce((n, d) => n + (d.count ?? 1), 0))
    expect(violationCount(mine)).toBeGreaterThan(2)
    expect(occurrenceName(outline.events, { def: 0, index: 0 })).toBe('user.signup #1')
  })
})
