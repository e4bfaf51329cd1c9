const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

// Char code -> 6-bit value, -1 for characters outside the alphabet.
const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i

/** Why a text is not canonical unpadded base64url. */
export type Base64UrlProblem =
  | { reason: 'length' }
  | { reason: 'alphabet'; at: number; char: string }
  | { reason: 'non-canonical'; bytes: Uint8Array }

/** Encodes bytes as base64url (RFC 4648 §5) without `=` padding. */
export function toBase64Url(bytes: Uint8Array): string {
  const out: string[] = []
  // Build in slices: one string per 3 KB keeps memory flat and avoids huge concatenation chains.
  for (let start = 0; start < bytes.length; start += 3072) {
    const end = Math.min(start + 3072, bytes.length)
    let s = ''
    let i = start
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
      s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]
    }
    if (end - i === 1) {
      const n = bytes[i] << 16
      s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63]
    } else if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
      s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63]
    }
    out.push(s)
  }
  return out.join('')
}

/**
 * Decodes unpadded base64url strictly: only the 64 URL-safe characters, no padding, and the unused low
 * bits of the last character must be zero, so each byte string has exactly one accepted spelling
 * (otherwise a changed last character could decode to the same bytes and go unnoticed). A
 * non-canonical text still comes with its bytes, so callers can tell a cut text from a changed one.
 */
export function fromBase64Url(
  text: string,
): { ok: true; bytes: Uint8Array } | ({ ok: false } & Base64UrlProblem) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 128 || VALUE[c] < 0)
      return { ok: false, reason: 'alphabet', at: i, char: String.fromCodePoint(text.codePointAt(i)!) }
  }
  const rest = text.length % 4
  // One leftover character carries only 6 bits: never a whole byte, so the text was cut.
  if (rest === 1) return { ok: false, reason: 'length' }
  const bytes = new Uint8Array(((text.length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1))
  let o = 0
  let i = 0
  for (; i + 3 < text.length; i += 4) {
    const n =
      (VALUE[text.charCodeAt(i)] << 18) |
      (VALUE[text.charCodeAt(i + 1)] << 12) |
      (VALUE[text.charCodeAt(i + 2)] << 6) |
      VALUE[text.charCodeAt(i + 3)]
    bytes[o++] = n >> 16
    bytes[o++] = (n >> 8) & 255
    bytes[o++] = n & 255
  }
  if (rest === 2) {
    const n = (VALUE[text.charCodeAt(i)] << 18) | (VALUE[text.charCodeAt(i + 1)] << 12)
    bytes[o++] = n >> 16
    if (n & 0xffff) return { ok: false, reason: 'non-canonical', bytes }
  } else if (rest === 3) {
    const n =
      (VALUE[text.charCodeAt(i)] << 18) |
      (VALUE[text.charCodeAt(i + 1)] << 12) |
      (VALUE[text.charCodeAt(i + 2)] << 6)
    bytes[o++] = n >> 16
    bytes[o++] = (n >> 8) & 255
    if (n & 0xff) return { ok: false, reason: 'non-canonical', bytes }
  }
  return { ok: true, bytes }
}
