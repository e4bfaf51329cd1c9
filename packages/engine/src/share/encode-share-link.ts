import { encodeFrameV1 } from './frame-v1.ts'
import { MAX_SHARE_LINK_LENGTH, MAX_SHARE_TEXT_LENGTH } from './share-limits.ts'
import type { SharePayload } from './share-link-types.ts'

/** The fragment key and current format version of share links: `#s=v1.<data>`. */
export const SHARE_LINK_PREFIX = '#s=v1.'

/**
 * Makes a share link: `base` (its own fragment, if any, replaced) + `#s=v1.<data>`; with no base,
 * just the fragment. Throws a RangeError for a payload no link may carry (text over the story size
 * limit, a seed that is not a safe integer, a link that would exceed the decoder's length cap).
 */
export function encodeShareLink(payload: SharePayload, base = ''): string {
  const { text, seed, name } = payload
  if (typeof text !== 'string') throw new TypeError('A share link needs the story text as a string')
  if (text.length > MAX_SHARE_TEXT_LENGTH) {
    throw new RangeError(
      `The story is ${text.length} characters; links carry at most ${MAX_SHARE_TEXT_LENGTH}`,
    )
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new RangeError(`The seed must be a safe integer, not ${seed}`)
  }
  if (name !== undefined && typeof name !== 'string') throw new TypeError('The story name must be a string')
  const hash = base.indexOf('#')
  const link =
    (hash < 0 ? base : base.slice(0, hash)) + SHARE_LINK_PREFIX + encodeFrameV1({ text, seed, name })
  if (link.length > MAX_SHARE_LINK_LENGTH) {
    throw new RangeError(
      `The link would be ${link.length} characters; links are limited to ${MAX_SHARE_LINK_LENGTH}: share the .yaml file instead`,
    )
  }
  return link
}
