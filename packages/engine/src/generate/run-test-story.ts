/**
 * Runs a Story built in code (expr/test-story.ts builds them) through the real engine: the
 * program, a run frame and the generation loop, exactly as streamStory does. Tests and the
 * generator guide's example outputs use it, so there is one set of ref/lookup semantics.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { compileStory } from '../expr/compile-story.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import { createRunFrame } from '../expr/run-frame.ts'
import type { RuntimeIssues } from '../expr/runtime-issues.ts'
import { testStory } from '../expr/test-story.ts'
import { userKeyed } from '../runtime/records.ts'
import type { FieldProvenance, RefResolver } from '../runtime/scope.ts'
import type { Story } from '../story/types.ts'
import { recordSource } from './record-source.ts'

/** A resolver that finds nothing (for scopes made by hand in tests). */
export const NO_REFS: RefResolver = { ref: () => undefined, lookup: () => undefined }

/** Result of `runStory`: rows per definition, the run's runtime problems, provenance when asked. */
export interface TestRun {
  program: StoryProgram
  issues: RuntimeIssues
  /** Diagnostics of the run as a whole (ref/later-target, limit/history, schedule problems). */
  diagnostics: Diagnostic[]
  rows: Record<string, unknown>[][]
  provenance: FieldProvenance[][]
}

/**
 * Compiles (throwing on errors) and runs `days` daily occurrences of every definition without
 * `after` (from 2025-01-01 in the story's zone; children follow their parents), through the engine.
 */
export function runStory(story: Story, days: number, options: { provenance?: boolean } = {}): TestRun {
  const repeated: Story = {
    ...story,
    events: story.events.map((e) => (e.after === undefined ? { ...e, repeat: days } : e)),
  }
  const { program, diagnostics } = compileStory(repeated)
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`story has errors: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  }
  const frame = createRunFrame(program)
  const summary = {
    total: 0,
    perType: userKeyed<number>(),
    diagnostics: 0,
    schemaViolations: 0,
    elapsedMs: 0,
  }
  const runDiagnostics: Diagnostic[] = []
  const source = recordSource(program, frame, { provenance: options.provenance }, summary, runDiagnostics)
  const rows: Record<string, unknown>[][] = story.events.map(() => [])
  const provenance: FieldProvenance[][] = []
  for (let r = source.next(); r !== undefined; r = source.next()) {
    rows[r.def].push(r.event.data)
    if (r.provenance) provenance.push(r.provenance)
  }
  runDiagnostics.push(...source.runDiagnostics())
  return { program, issues: frame.issues, diagnostics: runDiagnostics, rows, provenance }
}

/** Evaluates `= expr` (or a data string) for occurrences 0..n-1 as field `x` of a one-definition story. */
export function evalField(text: string, n = 1, seed = 42, siblings: Record<string, unknown> = {}): unknown[] {
  const story = testStory([{ id: 'main', data: { ...siblings, x: text } }], { seed })
  return runStory(story, n).rows[0].map((r) => r.x)
}

/** Resolves field `x` (written as `text`) for occurrences 0..n-1 (statistics, the guide's examples). */
export function sampleField(text: string, n: number, seed = 42): unknown[] {
  const story = testStory([{ id: 'main', data: { x: text } }], { seed })
  const { diagnostics } = compileStory(story)
  if (diagnostics.length) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('; '))
  return evalField(text, n, seed)
}
