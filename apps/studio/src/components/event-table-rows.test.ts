import { packRecords, RecordWindow } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import { defsMatching, distinct, RowIndex } from './event-table-rows.ts'

const outline = [
  { source: 'posthog', event: 'user.signup' },
  { source: 'stripe', event: 'subscription.created' },
  { source: 'posthog', event: 'page.view' },
]

/** Records cycling through the three definitions; plans alternate Pro/free. */
function windowOf(n: number, cap = 100_000): RecordWindow {
  const w = new RecordWindow(cap)
  const records = Array.from({ length: n }, (_, i) => ({ def: i % 3, index: Math.floor(i / 3), timeMs: i }))
  w.append(
    packRecords(records, (r) =>
      JSON.stringify({ ...outline[r.def], data: { plan: r.index % 2 ? 'Pro' : 'free', n: r.index } }),
    ),
  )
  return w
}

describe('defsMatching', () => {
  it('maps a source and/or event type to the definitions that have them', () => {
    expect(defsMatching(outline, '', '')).toBeNull()
    expect([...defsMatching(outline, 'posthog', '')!]).toEqual([0, 2])
    expect([...defsMatching(outline, 'posthog', 'page.view')!]).toEqual([2])
    expect([...defsMatching(outline, 'stripe', 'page.view')!]).toEqual([])
    expect(distinct(outline, 'source')).toEqual(['posthog', 'stripe'])
  })
})

describe('RowIndex', () => {
  it('shows the whole window without a filter, in either time order, with no position array', () => {
    const rows = new RowIndex(windowOf(10), { defs: null, text: '' })
    expect(rows.update()).toBe(true)
    expect(rows.unfiltered).toBe(true)
    expect(rows.count).toBe(10)
    expect(rows.position(0, 'asc')).toBe(0)
    expect(rows.position(0, 'desc')).toBe(9)
    expect(rows.rowOf(9, 'desc')).toBe(0)
    expect(rows.rowOf(10, 'asc')).toBe(-1)
  })

  it('filters by definition and by case-insensitive free text over the whole event', () => {
    const w = windowOf(12)
    const stripePro = new RowIndex(w, { defs: new Set([1]), text: 'pro' })
    stripePro.update()
    // stripe records are positions 1, 4, 7, 10 with index 0..3; Pro on odd indexes.
    expect(stripePro.count).toBe(2)
    expect([stripePro.position(0, 'asc'), stripePro.position(1, 'asc')]).toEqual([4, 10])
    expect(stripePro.position(0, 'desc')).toBe(10)
    expect(stripePro.rowOf(10, 'asc')).toBe(1)
    expect(stripePro.rowOf(7, 'asc')).toBe(-1)
    const regexChars = new RowIndex(w, { defs: null, text: '"n":3}' })
    regexChars.update()
    expect(regexChars.count).toBe(3)
    const nothing = new RowIndex(w, { defs: null, text: 'no such text' })
    nothing.update()
    expect(nothing.count).toBe(0)
  })

  it('keeps up with a growing window, scanning only the new records', () => {
    const w = new RecordWindow(1_000_000)
    const rows = new RowIndex(w, { defs: new Set([0]), text: '' })
    const lines: string[] = []
    const source = {
      get length() {
        return w.length
      },
      def: (i: number) => w.def(i),
      line: (i: number) => {
        lines.push(String(i))
        return w.line(i)
      },
    }
    const counted = new RowIndex(source, { defs: null, text: 'pro' })
    for (let batch = 0; batch < 3; batch++) {
      const records = Array.from({ length: 3000 }, (_, k) => {
        const i = batch * 3000 + k
        return { def: i % 3, index: Math.floor(i / 3), timeMs: i }
      })
      w.append(packRecords(records, (r) => JSON.stringify({ data: { plan: r.index % 2 ? 'Pro' : 'free' } })))
      rows.update()
      counted.update()
    }
    expect(rows.count).toBe(3000)
    expect(counted.count).toBe(4500)
    expect(lines).toHaveLength(9000) // every line read exactly once
    expect(rows.update()).toBe(false)
  })
})
