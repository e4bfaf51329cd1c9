import { describe, expect, it } from 'vitest'
import { fitText, niceStep, niceTicks, shortNumber, timeLabel } from './chart-scale.ts'

describe('chart scale', () => {
  it('picks round steps', () => {
    expect(niceStep(38, 4)).toBe(10)
    expect(niceStep(1, 4)).toBe(0.5)
    expect(niceStep(499, 4)).toBe(200)
    expect(niceStep(0, 4)).toBe(1)
  })

  it('covers the range with round ticks', () => {
    expect(niceTicks(0, 38)).toEqual([0, 10, 20, 30, 40])
    expect(niceTicks(0, 30)).toEqual([0, 10, 20, 30])
    expect(niceTicks(0.1, 0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8])
    expect(niceTicks(-15, 12)).toEqual([-20, -10, 0, 10, 20])
    expect(niceTicks(7, 7)).toEqual([7])
    for (const [lo, hi] of [
      [3, 997],
      [0.001, 0.0042],
      [1e6, 3.3e6],
    ]) {
      const t = niceTicks(lo, hi)
      expect(t[0]).toBeLessThanOrEqual(lo)
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(hi)
      expect(t.length).toBeLessThanOrEqual(7)
    }
  })

  it('labels numbers shortly', () => {
    expect(shortNumber(1234)).toBe('1,234')
    expect(shortNumber(56_789)).toBe('56.8k')
    expect(shortNumber(2_500_000)).toBe('2.5M')
    expect(shortNumber(-3_000_000_000)).toBe('-3B')
    expect(shortNumber(0.123456)).toBe('0.1235')
    expect(shortNumber(0)).toBe('0')
  })

  it('labels times by the span shown', () => {
    const t = Date.UTC(2025, 0, 3, 14, 20, 5)
    expect(timeLabel(t, 10 * 86_400_000)).toBe('2025-01-03')
    expect(timeLabel(t, 3_600_000)).toBe('01-03 14:20')
    expect(timeLabel(t, 60_000)).toBe('14:20:05')
  })

  it('cuts long text with an ellipsis', () => {
    expect(fitText('enterprise', 20)).toBe('enterprise')
    expect(fitText('enterprise', 6)).toBe('enter…')
    expect(fitText('enterprise', 1)).toBe('…')
  })
})
