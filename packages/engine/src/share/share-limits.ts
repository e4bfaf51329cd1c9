import { MAX_STORY_BYTES } from '../story/limits.ts'

/** Longest story text a link may carry, in UTF-16 code units: the loader's own limit for a story file. */
export const MAX_SHARE_TEXT_LENGTH = MAX_STORY_BYTES

/**
 * Most bytes a link's payload may inflate to. A story at the text limit needs at most 3 UTF-8 bytes
 * per code unit, plus JSON quoting; past this, inflating stops (a decompression bomb is refused).
 */
export const MAX_SHARE_PAYLOAD_BYTES = 3 * MAX_SHARE_TEXT_LENGTH + 65_536

/** Longest input `decodeShareLink` looks at (a whole URL or fragment), in characters. */
export const MAX_SHARE_LINK_LENGTH = 2_000_000

/**
 * Links longer than this get a warning: RFC 9110 only asks that URLs up to 8,000 octets work, and
 * chat tools, e-mail clients and older browsers may truncate or refuse longer ones.
 */
export const SHARE_LINK_WARN_LENGTH = 8_000
