import { describe, expect, it } from 'vitest'
import { hashString, Rng } from './rng.ts'

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('Rng', () => {
  it('is deterministic per (seed, stream, occurrence) and keeps no state across reseeds', () => {
    const a = new Rng()
    const b = new Rng()
    a.reseed(42, 7, 3)
    const first = [a.uint32(), a.next(), a.gaussian(0, 1), a.uuid4()]
    a.reseed(1, 1, 1)
    a.gaussian(0, 1)
    a.reseed(42, 7, 3)
    expect([a.uint32(), a.next(), a.gaussian(0, 1), a.uuid4()]).toEqual(first)
    b.reseed(42, 7, 3)
    expect(b.uint32()).toBe(first[0])
  })

  it('differs when any of seed, stream or occurrence differs', () => {
    const draw = (s: number, st: number, o: number): number => new Rng(s, st, o).uint32()
    const base = draw(42, 7, 3)
    expect(draw(43, 7, 3)).not.toBe(base)
    expect(draw(42, 8, 3)).not.toBe(base)
    expect(draw(42, 7, 4)).not.toBe(base)
    // Seeds beyond 32 bits still matter.
    expect(draw(2 ** 40 + 42, 7, 3)).not.toBe(base)
  })

  it('pins its output (a change of algorithm changes every story output)', () => {
    const r = new Rng(42, hashString('user.signup'), 0)
    expect([r.uint32(), r.uint32(), r.uuid4()]).toMatchInlineSnapshot(`
      [
        1846577860,
        1384039202,
        "285e3025-6f91-49bd-9523-77c454521f91",
      ]
    `)
    expect(hashString('user.signup')).toMatchInlineSnapshot(`962229398`)
  })

  it('next() is in [0, 1) and uniform', () => {
    const r = new Rng(1, 2, 3)
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const x = r.next()
      expect(x >= 0 && x < 1).toBe(true)
      buckets[Math.floor(x * 10)]++
    }
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500)
  })

  it('int(min, max) covers both bounds and nothing outside', () => {
    const r = new Rng(5, 5, 5)
    const seen = new Map<number, number>()
    for (let i = 0; i < 100_000; i++) {
      const x = r.int(1, 6)
      seen.set(x, (seen.get(x) ?? 0) + 1)
    }
    expect([...seen.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6])
    for (const n of seen.values()) expect(Math.abs(n / 100_000 - 1 / 6)).toBeLessThan(0.01)
    expect(r.int(3, 3)).toBe(3)
  })

  it('gaussian has the requested mean and standard deviation (100k draws, within 1%)', () => {
    const r = new Rng(9, 9, 9)
    const n = 100_000
    let sum = 0
    let sq = 0
    for (let i = 0; i < n; i++) {
      const x = r.gaussian(100, 15)
      sum += x
      sq += x * x
    }
    const mean = sum / n
    const sd = Math.sqrt(sq / n - mean * mean)
    expect(Math.abs(mean - 100) / 100).toBeLessThan(0.01)
    expect(Math.abs(sd - 15) / 15).toBeLessThan(0.01)
  })

  it('uuid4 is a valid version 4 UUID and unique across draws', () => {
    const r = new Rng(0, 0, 0)
    const seen = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const u = r.uuid4()
      expect(u).toMatch(UUID4)
      seen.add(u)
    }
    expect(seen.size).toBe(10_000)
  })

  it('fork derives a sub-stream from the seed, not the position', () => {
    const a = new Rng(1, 2, 3)
    const into = new Rng()
    a.fork(77, into)
    const x = into.uint32()
    a.uint32()
    a.uint32()
    a.fork(77, into)
    expect(into.uint32()).toBe(x)
    a.fork(78, into)
    expect(into.uint32()).not.toBe(x)
  })

  it('hashString is stable and spreads similar ids', () => {
    expect(hashString('signup')).toBe(hashString('signup'))
    expect(hashString('signup')).not.toBe(hashString('signup2'))
    expect(hashString('')).toBeTypeOf('number')
  })
})
