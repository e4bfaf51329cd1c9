/** Where the open draft's text comes from, as the engine must know it (file name, includes, link). */
import type { FileMap, StorySource } from '@autosource/engine/worker'
import type { Draft } from '../drafts/draft.ts'

/** The file name the open story has in diagnostics (drafts notionally live beside the library in `stories/`). */
export const MAIN_FILE = 'story.yaml'

/** A draft opened from a share link is loaded with `fromLink` (no `include:`), and gets no library files. */
export function storyOrigin(draft: Draft | undefined, files: FileMap | undefined): StorySource {
  if (draft?.origin === 'link') return { file: MAIN_FILE, fromLink: true }
  return { file: MAIN_FILE, files }
}
