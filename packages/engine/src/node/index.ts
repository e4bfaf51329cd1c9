import {
  type StoryRun,
  type StreamOptions,
  streamStory as streamStoryText,
} from '../generate/stream-story.ts'
import { fileIncludeResolver, readStoryFile } from './file-resolver.ts'

export * from '../index.ts'
export {
  fileIncludeResolver,
  MAX_STORY_FILE_READ_BYTES,
  readStoryFile,
  storyLoadOptions,
} from './file-resolver.ts'
export { type LinkedStory, openLinkedStory } from './linked-story.ts'

/**
 * Streams a story from a file path (the seed's `stream_story("stories/basic.yaml")`):
 * `for (const event of streamStoryFile('stories/basic.yaml')) process(event)`.
 * Includes resolve relative to the file.
 */
export function streamStoryFile(path: string, options: StreamOptions = {}): StoryRun {
  const text = readStoryFile(path)
  if (text === undefined) throw new Error(`Cannot read story file ${path}`)
  return streamStoryText(text, { file: path, resolveInclude: fileIncludeResolver(), ...options })
}

/** Same as the browser `streamStory`, but a string ending in .yaml/.yml that names an existing file is read from disk. */
export function streamStory(
  input: Parameters<typeof streamStoryText>[0],
  options: StreamOptions = {},
): StoryRun {
  if (
    typeof input === 'string' &&
    /\.ya?ml$/i.test(input) &&
    !input.includes('\n') &&
    readStoryFile(input) !== undefined
  ) {
    return streamStoryFile(input, options)
  }
  return streamStoryText(input, options)
}
