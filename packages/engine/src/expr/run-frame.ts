import type { StoryProgram } from './compiled.ts'
import { DefFrame } from './def-frame.ts'
import { RuntimeIssues } from './runtime-issues.ts'

/**
 * The state of one run of a program: a frame per definition (contexts, last data, provenance
 * slots), the runtime problems found so far, and its own faker instance. Two runs of one
 * program never share any of it, so they give the same bytes however they interleave.
 */
export interface RunFrame {
  readonly program: StoryProgram
  /** One per program definition, same order. */
  readonly defs: readonly DefFrame[]
  /** Runtime problems of this run (one diagnostic per field and code, with a count). */
  readonly issues: RuntimeIssues
}

/** Makes the state of a new run of `program`. */
export function createRunFrame(program: StoryProgram): RunFrame {
  const issues = new RuntimeIssues()
  const faker = program.faker.used ? program.faker.bind() : null
  const defs = program.defs.map((d) => new DefFrame(d, issues, faker))
  return { program, defs, issues }
}
