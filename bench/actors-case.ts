import { serializeChunks, streamStory } from '../packages/engine/src/index.ts'
import type { ByteSink } from './byte-sink.ts'

/**
 * `actors` users arriving over a year (a Poisson rate), each living a few hours through a
 * short lifecycle (visit, sessions, sign-up or leave) with an event per state entry. Live
 * actors at any time are a few hundred, so peak memory must not grow with `actors`.
 */
export function actorsStoryText(actors: number): string {
  return `org_id: bench
start_date: 2025-01-01
end_date: 2025-12-31
seed: 1
actors:
  user:
    arrivals: { rate: ${(actors / 365).toFixed(3)}/day, pattern: { hours: evening } }
    attributes:
      id: uuid4()
      plan: weighted({'free': 0.8, 'pro': 0.2})
      country: choice(['US', 'DE', 'FR', 'JP'])
    lifecycle:
      start: visitor
      states:
        visitor: { next: { active: 0.5, gone: 0.5 }, after: duration(minutes=random(1, 30)) }
        active: { next: { active: "= user.plan == 'pro' ? 0.7 : 0.5", gone: 0.4 }, after: duration(minutes=exponential(0.05)) }
        gone: {}
events:
  - on: user.visitor
    source: web
    event: visit
    data: { user_id: user.id, country: user.country }
  - on: user.active
    source: web
    event: session
    data: { user_id: user.id, plan: user.plan, n: visit }
  - on: user.gone
    source: web
    event: left
    data: { user_id: user.id }
`
}

/** The engine on the actors story, serialised to NDJSON into the sink; returns the events made. */
export function actorsRun(actors: number, sink: ByteSink): number {
  const run = streamStory(actorsStoryText(actors), { file: 'bench/actors.yaml' })
  if (run.failed) throw new Error(run.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'))
  for (const chunk of serializeChunks(run, 'ndjson')) sink.chunk(chunk)
  return run.summary().total
}
