import { describe, expect, it } from 'vitest'
import { packedTransfer, packRecords, RecordWindow } from './packed-records.ts'

const rec = (i: number, parent?: { def: number; index: number }) => ({
  event: {
    id: `id${i}`,
    org_id: 'o',
    source: 's',
    event: 'e',
    timestamp: `t${i}`,
    data: { i, text: 'a\nb "q" é' },
  },
  def: i % 3,
  index: i,
  timeMs: 1000 * i,
  ...(parent ? { parent } : {}),
})

describe('packed records', () => {
  it('round-trips events, metadata and parents through a window, across batches', () => {
    const win = new RecordWindow(100)
    const all = Array.from({ length: 25 }, (_, i) =>
      rec(i, i % 5 === 0 ? { def: 0, index: i - 1 } : undefined),
    )
    for (let from = 0; from < 25; from += 10) {
      // Structured clone, as across the worker boundary.
      win.append(structuredClone(packRecords(all.slice(from, from + 10), (r) => JSON.stringify(r.event))))
    }
    expect(win.length).toBe(25)
    for (let i = 0; i < 25; i++) {
      expect(win.event(i)).toEqual(all[i].event)
      expect(win.line(i)).toBe(JSON.stringify(all[i].event))
      expect([win.def(i), win.index(i), win.timeMs(i)]).toEqual([all[i].def, all[i].index, all[i].timeMs])
      expect(win.parent(i)).toEqual(all[i].parent)
      expect(win.find(all[i].def, all[i].index)).toBe(i)
    }
    expect(win.find(7, 7)).toBe(-1)
    expect(() => win.line(25)).toThrow(RangeError)
  })

  it('stops at the cap and bumps the version on every append', () => {
    const win = new RecordWindow(15)
    const batch = packRecords(
      Array.from({ length: 10 }, (_, i) => rec(i)),
      (r) => JSON.stringify(r.event),
    )
    win.append(batch)
    win.append(
      packRecords(
        Array.from({ length: 10 }, (_, i) => rec(i + 10)),
        (r) => JSON.stringify(r.event),
      ),
    )
    expect(win.length).toBe(15)
    expect(win.version).toBe(2)
    expect(win.event(14).id).toBe('id14')
    expect(win.timesView()).toHaveLength(15)
  })

  it('lists every buffer for transfer', () => {
    const p = packRecords([rec(1)], (r) => JSON.stringify(r.event))
    expect(packedTransfer(p)).toHaveLength(10)
  })

  it('carries the actor of each record, and the attributes of each actor once per batch', () => {
    const attributes = [{ plan: 'free' }, { plan: 'pro' }]
    const withActor = (i: number, actor: number, step: number) => ({
      ...rec(i),
      actor: { type: 0, index: actor, state: step < 0 ? -1 : step % 2, step, attributes: attributes[actor] },
    })
    const first = packRecords([withActor(0, 0, 0), withActor(1, 1, 0), withActor(2, 0, -1), rec(3)], (r) =>
      JSON.stringify(r.event),
    )
    expect(first.actors).toEqual([
      { type: 0, index: 0, attributes: { plan: 'free' } },
      { type: 0, index: 1, attributes: { plan: 'pro' } },
    ])
    const win = new RecordWindow(10)
    win.append(structuredClone(first))
    win.append(structuredClone(packRecords([withActor(4, 0, 1)], (r) => JSON.stringify(r.event))))
    expect(win.actor(0)).toEqual({ type: 0, index: 0, state: 0, step: 0 })
    expect(win.actor(2)).toEqual({ type: 0, index: 0, state: -1, step: -1 })
    expect(win.actor(3)).toBeUndefined()
    expect(win.actor(4)).toEqual({ type: 0, index: 0, state: 1, step: 1 })
    expect(win.recordsOfActor(0, 0)).toEqual([0, 2, 4])
    expect(win.recordsOfActor(0, 1)).toEqual([1])
    expect(win.recordsOfActor(0, 2)).toEqual([])
    expect(win.attributesOf(0, 1)).toEqual({ plan: 'pro' })
    expect(win.attributesOf(1, 0)).toBeUndefined()
  })
})
