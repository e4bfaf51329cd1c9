// The loader lives in load/ (one concept per file); this module keeps its public entry stable.

export { MAX_STORY_BYTES } from './limits.ts'
export type {
  IncludeContext,
  IncludeFound,
  IncludeRefused,
  IncludeResolver,
  LoadOptions,
  LoadResult,
} from './load/load-options.ts'
export { loadStory } from './load/load-story.ts'
