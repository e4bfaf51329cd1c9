import type { Diagnostic } from '../../diagnostics/diagnostic.ts'
import type { SourceString } from '../types.ts'
import type { LoadResult } from './load-options.ts'
import { locate, type ParsedFile } from './parse-file.ts'
import type { RawMap } from './raw-values.ts'

const FRAGMENT_KEYS = new Set(['data', 'name', 'description'])

/** A file with only `data:` (like the seed's field generator reference) is a fragment, not a story. */
export function isFragment(root: RawMap): boolean {
  const keys = Object.keys(root)
  return keys.includes('data') && keys.every((k) => FRAGMENT_KEYS.has(k))
}

/** Loads a fragment: its strings (for the expression checker) and one `story/fragment` info. */
export function loadFragment(parsed: ParsedFile, diagnostics: Diagnostic[]): LoadResult {
  const strings: SourceString[] = []
  for (const [key, s] of parsed.tree.strings) if (key.startsWith('data')) strings.push(s)
  diagnostics.push({
    code: 'story/fragment',
    severity: 'info',
    message:
      'This file is a data fragment (only `data:`): its fields are checked, but it has no events to generate',
    file: parsed.file,
    span: locate(parsed, ['data']).key ?? { start: 0, end: 0 },
    path: ['data'],
    hint: 'Add `org_id`, `start_date` and `events:` to make it a story',
  })
  return { diagnostics, fragment: strings }
}
