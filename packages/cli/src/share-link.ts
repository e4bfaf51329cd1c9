import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { UsageError } from './cli-io.ts'
import type { StoryInput } from './story-input.ts'

/** A story decoded from a studio share link. */
export interface LinkedStory extends StoryInput {
  seed?: number
}

/** Where the engine's share-link codec lives (added with the studio's Share button). */
const SHARE_DIR = fileURLToPath(new URL('../../engine/src/share/', import.meta.url))

/**
 * Decodes a studio share link (`https://.../#s=v1....`) into story text and seed, so a story
 * shared from the studio runs in CI. A clear usage error until the engine ships the codec.
 */
export async function storyFromLink(url: string): Promise<LinkedStory> {
  const unavailable = new UsageError(
    '--link: share links are not available yet in this version of autosource; save the story as a .yaml file and pass its path',
  )
  if (!existsSync(SHARE_DIR)) throw unavailable
  const engine = (await import('@autosource/engine')) as Record<string, unknown>
  const decode = engine.decodeShareLink
  if (typeof decode !== 'function') throw unavailable
  const decoded = (decode as (link: string) => unknown)(url) as
    | { ok: true; text: string; seed?: number; name?: string }
    | { ok: false; message: string }
  if (!decoded.ok) throw new UsageError(`--link: ${decoded.message}`)
  return {
    file: decoded.name ? `${decoded.name}.yaml` : 'shared-story.yaml',
    text: decoded.text,
    seed: decoded.seed,
  }
}
