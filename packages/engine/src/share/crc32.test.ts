import { describe, expect, it } from 'vitest'
import { crc32 } from './crc32.ts'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('crc32', () => {
  it('matches the standard check values (zlib, gzip)', () => {
    expect(crc32(new Uint8Array(0))).toBe(0)
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926)
    expect(crc32(bytes('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339)
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad)
  })

  it('changes when any single bit changes', () => {
    const data = bytes('events:\n  - source: stripe\n')
    const base = crc32(data)
    for (let i = 0; i < data.length * 8; i++) {
      const copy = data.slice()
      copy[i >> 3] ^= 1 << (i & 7)
      expect(crc32(copy)).not.toBe(base)
    }
  })
})
