import type { CivilDate } from '../civil.ts'
import { growthAt, type Piece, pieceAt, pieceMass, type RateProgram } from './intensity.ts'

/** The occurrence times of a rate, produced lazily in order. */
export interface RateSchedule {
  /** Epoch ms (an integer) of the next occurrence, or undefined after the window's end. */
  next(): number | undefined
  /** How many occurrences `next` has returned. */
  readonly count: number
}

/**
 * An exact sampler of the non-homogeneous Poisson process: inversion of the cumulative
 * intensity. A unit exponential draw says how much expected count lies before the next
 * occurrence; whole pieces are subtracted until one holds the rest, and inside it the
 * integral of level x exp(k t) is solved for the time in closed form. State is a handful of
 * numbers, so a year at 1,000/second streams in flat memory. `uniform` returns [0, 1).
 */
export function createRateSchedule(p: RateProgram, uniform: () => number): RateSchedule {
  const piece: Piece = { end: 0, level: 0 }
  const civil: CivilDate = { year: 0, month: 0, day: 0 }
  const k = p.spec.growthPerMs
  let s = p.startMs
  let gs = 1
  let loaded = false
  // -log(1 - u) with u in [0, 1): finite, > 0 almost surely
  const draw = (): number => -Math.log(1 - uniform())
  let need = draw()
  let count = 0
  return {
    get count() {
      return count
    },
    next(): number | undefined {
      while (s < p.endMs) {
        if (!loaded || s >= piece.end) {
          pieceAt(p, s, piece, civil)
          loaded = true
        }
        const mass = pieceMass(k, piece.level, gs, s, piece.end)
        if (need < mass) {
          const dt = k === 0 ? need / piece.level : Math.log1p((need * k) / (piece.level * gs)) / k
          // rounding must not carry a time past its piece
          s = Math.min(s + dt, piece.end)
          gs = k === 0 ? 1 : growthAt(p, s)
          need = draw()
          if (s >= p.endMs) break
          count++
          return Math.floor(s)
        }
        need -= mass
        s = piece.end
        gs = k === 0 ? 1 : growthAt(p, s)
      }
      s = p.endMs
      return undefined
    },
  }
}
