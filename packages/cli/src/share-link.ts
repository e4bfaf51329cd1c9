import { UsageError } from './cli-io.ts'
import type { StoryInput } from './story-input.ts'

/** A story decoded from a studio share link. */
export interface LinkedStory extends StoryInput {
  seed?: number
}

/**
 * Decodes a studio share link (`https://.../#s=v1....`, or just the fragment) into story text
 * and seed, so a story shared from the studio runs in CI. A garbled, truncated or too-new link
 * is a usage error with the codec's message (exit 2); the text is only ever loaded as a story.
 */
export async function storyFromLink(url: string): Promise<LinkedStory> {
  // Loaded only for --link, so the other commands never pay for (or depend on) the codec.
  const { decodeShareLink } = await import('@autosource/engine/share')
  const decoded = decodeShareLink(url)
  if (!decoded.ok) throw new UsageError(`--link: ${decoded.error.message} (${decoded.error.code})`)
  const { text, seed, name } = decoded.payload
  // The name only labels diagnostics; keep it to something that reads like a file name.
  const label = name ? name.replace(/[^\w.-]+/g, '-').slice(0, 80) : 'shared-story'
  return { file: `${label}.yaml`, text, seed, fromLink: true }
}
