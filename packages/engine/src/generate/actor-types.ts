import { actorOfDefs } from '../expr/compile-actors.ts'
import type { StoryProgram } from '../expr/compiled.ts'

/** Per definition, the index of the actor type it runs under (`on:` or a funnel under one), else -1. */
export function actorTypesOf(program: StoryProgram): number[] {
  const story = program.story
  if (!story.actors?.length) return story.events.map(() => -1)
  const index = new Map(story.actors.map((a, i) => [a.name, i]))
  return actorOfDefs(story).map((name) => (name === undefined ? -1 : (index.get(name) ?? -1)))
}
