import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import type { IncludeResolver } from '../story/load-story.ts'

/**
 * Resolves `include:` paths relative to the including file on disk. File names in
 * diagnostics stay relative to `root` (the working directory), as users wrote them.
 */
export function fileIncludeResolver(root = process.cwd()): IncludeResolver {
  return (path, fromFile) => {
    const base = isAbsolute(fromFile) ? fromFile : resolve(root, fromFile)
    const full = resolve(dirname(base), path)
    if (!existsSync(full)) return undefined
    const shown = relative(root, full)
    return { file: shown.startsWith('..') ? full : shown, text: readFileSync(full, 'utf8') }
  }
}

/** Reads a story file; undefined when it does not exist or is not readable. */
export function readStoryFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}
