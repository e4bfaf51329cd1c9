import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { LoadOptions } from '../story/load-story.ts'
import type { StoryOutline } from '../story/outline.ts'
import { prepareStory } from './prepare-story.ts'

/**
 * Every static diagnostic of a story (YAML, shape, expressions, refs, cycles, limits) and its
 * outline, without generating anything: what `validate` and the editor's live markers use.
 */
export function checkStory(
  text: string,
  options: LoadOptions = {},
): { diagnostics: Diagnostic[]; outline: StoryOutline } {
  return prepareStory(text, options).check()
}
