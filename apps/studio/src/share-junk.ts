/**
 * Tells a junk `#s=v1.` fragment from a cut-off share link. Frame v1 starts with the u32 length of its
 * data; a link whose declared length is more than the longest link could hold was never a share link
 * (reporting "it holds 8 of its 2246665643 bytes" would send the user looking for the rest of it).
 */
import { MAX_SHARE_LINK_LENGTH, type ShareErrorCode } from '@autosource/engine/share'

// Frame v1: u32 length | data | u32 CRC-32; base64url carries 3 bytes in 4 characters.
const FRAME_OVERHEAD = 8
const MAX_FRAME_BYTES = Math.ceil((MAX_SHARE_LINK_LENGTH * 3) / 4)

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** True when a link that failed as "cut short" declares a length no link can have. */
export function notAShareLink(input: string, code: ShareErrorCode): boolean {
  if (code === 'share/not-a-link') return true
  if (code !== 'share/truncated') return false
  const declared = declaredFrameBytes(input)
  return declared !== undefined && declared + FRAME_OVERHEAD > MAX_FRAME_BYTES
}

/** The data length a v1 link declares in its first 4 bytes (undefined when fewer than 6 characters). */
export function declaredFrameBytes(input: string): number | undefined {
  const at = input.indexOf('v1.')
  if (at < 0) return undefined
  const data = input.slice(at + 3, at + 9)
  if (data.length < 6) return undefined
  let bits = 0
  for (const c of data) {
    const v = ALPHABET.indexOf(c)
    if (v < 0) return undefined
    bits = bits * 64 + v
  }
  // 6 characters are 36 bits; the first 32 are the length.
  return Math.floor(bits / 16)
}
