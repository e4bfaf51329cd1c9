import { readFileSync } from 'node:fs'
import { serializeChunks, streamStory } from '../packages/engine/src/index.ts'
import type { ByteSink } from './byte-sink.ts'

/** Path of the reference story (1M events as written). */
export const REFERENCE_STORY = new URL('./reference-story.yaml', import.meta.url)

/** The reference story resized to `events` events (half signups, half subscriptions). */
export function referenceStoryText(events: number): string {
  const text = readFileSync(REFERENCE_STORY, 'utf8')
  const perDefinition = Math.ceil(events / 2)
  const resized = text.replace(/repeat: 500000/g, `repeat: ${perDefinition}`)
  if (resized === text && perDefinition !== 500_000)
    throw new Error('reference-story.yaml: `repeat: 500000` not found')
  return resized
}

/**
 * The engine on the reference story, serialised by the one NDJSON serializer in 64 KiB
 * chunks (exactly what `autosource generate` writes), into the sink.
 */
export function engineRun(events: number, sink: ByteSink): number {
  const run = streamStory(referenceStoryText(events), { file: 'bench/reference-story.yaml', limit: events })
  if (run.failed) {
    const problems = run.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')
    throw new Error(`reference story does not run:\n${problems}`)
  }
  for (const chunk of serializeChunks(run, 'ndjson')) sink.chunk(chunk)
  return run.summary().total
}
