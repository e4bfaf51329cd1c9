export { parseLocalDate } from './dates.ts'
export { didYouMean } from './did-you-mean.ts'
export {
  type IncludeResolver,
  type LoadOptions,
  type LoadResult,
  loadStory,
  MAX_STORY_BYTES,
} from './load-story.ts'
export { scanSeedDialect } from './seed-dialect.ts'
export { KNOWN_KEYS, storyJsonSchema, storyShape } from './story-schema.ts'
export * from './types.ts'
export { YAML_LIMITS } from './yaml-tree.ts'
