import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { MAX_STORY_BYTES } from '../story/limits.ts'
import type { IncludeResolver, LoadOptions } from '../story/load-story.ts'
import { readRegularFile, realPathOf, refusePath, refuseSpecialPath } from './safe-read.ts'

/**
 * Most bytes `readStoryFile` reads: a story at the loader's limit in UTF-16 code units may take
 * up to 3 UTF-8 bytes per unit (bigger files are not read at all).
 */
export const MAX_STORY_FILE_READ_BYTES = 3 * MAX_STORY_BYTES

/**
 * Resolves `include:` paths relative to the including file on disk. Only regular `.yaml`/`.yml`
 * files are read (never FIFOs, devices, directories or /proc, /sys, /dev), each opened once and
 * capped while reading; a file reached through several names (symlinks, a diamond) is read once.
 * File names in diagnostics stay relative to `root` (the working directory), as users wrote them.
 */
export function fileIncludeResolver(root = process.cwd()): IncludeResolver {
  return (path, fromFile, context) => {
    const base = isAbsolute(fromFile) ? fromFile : resolve(root, fromFile)
    const full = resolve(dirname(base), path)
    const shown = relative(root, full)
    const file = shown.startsWith('..') || isAbsolute(shown) ? full : shown
    if (!/\.ya?ml$/i.test(path))
      return {
        refused: 'only .yaml and .yml files can be included',
        hint: 'Include the story file (ending in .yaml or .yml) that holds the templates',
      }
    const real = realPathOf(full)
    if (real === undefined) return undefined
    const refusal = refusePath(real)
    if (refusal) return refusal
    // Already joined under this or another name: no second read.
    if (context?.isIncluded(real)) return { file, key: real }
    const read = readRegularFile(real, context?.maxBytes ?? MAX_STORY_BYTES)
    return 'refused' in read ? read : { file, key: real, text: read.text }
  }
}

/**
 * Reads a story file through the same guarded path as includes (one open, regular files only,
 * capped); undefined when it does not exist or cannot be read that way.
 */
export function readStoryFile(path: string): string | undefined {
  try {
    const real = realPathOf(path)
    if (real === undefined || refuseSpecialPath(real)) return undefined
    const read = readRegularFile(real, MAX_STORY_FILE_READ_BYTES)
    return 'refused' in read ? undefined : read.text
  } catch {
    return undefined
  }
}

/**
 * Load options for a story read from disk (`include:` resolves next to it) or opened from a share
 * link (`include:` is a `story/include-in-link` error and nothing on disk is read).
 */
export function storyLoadOptions(origin: { link: true } | { link?: false; root?: string }): LoadOptions {
  return origin.link ? { fromLink: true } : { resolveInclude: fileIncludeResolver(origin.root) }
}
