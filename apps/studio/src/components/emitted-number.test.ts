import { describe, expect, it } from 'vitest'
import { emittedNumber } from './emitted-number.ts'

const records = (rows: [number, number][]) => ({
  length: rows.length,
  def: (i: number) => rows[i][0],
  index: (i: number) => rows[i][1],
})

describe("the Inspector's event number", () => {
  it('counts emitted events of the definition, not occurrences', () => {
    // Definition 0 kept occurrences 3, 10 and 4971 (the others were dropped); definition 1 is interleaved.
    const r = records([
      [0, 3],
      [1, 0],
      [0, 10],
      [1, 1],
      [0, 4971],
    ])
    expect(emittedNumber(r, 0, 3)).toBe(1)
    expect(emittedNumber(r, 0, 4971)).toBe(3)
    expect(emittedNumber(r, 1, 1)).toBe(2)
  })
})
