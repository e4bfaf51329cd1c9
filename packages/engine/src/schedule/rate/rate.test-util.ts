import { loadStory } from '../../story/load-story.ts'
import type { Story } from '../../story/types.ts'
import { type RateProgram, resolveRate } from './intensity.ts'
import { rateUniform } from './rate-stream.ts'
import { createRateSchedule } from './sampler.ts'

/** Loads a one-definition rate story (for tests): the YAML of the event's rate keys, indented by 4. */
export function rateStory(rateYaml: string, head = 'start_date: 2025-01-01\nend_date: 2025-12-31\n'): Story {
  const r = loadStory(`org_id: o\n${head}events:\n  - source: s\n    event: e\n${rateYaml}`)
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(errors.map((d) => `${d.code}: ${d.message}`).join('\n'))
  return r.story!
}

/** The story's first definition as a program. */
export function programOf(story: Story): RateProgram {
  return resolveRate(story.events[0].rate!, story.start, story.end, story.timezone)
}

/** Calls `each` with every sampled time of the story's first definition; returns the count. */
export function sampleAll(story: Story, each: (t: number) => void = () => {}, seed = story.seed): number {
  const s = createRateSchedule(programOf(story), rateUniform(seed, story.events[0].id))
  let n = 0
  for (let t = s.next(); t !== undefined; t = s.next()) {
    each(t)
    n++
  }
  return n
}
