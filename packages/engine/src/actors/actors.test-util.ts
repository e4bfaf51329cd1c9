import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { checkStory } from '../generate/check-story.ts'
import { streamStory } from '../generate/stream-story.ts'
import type { StoryEvent } from '../runtime/records.ts'

/** Every event of a story and the run's diagnostics. */
export function run(text: string, seed?: number): { events: StoryEvent[]; diagnostics: Diagnostic[] } {
  const r = streamStory(text, seed === undefined ? {} : { seed })
  const events = [...r]
  return { events, diagnostics: r.diagnostics }
}

/** The codes of a story's static diagnostics. */
export function codes(text: string): string[] {
  return checkStory(text).diagnostics.map((d) => d.code)
}

/** A story with one actor type `u` and the given lifecycle and events (YAML bodies, indented as written). */
export function story(actor: string, events: string, extra = ''): string {
  return `org_id: t
start_date: 2025-01-01
end_date: 2025-12-31
seed: 3
${extra}actors:
  u:
${actor}
events:
${events}
`
}

/** Events grouped by a data field. */
export function groupBy(events: StoryEvent[], field: string): Map<unknown, StoryEvent[]> {
  const out = new Map<unknown, StoryEvent[]>()
  for (const e of events) {
    const k = e.data[field]
    const list = out.get(k)
    if (list) list.push(e)
    else out.set(k, [e])
  }
  return out
}

/** Epoch ms of an event. */
export const ms = (e: StoryEvent): number => Date.parse(e.timestamp)
