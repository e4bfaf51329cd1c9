import { deflateSync } from 'fflate'
import { fromBase64Url, toBase64Url } from './base64url.ts'
import { crc32 } from './crc32.ts'
import { inflateRawCapped } from './inflate-capped.ts'
import { MAX_SHARE_PAYLOAD_BYTES, MAX_SHARE_TEXT_LENGTH } from './share-limits.ts'
import type { DecodeShareLinkResult, ShareErrorCode, SharePayload } from './share-link-types.ts'

// Frame v1, the bytes behind `v1.` (docs/share.md is the reference for other implementations):
//   u32 big-endian N | N bytes of raw DEFLATE of the payload JSON (UTF-8) | u32 big-endian CRC-32 of
//   the 4 + N bytes before it.
// The length makes a cut-off link certain to read as truncated; the CRC covers the transmitted bytes
// (not the inflated text), so any changed character is caught before anything is inflated.
const HEADER = 4
const TRAILER = 4

/** Encodes a checked payload as the base64url data of a `v1.` link. */
export function encodeFrameV1(payload: SharePayload): string {
  const json = new TextEncoder().encode(payloadJson(payload))
  if (json.length > MAX_SHARE_PAYLOAD_BYTES) {
    throw new RangeError(
      `The story is ${json.length} bytes as a link payload; links carry at most ${MAX_SHARE_PAYLOAD_BYTES}`,
    )
  }
  const deflated = deflateSync(json, { level: 9 })
  const bytes = new Uint8Array(HEADER + deflated.length + TRAILER)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, deflated.length)
  bytes.set(deflated, HEADER)
  view.setUint32(HEADER + deflated.length, crc32(bytes.subarray(0, HEADER + deflated.length)))
  return toBase64Url(bytes)
}

/** Decodes the base64url data of a `v1.` link; never throws. */
export function decodeFrameV1(data: string): DecodeShareLinkResult {
  if (data.length === 0) return fail('share/truncated', 'The link is cut short: it has no data after `v1.`.')
  const decoded = fromBase64Url(data)
  if (!decoded.ok && decoded.reason === 'length') {
    return fail('share/truncated', 'The link is cut short (its data ends mid-byte).')
  }
  if (!decoded.ok && decoded.reason === 'alphabet') {
    return fail(
      'share/corrupt',
      `The link is damaged: ${JSON.stringify(decoded.char)} at position ${decoded.at + 1} of its data cannot appear in a share link.`,
    )
  }
  // A cut link usually ends in a non-canonical character too: the declared length tells them apart.
  const bytes = decoded.bytes
  if (bytes.length < HEADER + TRAILER)
    return fail('share/truncated', 'The link is cut short: its data is incomplete.')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = view.getUint32(0)
  const expected = HEADER + n + TRAILER
  if (bytes.length < expected) {
    return fail(
      'share/truncated',
      `The link is cut short: it holds ${bytes.length} of its ${expected} bytes.`,
    )
  }
  if (!decoded.ok) return fail('share/corrupt', 'The link is damaged: its last character was changed.')
  if (bytes.length > expected) {
    return fail(
      'share/corrupt',
      `The link is damaged: it has ${bytes.length - expected} bytes more than it declares.`,
    )
  }
  if (view.getUint32(HEADER + n) !== crc32(bytes.subarray(0, HEADER + n))) {
    return fail('share/corrupt', 'The link is damaged or was edited: its checksum does not match.')
  }
  const inflated = inflateRawCapped(bytes.subarray(HEADER, HEADER + n), MAX_SHARE_PAYLOAD_BYTES)
  if (!inflated.ok) {
    return inflated.reason === 'too-large'
      ? fail(
          'share/too-large',
          `The link unpacks to more than ${MAX_SHARE_PAYLOAD_BYTES} bytes; it was not opened.`,
        )
      : fail('share/corrupt', `The link is damaged: its data does not decompress (${inflated.message}).`)
  }
  return parsePayload(inflated.bytes)
}

/** The payload as JSON with keys in a fixed order; `undefined` fields are left out. */
function payloadJson(p: SharePayload): string {
  return JSON.stringify({ text: p.text, seed: p.seed, name: p.name })
}

function parsePayload(bytes: Uint8Array): DecodeShareLinkResult {
  let value: unknown
  try {
    // fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a BOM stays and fails JSON.parse.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
  } catch {
    return fail('share/corrupt', 'The link is damaged: its content is not a story payload.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('share/corrupt', 'The link is damaged: its content is not a story payload.')
  }
  // Only the known keys are read; others are ignored so later v1 writers may add optional fields.
  const { text, seed, name } = value as Record<string, unknown>
  if (typeof text !== 'string') return fail('share/corrupt', 'The link is damaged: it carries no story text.')
  if (text.length > MAX_SHARE_TEXT_LENGTH) {
    return fail(
      'share/too-large',
      `The story in the link is ${text.length} characters; stories are limited to ${MAX_SHARE_TEXT_LENGTH}.`,
    )
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    return fail('share/corrupt', 'The link is damaged: its seed is not an integer.')
  }
  if (name !== undefined && typeof name !== 'string') {
    return fail('share/corrupt', 'The link is damaged: its story name is not text.')
  }
  // A fresh object with only these keys: nothing from the parsed JSON (e.g. `__proto__`) is carried over.
  const payload: SharePayload = { text }
  if (seed !== undefined) payload.seed = seed as number
  if (name !== undefined) payload.name = name
  return { ok: true, payload }
}

function fail(code: ShareErrorCode, message: string): DecodeShareLinkResult {
  return { ok: false, error: { code, message } }
}
