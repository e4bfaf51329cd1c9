import type { Diagnostic } from '../../diagnostics/diagnostic.ts'
import type { SourceString, Story } from '../types.ts'

/** What a resolver found for one `include:` entry. */
export interface IncludeFound {
  /** Name shown in diagnostics (relative to the working directory when it can be). */
  file: string
  /** The file's text; absent when `key` says the file already joined (it is then not read again). */
  text?: string
  /** Identity of the file (its real path): two names for one file join once. Defaults to `file`. */
  key?: string
}

/** A resolver's refusal: the path exists but may not be included (`limit/include-file`). */
export interface IncludeRefused {
  /** What is wrong, e.g. "is a named pipe (FIFO), not a regular file". */
  refused: string
  /** How to fix it. */
  hint?: string
}

/** What the loader tells a resolver about the story being loaded. */
export interface IncludeContext {
  /** Bytes the story may still include (the per-story budget minus what was read). */
  maxBytes: number
  /** True when a file with this key already joined: the resolver need not read it again. */
  isIncluded(key: string): boolean
}

/**
 * Finds the text of an included file: `path` as written, relative to `fromFile`. Undefined when
 * missing; a refusal when it exists but is not a file a story may include.
 */
export type IncludeResolver = (
  path: string,
  fromFile: string,
  context?: IncludeContext,
) => IncludeFound | IncludeRefused | undefined

/** Options of `loadStory`. */
export interface LoadOptions {
  /** Name of the file, used in diagnostics (default `story.yaml`). */
  file?: string
  /** Reads included files; without it, `include:` is a diagnostic. */
  resolveInclude?: IncludeResolver
  /**
   * The text came from a share link (untrusted, self-contained): every `include:` is a
   * `story/include-in-link` error and no resolver is ever called, so a link cannot read the opener's files.
   */
  fromLink?: boolean
}

/** What the loader returns: a typed story when there are no errors, and every diagnostic found. */
export interface LoadResult {
  story?: Story
  diagnostics: Diagnostic[]
  /** True when the file is a data fragment (top-level `data:` only, like the seed's field reference). */
  fragment?: SourceString[]
  /** The story as far as it could be built when there are errors (for editor tooling: outline, completion). */
  partial?: Story
}
