import { describe, expect, it } from 'vitest'
import { exportFileName, fileStem } from '../export-file-name.ts'
import { defsMatching, distinct } from './event-table-rows.ts'
import { contextValues, fieldSpanOf, valueAtPath } from './inspector-provenance.ts'
import { perTypeRows } from './summary-rows.ts'
import { laneLabels } from './timeline-labels.ts'
import { sourceColors } from './timeline-lanes.ts'

// Names a story may choose that are also names on Object.prototype.
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort()

describe('studio state keyed by user strings', () => {
  it('names lanes __proto__, constructor, toString... like any other, counting duplicates', () => {
    const before = prototypeNames()
    const events = [...HOSTILE, 'constructor'].map((id) => ({ id, source: 's', event: 'e' }))
    const lanes = laneLabels(events, [0, 1, 2, 3, 4, 5], (d) => d + 1)
    expect(lanes.map((l) => l.name)).toEqual([
      '__proto__',
      'constructor #1',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'constructor #2',
    ])
    expect(lanes[0]).toMatchObject({ count: 1, label: '__proto__ (1)' })
    // A definition without its own id is named `source · event`, numbered when not unique.
    const plain = laneLabels(
      [
        { id: 'toString', source: 'iot', event: 'toString' },
        { id: 'toString', source: 'iot', event: 'toString' },
      ],
      [0, 1],
      () => 0,
    )
    expect(plain.map((l) => l.name)).toEqual(['iot · toString #1', 'iot · toString #2'])
    expect(prototypeNames()).toEqual(before)
  })

  it('gives each hostile source its own colour, and filters and lists them', () => {
    const colors = sourceColors(HOSTILE, 'light')
    expect([...colors.keys()]).toEqual(HOSTILE)
    expect(new Set(colors.values()).size).toBe(HOSTILE.length)
    const events = HOSTILE.map((name) => ({ source: name, event: name }))
    expect([...(defsMatching(events, '__proto__', '') ?? [])]).toEqual([0])
    expect([...(defsMatching(events, '', 'toString') ?? [])]).toEqual([2])
    expect(distinct(events, 'source')).toEqual(HOSTILE)
  })

  it('lists per-type counts of types named like Object.prototype members', () => {
    // JSON.parse makes `__proto__` an own key, as a structured clone from the worker does.
    const perType = JSON.parse('{"__proto__": 2, "constructor": 5, "toString": 1, "ok": 5}')
    expect(perTypeRows(perType)).toEqual([
      ['constructor', 5],
      ['ok', 5],
      ['__proto__', 2],
      ['toString', 1],
    ])
    expect(perTypeRows({})).toEqual([])
  })

  it('never reads a prototype member as a field, a span or a context value', () => {
    const def = { fieldSpans: JSON.parse('{"__proto__": {"start": 1, "end": 2}}') } as Parameters<
      typeof fieldSpanOf
    >[0]
    expect(fieldSpanOf(def, '__proto__')).toEqual({ start: 1, end: 2 })
    expect(fieldSpanOf(def, 'toString')).toBeUndefined()
    expect(fieldSpanOf(def, 'constructor')).toBeUndefined()
    expect(valueAtPath({ a: 1 }, 'constructor')).toBeUndefined()
    expect(valueAtPath(JSON.parse('{"__proto__": {"x": 3}}'), '__proto__.x')).toBe(3)
    const event = { id: 'e', org_id: 'o', source: 's', event: 'x', timestamp: 't', data: {} }
    const provenance = { field: 'f', context: ['constructor', 'index'] } as unknown as Parameters<
      typeof contextValues
    >[0]
    expect(contextValues(provenance, event, 4)).toEqual([
      { name: 'constructor', value: '?' },
      { name: 'index', value: '4' },
    ])
  })

  it('makes ordinary file names of hostile story names (CSV and YAML downloads)', () => {
    expect(fileStem('__proto__')).toBe('__proto__')
    expect(exportFileName('constructor', 1, 'csv')).toBe('constructor-seed1.csv')
    expect(exportFileName('toString', 2, 'ndjson')).toBe('tostring-seed2.ndjson')
  })
})
