import { deflateSync, inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { deflateBombOfZeros } from './deflate-bomb.test-util.ts'
import { DEFLATE_MAX_RATIO, INFLATE_MIN_CHUNK, inflateRawCapped } from './inflate-capped.ts'

const MB = 1024 * 1024

describe('inflateRawCapped', () => {
  it('inflates data spanning many input chunks', () => {
    let x = 1
    // Pseudo-random bytes (an LCG) barely compress, so the input spans many chunks.
    const data = Uint8Array.from(
      { length: 300_000 },
      () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0) >>> 24,
    )
    const deflated = deflateSync(data)
    expect(deflated.length).toBeGreaterThan(50 * 4096)
    const r = inflateRawCapped(deflated, data.length)
    expect(r.ok && r.bytes).toEqual(data)
  })

  it('accepts output of exactly the cap and refuses one byte more', () => {
    const data = new Uint8Array(5000).fill(65)
    expect(inflateRawCapped(deflateSync(data), 5000).ok).toBe(true)
    expect(inflateRawCapped(deflateSync(data), 4999)).toMatchObject({ ok: false, reason: 'too-large' })
  })

  it('reports empty, cut or garbage data as corrupt, never throwing', () => {
    const deflated = deflateSync(new TextEncoder().encode('events:\n  - source: stripe\n'.repeat(20)))
    expect(inflateRawCapped(new Uint8Array(0), 100)).toMatchObject({ ok: false, reason: 'corrupt' })
    expect(inflateRawCapped(deflated.subarray(0, deflated.length - 3), 10_000)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    })
    // 0b111: a final block of the reserved type 3.
    expect(inflateRawCapped(new Uint8Array([0xff, 0xff, 0xff]), 100)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    })
  })

  it('stops a 100 MB decompression bomb early, without the output ever growing past the cap', () => {
    const bomb = deflateBombOfZeros(100 * MB)
    const cap = 6 * MB
    const before = process.memoryUsage().arrayBuffers
    let peak = before
    let lastSeen = 0
    const r = inflateRawCapped(bomb, cap, (seen) => {
      lastSeen = seen
      peak = Math.max(peak, process.memoryUsage().arrayBuffers)
    })
    expect(r).toMatchObject({ ok: false, reason: 'too-large' })
    // Chunks shrink near the cap: the count stops less than one small chunk's worth past it.
    expect(lastSeen).toBeGreaterThan(cap)
    expect(lastSeen).toBeLessThanOrEqual(cap + INFLATE_MIN_CHUNK * DEFLATE_MAX_RATIO)
    // Measured memory (including garbage not yet collected): well under the 100 MB the bomb holds,
    // which inflating it whole would need at once.
    expect(peak - before).toBeLessThan(50 * MB)
  })

  it('crafts a bomb that really inflates to 100 MB (so the memory test above means something; run last: it leaves 100s of MB of garbage)', () => {
    const bomb = deflateBombOfZeros(100 * MB)
    expect(bomb.length).toBeLessThan(700_000)
    const all = inflateSync(bomb)
    let nonZero = 0
    for (let i = 0; i < all.length; i++) nonZero |= all[i]
    expect(all.length).toBeGreaterThanOrEqual(100 * MB)
    expect(nonZero).toBe(0)
  })
})
