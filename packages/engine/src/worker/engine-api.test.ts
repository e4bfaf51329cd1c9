import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { serializeNdjson } from '../index.ts'
import { buildCatalog, realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import { RecordWindow } from './packed-records.ts'
import type { WorkerMessage } from './protocol.ts'

// The seed's advanced story, exactly as written there (not valid plain YAML: the loader's seed dialect reads it).
const ADVANCED = readFileSync(new URL('../../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')

/** The records of all batches, materialized through a RecordWindow as the studio does. */
function windowOf(messages: WorkerMessage[]) {
  const win = new RecordWindow(100_000)
  for (const m of messages) if (m.type === 'batch' && m.records) win.append(m.records)
  return Array.from({ length: win.length }, (_, i) => ({ ...win.record(i), line: win.line(i) }))
}

function host(batchSize = 7) {
  const messages: WorkerMessage[] = []
  const h = createWorkerHost((m) => messages.push(structuredClone(m)), { engine: realEngineApi(), batchSize })
  return { h, messages }
}

describe('the worker host on the real engine', () => {
  it('runs the seed story in batches: 60 events, plain data, the same bytes as the engine directly', async () => {
    const { h, messages } = host()
    h.handle({ type: 'run', runId: 1, text: ADVANCED, seed: 42, previewCap: 1000, provenance: true })
    await h.idle()
    const records = windowOf(messages)
    expect(records).toHaveLength(60)
    expect(messages.at(-1)).toMatchObject({ type: 'done', cancelled: false, summary: { total: 60 } })
    const direct = [...realEngineApi().streamStory(ADVANCED, { seed: 42 }).records()]
    // The preview carries the engine's own NDJSON lines: byte for byte what an export writes.
    expect(records.map((r) => serializeNdjson(r.event))).toEqual(direct.map((r) => serializeNdjson(r.event)))
    expect(records[0].line).toBe(serializeNdjson(direct[0].event))
    const sub = records.find((r) => r.event.event === 'subscription.created')!
    const signup = records.find((r) => r.def === 0 && r.index === sub.index)!
    expect(sub.event.data.customer_id).toBe(signup.event.data.user_id)
  })

  it('keeps provenance in the worker and answers for one record at a time', async () => {
    const { h, messages } = host()
    h.handle({ type: 'run', runId: 5, text: ADVANCED, seed: 42, previewCap: 1000, provenance: true })
    await h.idle()
    const records = windowOf(messages)
    const sub = records.find((r) => r.event.event === 'subscription.created')!
    h.handle({ type: 'provenance', requestId: 9, runId: 5, def: sub.def, index: sub.index })
    const answer = messages.at(-1)
    if (answer?.type !== 'provenance') throw new Error('no provenance answer')
    const customer = answer.fields?.find((f) => f.field === 'customer_id')
    expect(customer).toMatchObject({
      expression: 'ref(user.signup.user_id)',
      refs: [{ def: 0, index: sub.index, via: 'ref' }],
    })
    h.handle({ type: 'provenance', requestId: 10, runId: 4, def: sub.def, index: sub.index })
    expect(messages.at(-1)).toEqual({ type: 'provenance', requestId: 10, fields: null })
  })

  it('positions a typo key and an unknown function on their lines', () => {
    const { h, messages } = host()
    const text = ADVANCED.replace('frequency: daily', 'frequncy: daily').replace('uuid4()', 'uuid5()')
    h.handle({ type: 'check', requestId: 1, text, file: 'story.yaml' })
    const checked = messages.at(-1)
    if (checked?.type !== 'checked') throw new Error(`expected checked, got ${JSON.stringify(checked)}`)
    const lines = text.split('\n')
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1
    const errors = checked.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => d.start.line).sort((a, b) => a - b)).toEqual(
      expect.arrayContaining([lineOf('frequncy'), lineOf('uuid5')]),
    )
    const typo = errors.find((d) => d.start.line === lineOf('frequncy'))!
    expect(typo.start.column).toBe(lines[typo.start.line - 1].indexOf('frequncy') + 1)
    expect(checked.outline.events.map((e) => e.id)).toEqual(['user.signup', 'subscription.created'])
  })

  it('never crashes on garbage', () => {
    const { h, messages } = host()
    for (const text of ['', ':', '- [', 'events: 3', '\u0000\uffff', 'a: ${'.repeat(100)]) {
      h.handle({ type: 'check', requestId: 1, text })
      expect(messages.at(-1)?.type).toBe('checked')
    }
  })

  it('describes functions, faker paths and the story schema as plain data', () => {
    const catalog = structuredClone(buildCatalog())
    expect(catalog.builtins.find((b) => b.name === 'random')).toMatchObject({
      signature: expect.stringContaining('random('),
    })
    expect(catalog.fakerPaths).toEqual(expect.arrayContaining(['internet.email', 'name']))
    expect(catalog.storySchema).toMatchObject({ type: 'object' })
  })
})
