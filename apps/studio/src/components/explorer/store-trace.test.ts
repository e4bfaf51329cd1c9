// The trace of a delivery past the preview: the run generated again up to a stream position gives the
// engine's own record there (its event id is the store line's, its provenance reads the same history),
// with faults (a duplicate's copy, a late delivery) exactly as the delivered stream has them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isFaultedRun, streamStory, withFaults } from '@autosource/engine'
import { describe, expect, it } from 'vitest'
import { traceDelivery } from './store-trace.ts'

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url))
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8')
const lines = (path: string) =>
  read(path)
    .split('\n')
    .filter((l) => l !== '')
const never = () => false

describe('traceDelivery', () => {
  const text = read('stories/seed-advanced.yaml')
  const golden = lines('stories/__golden__/seed-advanced.ndjson').map((l) => JSON.parse(l))

  it('finds the event at a stream position, with the provenance the engine recorded', async () => {
    const seq = golden.findLastIndex((e) => e.event === 'subscription.created')
    const trace = await traceDelivery({ text, source: {}, seq }, never)
    expect(trace?.eventId).toBe(golden[seq].id)
    const customer = trace?.provenance?.find((p) => p.field === 'customer_id')
    expect(customer?.expression).toContain('ref(user.signup.user_id)')
    // The occurrence it read is the signup whose user_id the subscription carries.
    const signup = golden.find((e) => e.id === customer?.refs[0]?.eventId)
    expect(signup?.data.user_id).toBe(golden[seq].data.customer_id)
    for (const at of [0, 1, 17]) {
      expect((await traceDelivery({ text, source: {}, seq: at }, never))?.eventId).toBe(golden[at].id)
    }
  })

  it('follows the seed, and is null past the end of the run', async () => {
    const other = await traceDelivery({ text, seed: 7, source: {}, seq: 3 }, never)
    expect(other?.eventId).not.toBe(golden[3].id)
    expect(await traceDelivery({ text, source: {}, seq: golden.length }, never)).toBeNull()
  })

  it('marks faults as the delivered stream has them (a copy, a late delivery)', async () => {
    const story = read('stories/faulty-orders.yaml')
    const run = withFaults(streamStory(story, { file: 'story.yaml' }), {})
    if (!isFaultedRun(run)) throw new Error('faulty-orders has faults')
    const deliveries = [...run.deliveries()]
    const copy = deliveries.findIndex((d) => d.copy)
    const late = deliveries.findIndex((d) => d.faults.some((f) => f.fault === 'late'))
    const clean = deliveries.findIndex((d, i) => i > 5 && d.faults.length === 0)
    for (const seq of [copy, late, clean]) {
      const want = deliveries[seq]
      const trace = await traceDelivery({ text: story, source: {}, seq }, never)
      expect(trace).toMatchObject({
        def: want.record.def,
        index: want.record.index,
        eventId: want.record.event.id,
      })
      expect(trace?.fault?.copy ?? false).toBe(want.copy)
      expect(trace?.fault?.notes ?? []).toEqual(want.faults)
    }
    // The first deliveries are the golden delivered stream's.
    const delivered = lines('stories/__golden__/faulty-orders.delivered.ndjson')
    expect((await traceDelivery({ text: story, source: {}, seq: 2 }, never))?.eventId).toBe(
      JSON.parse(delivered[2]).id,
    )
  })

  it('stops when asked (a newer trace or load)', async () => {
    const big = text
      .replace(/repeat: 30/g, 'repeat: 15000')
      .replace(/frequency: daily/g, 'frequency: minutely')
    expect(await traceDelivery({ text: big, source: {}, seq: 29_000 }, () => true)).toBeNull()
  })
})
