import { packRecords, RecordWindow } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import { LaneIndex } from './timeline-lanes.ts'
import {
  fitView,
  MARK_LIMIT,
  MIN_SPAN_MS,
  panView,
  timelineModel,
  viewIncluding,
  zoomView,
} from './timeline-model.ts'
import { zoneClock } from './timeline-time.ts'

const T0 = Date.parse('2025-01-01T00:00:00Z')
const MIN = 60_000
const utc = zoneClock('UTC')

/** A dense lane (one record a minute for `days`) and a sparse one (one a day). */
function lanesOf(days: number): LaneIndex {
  const records: { def: number; index: number; timeMs: number }[] = []
  for (let i = 0; i < days * 1440; i++) {
    records.push({ def: 0, index: i, timeMs: T0 + i * MIN })
    if (i % 1440 === 0) records.push({ def: 1, index: i / 1440, timeMs: T0 + i * MIN + 1 })
  }
  const w = new RecordWindow(records.length)
  w.append(packRecords(records, () => '{}'))
  const index = new LaneIndex(w)
  index.update()
  return index
}

describe('timelineModel', () => {
  const index = lanesOf(7)

  it('draws marks while few records are in view', () => {
    const m = timelineModel(index, [0, 1, 2], { from: T0, to: T0 + 60 * MIN }, 800, utc)
    expect(m.inView).toBe(62) // 61 minutes (bounds included) + the day's sparse record
    expect(m.unit).toBeNull()
    expect(m.rows.map((r) => r.bins)).toEqual([null, null, null])
    expect(m.rows[2]).toMatchObject({ def: 2, total: 0, lo: 0, hi: 0 })
  })

  it('bins dense lanes past the mark limit, with a unit from the zoom, keeping sparse lanes as marks', () => {
    const week = fitView(index.extent())!
    const m = timelineModel(index, [0, 1], week, 800, utc)
    expect(m.inView).toBeGreaterThan(MARK_LIMIT)
    expect(m.unit).toBe('hour') // a week over 800 px: 12.6 min per px, an hour is ~4.8 px
    expect(m.rows[0].bins!.counts.reduce((a, b) => a + b)).toBe(7 * 1440)
    expect(m.rows[0].bins!.counts[0]).toBe(60)
    expect(m.rows[1].bins).toBeNull()
    expect(timelineModel(index, [0, 1], week, 100, utc).unit).toBe('day')
  })
})

describe('view arithmetic', () => {
  it('fits the extent with a margin, and a single instant with an hour either side', () => {
    expect(fitView(null)).toBeNull()
    expect(fitView([0, 1000])).toEqual({ from: -20, to: 1020 })
    expect(fitView([5, 5])).toEqual({ from: 5 - 3_600_000, to: 5 + 3_600_000 })
  })

  it('zooms around the anchor and pans', () => {
    const v = { from: 0, to: 1_000_000 }
    expect(zoomView(v, 0.5, 500_000)).toEqual({ from: 250_000, to: 750_000 })
    expect(zoomView(v, 0.5, 0)).toEqual({ from: 0, to: 500_000 })
    const tiny = zoomView(v, 0.000001, 100)
    expect(tiny.to - tiny.from).toBe(MIN_SPAN_MS)
    expect(panView(v, 10)).toEqual({ from: 10, to: 1_000_010 })
  })

  it('moves the view to show a selection and the record it was reached from', () => {
    const v = { from: 0, to: 100 }
    expect(viewIncluding(v, [50])).toBe(v)
    expect(viewIncluding(v, [300])).toEqual({ from: 250, to: 350 })
    expect(viewIncluding(v, [300, 340])).toEqual({ from: 270, to: 370 })
    expect(viewIncluding(v, [0, 1000])).toEqual({ from: -100, to: 1100 })
  })
})
