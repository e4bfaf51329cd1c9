import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { compileStory } from '../expr/index.ts'
import { prepareFaults } from '../faults/fault-plan.ts'
import { type LoadOptions, loadStory } from '../story/load-story.ts'
import { type StoryOutline, storyOutline } from '../story/outline.ts'

/**
 * Every static diagnostic of a story (YAML, shape, expressions, refs, cycles, limits) and its
 * outline, without generating anything: what `validate` and the editor's live markers use.
 */
export function checkStory(
  text: string,
  options: LoadOptions = {},
): { diagnostics: Diagnostic[]; outline: StoryOutline } {
  const loaded = loadStory(text, options)
  const diagnostics = [...loaded.diagnostics]
  const story = loaded.story ?? loaded.partial
  if (story) {
    try {
      diagnostics.push(...compileStory(story).diagnostics)
      // faults (issue 18): values, field paths and duration expressions of `faults:`.
      diagnostics.push(...prepareFaults(story).diagnostics)
    } catch (e) {
      diagnostics.push({
        code: 'internal/error',
        severity: 'error',
        message: `Internal error while checking expressions: ${(e as Error)?.message ?? e}`,
        file: story.file,
        span: { start: 0, end: 0 },
        path: [],
      })
    }
  }
  return { diagnostics: sortDiagnostics(dedupe(diagnostics)), outline: storyOutline(story) }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.file}|${d.span.start}|${d.span.end}|${d.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
