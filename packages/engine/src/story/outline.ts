import type { Span } from '../diagnostics/span.ts'
import type { Story } from './types.ts'

/** What editors need to know of a story: its events and their fields (for completion, lanes, jumps). */
export interface StoryOutline {
  name?: string
  timezone: string
  seed: number
  /** Actor types with their state names in lifecycle order (the studio's inspector and funnel). */
  actors?: { name: string; states: string[] }[]
  events: {
    index: number
    id: string
    source: string
    event: string
    after?: string
    /** `on:` as written, `user.signed_up`: the lane of an actor's state entries. */
    on?: string
    /** `rate:` as written (`30/hour`): the count of such a definition is random, its plan an expectation. */
    rate?: string
    /** The template of `use:`, when set (the studio's Send to URL knows vendor-pack events by it). */
    use?: string
    file: string
    span: Span
    /** Top-level data field names, in order. */
    fields: string[]
    /** Span of each top-level field's value, by name (for "Show in editor"). */
    fieldSpans: Record<string, Span>
  }[]
}

/** The outline of a (possibly partial) story. */
export function storyOutline(story: Story | undefined): StoryOutline {
  if (!story) return { timezone: 'UTC', seed: 0, events: [] }
  return {
    name: story.name,
    timezone: story.timezone,
    seed: story.seed,
    ...(story.actors?.length
      ? { actors: story.actors.map((a) => ({ name: a.name, states: a.states.map((s) => s.name) })) }
      : {}),
    events: story.events.map((e) => ({
      index: e.index,
      id: e.id,
      source: e.source,
      event: e.event,
      after: e.after,
      ...(e.on ? { on: `${e.on.actor}.${e.on.state}` } : {}),
      ...(e.rate ? { rate: e.rate.text } : {}),
      ...(e.use === undefined ? {} : { use: e.use }),
      file: e.file,
      span: e.span,
      fields: e.data.entries.map((x) => x.key),
      fieldSpans: spansByKey(e.data.entries),
    })),
  }
}

/** Each field's value span by field name, in a null-prototype object (a field may be named `__proto__`). */
function spansByKey(entries: { key: string; value: { span: Span } }[]): Record<string, Span> {
  const out: Record<string, Span> = Object.create(null)
  for (const e of entries)
    Object.defineProperty(out, e.key, {
      value: e.value.span,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return out
}
