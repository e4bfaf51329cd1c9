import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cpuTimes, stolenShare } from './steal.ts'

describe('bench/steal', () => {
  it('gives the stolen share of the machine between two readings', () => {
    expect(stolenShare({ steal: 10, total: 1000 }, { steal: 30, total: 1200 })).toBeCloseTo(0.1)
    expect(stolenShare({ steal: 5, total: 100 }, { steal: 5, total: 300 })).toBe(0)
  })

  it('is unknown without two readings or without time passing', () => {
    expect(stolenShare(undefined, { steal: 1, total: 2 })).toBeNaN()
    expect(stolenShare({ steal: 1, total: 2 }, { steal: 1, total: 2 })).toBeNaN()
  })

  it.runIf(existsSync('/proc/stat'))("reads this machine's counters, which only grow", () => {
    const a = cpuTimes()!
    let spin = 0
    for (let i = 0; i < 5e6; i++) spin += i
    expect(spin).toBeGreaterThan(0)
    const b = cpuTimes()!
    expect(a.total).toBeGreaterThan(0)
    expect(a.steal).toBeGreaterThanOrEqual(0)
    expect(b.total).toBeGreaterThanOrEqual(a.total)
    const share = stolenShare(a, b)
    if (!Number.isNaN(share)) expect(share).toBeGreaterThanOrEqual(0)
  })
})
