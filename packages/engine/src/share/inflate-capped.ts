import { Inflate } from 'fflate'

/** DEFLATE's largest expansion: one byte of input can stand for at most 1032 bytes of output. */
export const DEFLATE_MAX_RATIO = 1032

/** Fewest compressed bytes fed to the inflater at a time, so that very little remains before the cap. */
export const INFLATE_MIN_CHUNK = 64

// Most compressed bytes fed at a time: bigger chunks only save call overhead.
const MAX_CHUNK = 4096

/** The result of `inflateRawCapped`: the bytes, or why not (and how many bytes were produced before stopping). */
export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large'; seen: number }
  | { ok: false; reason: 'corrupt'; message: string }

/**
 * Inflates raw DEFLATE (RFC 1951) data, refusing to produce more than `maxBytes`.
 *
 * fflate inflates whatever it was given in one go, so the input is fed in chunks sized so that even
 * at DEFLATE's largest expansion (1032:1) a chunk cannot produce more than what is left under the cap
 * (but at least `INFLATE_MIN_CHUNK` bytes): the output never grows more than 64 KB past the cap
 * before it is noticed, and a decompression bomb is stopped early instead of filling memory.
 * `onProgress` sees the running output size after each chunk (tests use it to watch memory).
 */
export function inflateRawCapped(
  data: Uint8Array,
  maxBytes: number,
  onProgress?: (seen: number) => void,
): InflateResult {
  if (data.length === 0) return { ok: false, reason: 'corrupt', message: 'no compressed data' }
  const parts: Uint8Array[] = []
  let seen = 0
  let over = false
  const inflater = new Inflate((chunk) => {
    seen += chunk.length
    if (seen > maxBytes) over = true
    // Past the cap, drop the chunks so they can be collected right away.
    else parts.push(chunk)
  })
  try {
    for (let at = 0; at < data.length; ) {
      const budget = Math.floor((maxBytes - seen) / DEFLATE_MAX_RATIO)
      const end = Math.min(at + Math.max(INFLATE_MIN_CHUNK, Math.min(MAX_CHUNK, budget)), data.length)
      inflater.push(data.subarray(at, end), end === data.length)
      at = end
      onProgress?.(seen)
      if (over) return { ok: false, reason: 'too-large', seen }
    }
  } catch (e) {
    return { ok: false, reason: 'corrupt', message: e instanceof Error ? e.message : String(e) }
  }
  const bytes = new Uint8Array(seen)
  let o = 0
  for (const p of parts) {
    bytes.set(p, o)
    o += p.length
  }
  return { ok: true, bytes }
}
