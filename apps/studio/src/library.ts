/** The example stories of the repository (`stories/`), bundled at build time as a read-only library. */
import type { FileMap } from '@autosource/engine/worker'
import { storyNameOf } from './drafts/draft.ts'

/** One example story. */
export interface LibraryStory {
  /** Path below `stories/`, e.g. `saas/signups.yaml` (also how other stories `include:` it). */
  path: string
  name: string
  text: string
}

const raw = import.meta.glob(['../../../stories/**/*.yaml', '!../../../stories/**/*.golden.*'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/** Library entries from a glob result, sorted by name. */
export function libraryFrom(files: Record<string, string>): LibraryStory[] {
  return Object.entries(files)
    .map(([key, text]) => {
      const path = key.replace(/^.*?\/stories\//, '')
      const base =
        path
          .replace(/\.ya?ml$/, '')
          .split('/')
          .pop() ?? path
      return { path, name: storyNameOf(text) ?? base, text }
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path))
}

/**
 * Files that exist to be included by other stories (`_part.yaml`, `shared*.yaml`, as in the golden
 * test of stories/): they have no `org_id` or `events` of their own, so they are not listed.
 */
export function isIncludedPart(path: string): boolean {
  return /(^|\/)(_|shared)[^/]*\.ya?ml$/.test(path)
}

const ALL: LibraryStory[] = libraryFrom(raw)

/**
 * Library files that describe the story format (from the original description: `org_id: string`,
 * `field1: value`) rather than run: listed apart as reference, so nobody mistakes them for examples.
 */
export const REFERENCE_PATHS: ReadonlySet<string> = new Set(['seed-format.yaml', 'seed-fields.yaml'])

const OPENABLE = ALL.filter((s) => !isIncludedPart(s.path))

/** The bundled example stories a user can open and run (included-only parts are left out). */
export const LIBRARY: LibraryStory[] = OPENABLE.filter((s) => !REFERENCE_PATHS.has(s.path))

/** The bundled format references (they validate with errors and generate nothing, by design). */
export const LIBRARY_REFERENCE: LibraryStory[] = OPENABLE.filter((s) => REFERENCE_PATHS.has(s.path))

/** The library as files a draft may `include:` (paths relative to `stories/`, where drafts notionally live). */
export const LIBRARY_FILES: FileMap = Object.fromEntries(ALL.map((s) => [s.path, s.text]))
