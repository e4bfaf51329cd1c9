import type { StoryEvent } from '../engine.ts'
import { SinkError } from './sink.ts'

/** The placeholders a topic template may use, and the envelope field each one reads. */
const PLACEHOLDERS = { source: 'source', event: 'event', org_id: 'org_id' } as const

type Placeholder = keyof typeof PLACEHOLDERS

/** Kafka topic names: at most 249 characters of `[a-zA-Z0-9._-]`. */
const MAX_TOPIC = 249

/**
 * Compiles `orders`, `{source}.{event}` or `events-{org_id}` into a function of the event.
 * Characters Kafka does not allow in a topic name (from the event's values) become `_`, so
 * any event type maps to a legal topic. An unknown placeholder is a SinkError.
 */
export function compileTopicTemplate(template: string): (event: StoryEvent) => string {
  if (template === '') throw new SinkError('kafka:// URL needs a topic: kafka://HOST:PORT/TOPIC')
  const parts: (string | Placeholder)[] = []
  const names: boolean[] = []
  let last = 0
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1]
    if (!Object.hasOwn(PLACEHOLDERS, name))
      throw new SinkError(
        `kafka topic template: unknown placeholder {${name}} (use {source}, {event} or {org_id})`,
      )
    parts.push(template.slice(last, m.index), name as Placeholder)
    names.push(false, true)
    last = m.index + m[0].length
  }
  parts.push(template.slice(last))
  names.push(false)
  if (!names.includes(true)) {
    const topic = legalTopic(template)
    if (topic !== template) throw new SinkError(`kafka topic '${template}' is not a legal topic name`)
    return () => topic
  }
  // One cache per template: a story has few distinct (source, event) pairs.
  const cache = new Map<string, string>()
  return (event) => {
    let raw = ''
    for (let i = 0; i < parts.length; i++)
      raw += names[i] ? String(event[PLACEHOLDERS[parts[i] as Placeholder]]) : parts[i]
    let topic = cache.get(raw)
    if (topic === undefined) {
      topic = legalTopic(raw)
      cache.set(raw, topic)
    }
    return topic
  }
}

/** `raw` with every character Kafka rejects replaced by `_`, cut to the longest legal length. */
export function legalTopic(raw: string): string {
  let topic = raw.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, MAX_TOPIC)
  // `.` and `..` are reserved names.
  if (topic === '.' || topic === '..') topic = topic.replace(/\./g, '_')
  return topic
}
