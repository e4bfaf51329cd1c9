/**
 * Seeded pseudo-random numbers for generation: sfc32 (32-bit ops only, so results are
 * identical in every JS engine), seeded per (story seed, definition stream, occurrence)
 * through murmur3-style mixing, so no value depends on how many draws happened elsewhere.
 */

const TWO_POW_32 = 4294967296

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Folds one 32-bit word into a running murmur3 hash state. */
export function mix32(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

/** Stable 32-bit hash of a string (FNV-1a then fmix), used to key streams by definition id rather than position. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return fmix32(h ^ s.length)
}

// Char codes of the hex digits: a UUID is built as one flat string by a single
// String.fromCharCode call. Concatenating pieces makes a tree of ~20 cons strings per UUID,
// which the serializer must flatten and the GC must copy while the id stays in the history.
const HEX_CODE = new Uint8Array(16)
for (let i = 0; i < 16; i++) HEX_CODE[i] = '0123456789abcdef'.charCodeAt(i)

/** Char code of the hex digit of `x` at bit `shift` (a nibble). */
function h(x: number, shift: number): number {
  return HEX_CODE[(x >>> shift) & 15]
}

const DASH = 45

/** A small, fast, seedable generator (sfc32). Reseed it per occurrence; it keeps no state across reseeds. */
export class Rng {
  // The state and key are kept as signed 32-bit integers, which V8 stores unboxed (as small
  // integers); unsigned values above 2^31 would make every field a boxed double. The bits,
  // and so every draw, are the same.
  private a = 0
  private b = 0
  private c = 0
  private d = 0
  private k = 0
  private lastSeed = Number.NaN
  private seedHash = 0

  constructor(seed = 0, stream = 0, occurrence = 0) {
    this.reseed(seed, stream, occurrence)
  }

  /** Restarts the generator for (seed, stream, occurrence); seed may be any safe integer. */
  reseed(seed: number, stream: number, occurrence: number): void {
    // A run reseeds several times per event, always with the same seed: its part of the hash is kept.
    if (seed !== this.lastSeed) {
      const lo = seed >>> 0
      const hi = Math.floor(seed / TWO_POW_32) | 0
      this.seedHash = mix32(mix32(0x2545f491, lo), hi)
      this.lastSeed = seed
    }
    let h = mix32(this.seedHash, stream | 0)
    h = mix32(h, occurrence | 0)
    this.seedKey(fmix32(h ^ 16))
  }

  /** The mixed 32-bit key of the last (re)seed (unsigned); sub-streams are derived from it. */
  get key(): number {
    return this.k >>> 0
  }

  /** Seeds `into` with a sub-stream of this generator's seed (not its current position), keyed by `key`. */
  fork(key: number, into: Rng): Rng {
    into.seedKey(fmix32(mix32(mix32(0x68e31da4, this.k), key) ^ 8))
    return into
  }

  /** Sets the state from one 32-bit key via splitmix32, which spreads it over all 128 bits. */
  seedKey(key: number): void {
    let s = key | 0
    this.k = s
    s = (s + 0x9e3779b9) | 0
    this.a = splitmix(s) | 0
    s = (s + 0x9e3779b9) | 0
    this.b = splitmix(s) | 0
    s = (s + 0x9e3779b9) | 0
    this.c = splitmix(s) | 0
    s = (s + 0x9e3779b9) | 0
    this.d = splitmix(s) | 1
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const a = this.a
    const b = this.b
    const c = this.c
    const d = this.d
    const t = (((a + b) | 0) + d) | 0
    this.d = (d + 1) | 0
    this.a = b ^ (b >>> 9)
    this.b = (c + (c << 3)) | 0
    this.c = (((c << 21) | (c >>> 11)) + t) | 0
    return t >>> 0
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32
  }

  /** A uniform integer in [min, max], both inclusive (bounds are rounded towards the inside). */
  int(min: number, max: number): number {
    const lo = Math.ceil(min)
    const hi = Math.floor(max)
    if (hi <= lo) return lo
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  /** A uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** A normal draw (Box-Muller; the second value is discarded so nothing is cached). */
  gaussian(mean = 0, sd = 1): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** A version 4 UUID with the RFC 4122 variant bits, formatted from four draws. */
  uuid4(): string {
    const a = this.uint32()
    const b = (this.uint32() & 0xffff0fff) | 0x4000
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0
    const d = this.uint32()
    // biome-ignore format: the 36 characters of the UUID, one group per line
    return String.fromCharCode(
      h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0), DASH,
      h(b, 28), h(b, 24), h(b, 20), h(b, 16), DASH,
      h(b, 12), h(b, 8), h(b, 4), h(b, 0), DASH,
      h(c, 28), h(c, 24), h(c, 20), h(c, 16), DASH,
      h(c, 12), h(c, 8), h(c, 4), h(c, 0),
      h(d, 28), h(d, 24), h(d, 20), h(d, 16), h(d, 12), h(d, 8), h(d, 4), h(d, 0),
    )
  }
}

function splitmix(s: number): number {
  let z = s
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}
