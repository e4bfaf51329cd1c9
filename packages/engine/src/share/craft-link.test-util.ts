import { deflateSync } from 'fflate'
import { toBase64Url } from './base64url.ts'
import { crc32 } from './crc32.ts'

/** Test helper: a `#s=v1.` link around any raw DEFLATE bytes, with a correct length and CRC (as an attacker would make). */
export function linkAroundDeflate(deflated: Uint8Array): string {
  const bytes = new Uint8Array(4 + deflated.length + 4)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, deflated.length)
  bytes.set(deflated, 4)
  view.setUint32(4 + deflated.length, crc32(bytes.subarray(0, 4 + deflated.length)))
  return '#s=v1.' + toBase64Url(bytes)
}

/** Test helper: a well-framed link whose payload is exactly these bytes (or this string as UTF-8). */
export function linkAroundPayload(payload: string | Uint8Array): string {
  return linkAroundDeflate(
    deflateSync(typeof payload === 'string' ? new TextEncoder().encode(payload) : payload),
  )
}
