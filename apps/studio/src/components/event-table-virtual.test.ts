import { describe, expect, it } from 'vitest'
import { rowsInView, scrollTopFor } from './event-table-virtual.ts'

describe('rowsInView', () => {
  it('gives the rows of the viewport plus the overscan, below the header', () => {
    // 240 px of viewport at the top: the 26 px header, then rows 0..9 (row 9 cut), overscan 2.
    const rows = rowsInView(1000, 24, 26, 0, 240, 2)
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(rows[3].top).toBe(72)
  })
  it('reaches the last row of a 1,000,000-row view without a row per index', () => {
    const height = 240
    const top = 26 + 1_000_000 * 24 - height
    const rows = rowsInView(1_000_000, 24, 26, top, height, 3)
    expect(rows.at(-1)?.index).toBe(999_999)
    expect(rows.length).toBeLessThan(20)
  })
  it('is empty for no rows', () => {
    expect(rowsInView(0, 24, 26, 0, 240, 12)).toEqual([])
  })
})

describe('scrollTopFor', () => {
  it('scrolls down just enough to show a row below the viewport whole', () => {
    // Row 20 spans 506..530; a 240 px viewport must end at 530.
    expect(scrollTopFor(20, 24, 26, 0, 240)).toBe(290)
  })
  it('scrolls up so a row above sits right under the sticky header', () => {
    expect(scrollTopFor(5, 24, 26, 1000, 240)).toBe(120)
  })
  it('leaves a row in view where it is', () => {
    expect(scrollTopFor(3, 24, 26, 0, 240)).toBe(0)
  })
})
