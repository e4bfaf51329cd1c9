import { Inflate } from 'fflate'

/** How many compressed bytes are fed to the inflater at a time (see `inflateRawCapped`). */
export const INFLATE_CHUNK_BYTES = 1024

/** The result of `inflateRawCapped`: the bytes, or why not (and how many bytes were produced before stopping). */
export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large'; seen: number }
  | { ok: false; reason: 'corrupt'; message: string }

/**
 * Inflates raw DEFLATE (RFC 1951) data, refusing to produce more than `maxBytes`.
 *
 * fflate inflates whatever it was given in one go, so the input is fed in small chunks: DEFLATE
 * expands at most ~1032:1, so one chunk adds at most ~1 MB and the output never grows much past the
 * cap before it is noticed (a decompression bomb is stopped early instead of filling memory).
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
    for (let at = 0; at < data.length; at += INFLATE_CHUNK_BYTES) {
      const end = Math.min(at + INFLATE_CHUNK_BYTES, data.length)
      inflater.push(data.subarray(at, end), end === data.length)
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
