import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { compileStory } from '../expr/compile-story.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import { prepareFaults } from '../faults/fault-plan.ts'
import { type LoadOptions, loadStory } from '../story/load-story.ts'
import { type StoryOutline, storyOutline } from '../story/outline.ts'
import type { Story } from '../story/types.ts'

/** A story loaded and compiled once: what a check reports, and the program every run of it uses. */
export interface PreparedStory {
  /** The loaded story, when it loaded. */
  story?: Story
  /** The immutable program, when the story has no errors. */
  program?: StoryProgram
  /** Static diagnostics for a run (loader, then compiler when the story loaded), sorted. */
  diagnostics: Diagnostic[]
  /** Every static diagnostic (also of a partly loaded story), deduplicated and sorted, with the outline. */
  check(): { diagnostics: Diagnostic[]; outline: StoryOutline }
}

/**
 * Loads and compiles a story once. A story that loaded only in part (errors in some
 * definitions) is still compiled, for the check's diagnostics; it gets no program.
 */
export function prepareStory(input: string | Story, options: LoadOptions = {}): PreparedStory {
  const loaded =
    typeof input === 'string'
      ? loadStory(input, options)
      : { story: input, partial: undefined, diagnostics: [] as Diagnostic[] }
  const story = loaded.story
  const compiled = story ?? loaded.partial
  let program: StoryProgram | undefined
  let compileDiagnostics: Diagnostic[] = []
  if (compiled) {
    try {
      const r = compileStory(compiled)
      program = r.program
      // faults (issue 18): values, field paths and duration expressions of `faults:`.
      compileDiagnostics = [
        ...r.diagnostics,
        ...prepareFaults(compiled, compiled.seed, r.program ?? null).diagnostics,
      ]
    } catch (e) {
      compileDiagnostics = [internalError(compiled, e)]
    }
  }
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(story ? compileDiagnostics : [])])
  const runnable = story !== undefined && program !== undefined && !hasErrors(diagnostics)
  let checked: { diagnostics: Diagnostic[]; outline: StoryOutline } | undefined
  return {
    story,
    program: runnable ? program : undefined,
    diagnostics,
    check: () => {
      checked ??= {
        diagnostics: sortDiagnostics(dedupe([...loaded.diagnostics, ...compileDiagnostics])),
        outline: storyOutline(compiled),
      }
      return { diagnostics: [...checked.diagnostics], outline: checked.outline }
    },
  }
}

function internalError(story: Story, e: unknown): Diagnostic {
  return {
    code: 'internal/error',
    severity: 'error',
    message: `Internal error while checking expressions: ${(e as Error)?.message ?? e}`,
    file: story.file,
    span: { start: 0, end: 0 },
    path: [],
  }
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
