import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type EventSchema, type StoryEvent, serializeNdjson, streamStory } from '../engine.ts'
import { REPO_ROOT } from '../test-fixtures.ts'

/** Events from a library story, with their NDJSON lines: what the sink tests feed the sinks. */
export interface SinkEvents {
  events: StoryEvent[]
  lines: string[]
  schemas: EventSchema[]
}

/**
 * Runs `stories/NAME.yaml` through the engine. `repeat` rewrites every `repeat: K` of the
 * story to `repeat: repeat`, for a bigger run of the same shape.
 */
export function storyEvents(name: string, repeat?: number): SinkEvents {
  const file = join(REPO_ROOT, 'stories', `${name}.yaml`)
  let text = readFileSync(file, 'utf8')
  if (repeat !== undefined) text = text.replace(/repeat: \d+/g, `repeat: ${repeat}`)
  const run = streamStory(text, { file })
  const events = [...run]
  if (run.failed) throw new Error(`${name}: ${run.diagnostics.map((d) => d.message).join('; ')}`)
  return { events, lines: events.map(serializeNdjson), schemas: run.story?.schemas ?? [] }
}

/** Writes every event to a sink the way the generate command does (awaiting backpressure). */
export async function feed(
  sink: { write(event: StoryEvent, line: string): void | Promise<void> },
  input: SinkEvents,
  from = 0,
  to = input.events.length,
): Promise<void> {
  for (let i = from; i < to; i++) {
    const pending = sink.write(input.events[i], input.lines[i])
    if (pending) await pending
  }
}
