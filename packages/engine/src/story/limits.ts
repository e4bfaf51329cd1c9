/**
 * The loader's limits, in bytes (UTF-16 code units of text, which is what JavaScript measures)
 * or in steps. Each one is documented in docs/stories.md and docs/security.md; exceeding one is
 * a single diagnostic at the place that exceeds it, never a hang or a crash.
 *
 * In a module of its own so that light importers (the share-link codec in the studio's main
 * bundle) do not pull in the loader, YAML, zod and faker.
 */

/** Largest story file the loader reads (bigger files are a `limit/file-size` diagnostic). */
export const MAX_STORY_BYTES = 2_000_000

/** Most files one story may include, counting nested includes (`limit/include-file`). */
export const MAX_INCLUDED_FILES = 100

/** Most text all included files of one story may hold together (`limit/include-file`). */
export const MAX_INCLUDED_BYTES = 4_000_000

/** Deepest `after:` chain (funnel steps below a root event) a story may have (`limit/funnel-depth`). */
export const MAX_FUNNEL_DEPTH = 1_000

/** Longest chain of templates built on each other with `use:` (`limit/depth`). */
export const MAX_TEMPLATE_DEPTH = 64

/** Most diagnostics one load or check reports; the rest are counted in one `limit/diagnostics`. */
export { MAX_DIAGNOSTICS } from '../diagnostics/cap-diagnostics.ts'
/** Longest user text quoted in a message, and longest message or hint a diagnostic keeps. */
export { MAX_MESSAGE_LENGTH, MAX_QUOTED_LENGTH } from '../diagnostics/user-text.ts'
