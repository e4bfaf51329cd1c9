import type { StoryEvent } from '../engine.ts'
import type { HeaderField } from './kafka-options.ts'

/** A message's headers as kafkajs takes them: field name to value bytes. */
export type KafkaHeaders = Record<string, Buffer>

/** Fields with few distinct values in a story (its sources and event types): worth caching. */
const FEW_VALUES: ReadonlySet<HeaderField> = new Set(['source', 'event'])

/** Beyond this many distinct value combinations the cache stops growing (headers are built per message). */
const MAX_CACHED = 10_000

interface Node {
  next: Map<string, Node>
  headers?: KafkaHeaders
}

/**
 * Compiles `headers=` into a function of the event: undefined for no headers, else one object
 * of Buffers per message. When every field has few values (source, event), messages with the
 * same values share one object, looked up through one Map per field, so the default two
 * headers cost a lookup, not two Buffers and an object per message. kafkajs only reads them.
 */
export function compileHeaders(
  fields: readonly HeaderField[],
): (event: StoryEvent) => KafkaHeaders | undefined {
  if (fields.length === 0) return () => undefined
  const build = (event: StoryEvent): KafkaHeaders => {
    const headers: KafkaHeaders = Object.create(null)
    for (const f of fields) headers[f] = Buffer.from(String(event[f]))
    return headers
  }
  if (!fields.every((f) => FEW_VALUES.has(f))) return build
  const root: Node = { next: new Map() }
  let cached = 0
  return (event) => {
    let node = root
    for (const f of fields) {
      const value = String(event[f])
      let child = node.next.get(value)
      if (child === undefined) {
        if (cached >= MAX_CACHED) return build(event)
        child = { next: new Map() }
        node.next.set(value, child)
      }
      node = child
    }
    if (node.headers === undefined) {
      node.headers = Object.freeze(build(event))
      cached++
    }
    return node.headers
  }
}
