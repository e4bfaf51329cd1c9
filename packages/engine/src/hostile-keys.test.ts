import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileStory } from './expr/compile-story.ts'
import { checkStory } from './generate/check-story.ts'
import { EventGenerator, type GeneratorContext } from './generate/event-generator.ts'
import { expectedTotal } from './generate/expected-total.ts'
import { prepareStory } from './generate/prepare-story.ts'
import { serializeChunks, serializeNdjson } from './generate/serialize.ts'
import { csvColumns, csvColumnsByEvent, csvFileName, serializeCsvChunks } from './generate/serialize-csv.ts'
import { runPrepared, streamStory } from './generate/stream-story.ts'
import { loadStory } from './story/load-story.ts'
import { realEngineApi } from './worker/engine-api.ts'
import { createWorkerHost } from './worker/host.ts'
import type { WorkerMessage } from './worker/protocol.ts'

/*
 * A story is untrusted input. Keys a user chooses (event types, ids, schema keys, data keys,
 * template names) named like Object.prototype's members must never reach a prototype: every
 * entry point of the engine runs such a story here, then the prototypes are compared with a
 * snapshot taken before, and a normal story must still give its usual output.
 */
const PROTO = '__proto__'
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']

const STORY = `
org_id: o
start_date: 2025-01-01
templates:
  __proto__: { source: s, data: { fromTemplate: 1 } }
  constructor: { source: s, data: { also: 2 } }
schemas:
  s/__proto__:
    fields:
      __proto__: { type: integer }
      toString: { type: string }
  constructor:
    fields:
      toString: { type: string }
events:
  - id: __proto__
    event: __proto__
    use: __proto__
    repeat: 3
    data:
      __proto__: 1
      constructor: "= index"
      toString: uuid4()
      valueOf: "= prev.nested"
      nested: { __proto__: { polluted: 1 }, hasOwnProperty: 2, prototype: [1] }
  - id: constructor
    event: constructor
    use: constructor
    repeat: 3
    data:
      toString: ref(__proto__.toString)
      hasOwnProperty: lookup(__proto__.constructor)
  - id: toString
    source: toString
    event: toString
    after: constructor
    data: { x: "= 1" }
  - id: hasOwnProperty
    source: valueOf
    event: hasOwnProperty
    repeat: 2
    data: { prototype: "= index" }
`

type Snapshot = Map<string, unknown>

function snapshot(): Map<object, Snapshot> {
  const out = new Map<object, Snapshot>()
  for (const proto of [
    Object.prototype,
    Array.prototype,
    Object.getPrototypeOf(() => {}),
    String.prototype,
  ]) {
    const s: Snapshot = new Map()
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!
      s.set(String(key), d.value ?? d.get ?? d.set)
    }
    s.set('[[Prototype]]', Object.getPrototypeOf(proto))
    out.set(proto, s)
  }
  return out
}

const normal = readFileSync(new URL('../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')
const normalLines = (): string[] => [...streamStory(normal, { limit: 60 })].map(serializeNdjson)

class Hostile extends EventGenerator {
  generate(context: GeneratorContext): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null)
    out[PROTO] = this.resolveValue('= index')
    out[HOSTILE[1]] = this.getContextValue('prev.__proto__')
    out[HOSTILE[2]] = context.data[HOSTILE[2]] ?? null
    return out
  }
}

describe('user keys named like prototype members', () => {
  const before = snapshot()
  const expected = normalLines()

  it('every entry point runs such a story; no prototype changes; the next story is unchanged', async () => {
    const loaded = loadStory(STORY, { file: 'hostile.yaml' })
    expect(loaded.story, JSON.stringify(loaded.diagnostics)).toBeDefined()
    const story = loaded.story!
    const checked = checkStory(STORY, { file: 'hostile.yaml' })
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(compileStory(story).diagnostics).toEqual([])
    expect(expectedTotal(story)).toBe(3 + 3 + 3 + 2)

    const prepared = prepareStory(STORY, { file: 'hostile.yaml' })
    const run = runPrepared(prepared, { provenance: true })
    const records = [...run.records()]
    expect(records).toHaveLength(11)
    const summary = run.summary()
    expect(Object.keys(summary.perType).sort()).toEqual([
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
    ])
    expect(summary.perType[PROTO]).toBe(3)
    expect(summary.perType.constructor).toBe(3)
    // The JSON is what a normal map would give (keys in first-seen order).
    expect(JSON.stringify(summary.perType)).toBe(
      '{"__proto__":3,"constructor":3,"toString":3,"hasOwnProperty":2}',
    )
    const first = records[0].event.data
    expect(Object.hasOwn(first, '__proto__')).toBe(true)
    expect(JSON.stringify(JSON.parse(serializeNdjson(records[0].event)).data.nested)).toBe(
      '{"__proto__":{"polluted":1},"hasOwnProperty":2,"prototype":[1]}',
    )

    for (const format of ['ndjson', 'json'] as const) {
      const text = [...serializeChunks(streamStory(STORY), format)].join('')
      expect(text).toContain('"__proto__"')
    }
    const csvRun = streamStory(STORY)
    expect([...serializeCsvChunks(csvRun, csvColumns(story))].join('')).toContain('data.__proto__')
    const used = new Set<string>()
    const names = [...csvColumnsByEvent(story).keys()].map((type) => csvFileName(type, used))
    expect(names.sort()).toEqual(['__proto__.csv', 'constructor.csv', 'hasOwnProperty.csv', 'toString.csv'])

    const generated = streamStory(STORY, {
      generators: HOSTILE.map((event) => ({ event, generator: new Hostile(), mode: 'extend' as const })),
    })
    expect([...generated]).toHaveLength(11)

    const api = realEngineApi()
    expect(api.checkStory(STORY, { key: 'k' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect([...api.streamStory(STORY, { key: 'k' }).records()]).toHaveLength(11)
    expect(api.plannedEvents(STORY, { key: 'k' })).toBe(11)
    for (const format of ['csv', 'ndjson'] as const) {
      const job = api.exportStory(STORY, { key: 'k' }, format)
      expect([...job.chunks(1 << 16)].join('')).toContain('__proto__')
      expect(job.summary().perType[PROTO]).toBe(3)
    }
    const messages: WorkerMessage[] = []
    const host = createWorkerHost((m) => messages.push(m), { engine: api, yieldToLoop: async () => {} })
    host.handle({ type: 'check', requestId: 1, text: STORY })
    host.handle({
      type: 'run',
      runId: 1,
      text: STORY,
      seed: 42,
      limit: 100,
      previewCap: 100,
      provenance: true,
    })
    await host.idle()
    const done = messages.find((m) => m.type === 'done')
    expect(done?.type === 'done' && done.summary.total).toBe(11)

    expect(snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(normalLines()).toEqual(expected)
  })
})
