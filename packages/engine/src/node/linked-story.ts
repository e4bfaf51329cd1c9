import { decodeShareLink } from '../share/decode-share-link.ts'
import type { ShareLinkError } from '../share/share-link-types.ts'
import type { LoadOptions } from '../story/load-story.ts'

/** A story opened from a share link, with the load options every later step must use. */
export interface LinkedStory {
  /** A file-like label for diagnostics, from the link's story name (`shared-story.yaml` without one). */
  file: string
  text: string
  seed?: number
  /** `{ file, fromLink: true }`: `include:` is `story/include-in-link`, nothing on disk is read. */
  load: LoadOptions
}

/**
 * Opens a share link for loading: the decoded text plus load options that keep it self-contained.
 * Pass `load` (spread into `checkStory`, `streamStory` ... options) wherever the text is loaded.
 */
export function openLinkedStory(
  link: string,
): { ok: true; story: LinkedStory } | { ok: false; error: ShareLinkError } {
  const decoded = decodeShareLink(link)
  if (!decoded.ok) return decoded
  const { text, seed, name } = decoded.payload
  // The name only labels diagnostics; keep it to something that reads like a file name.
  const label = name ? name.replace(/[^\w.-]+/g, '-').slice(0, 80) : ''
  const file = `${label || 'shared-story'}.yaml`
  const story: LinkedStory = { file, text, load: { file, fromLink: true } }
  if (seed !== undefined) story.seed = seed
  return { ok: true, story }
}
