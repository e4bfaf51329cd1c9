import { describe, expect, it } from 'vitest'
import { type FaultedRun, isFaultedRun, withFaults } from '../generate/faulted-run.ts'
import { serializeNdjson } from '../generate/serialize.ts'
import { streamStory } from '../generate/stream-story.ts'
import type { GeneratedRecord } from '../runtime/records.ts'
import type { DeliveredRecord } from './inject-faults.ts'
import { ALL_FAULTS, signupStory } from './test-stories.ts'

const N = 6000
const DRIFT_FROM = Date.parse('2025-01-03T00:00:00Z')

function faulted(text: string, options: Parameters<typeof withFaults>[1] = {}): FaultedRun {
  const run = withFaults(streamStory(text), options)
  if (!isFaultedRun(run)) throw new Error(`not faulted: ${JSON.stringify(run.diagnostics)}`)
  return run
}

function deliver(text: string): {
  deliveries: DeliveredRecord[]
  log: Record<string, unknown>[]
  run: FaultedRun
} {
  const log: Record<string, unknown>[] = []
  const run = faulted(text, { onFaultLine: (l) => log.push(JSON.parse(l)) })
  return { deliveries: [...run.deliveries()], log, run }
}

const clean: GeneratedRecord[] = [...streamStory(signupStory(N, '')).records()]
const byId = new Map(clean.map((r) => [r.event.id, r]))
const { deliveries, log, run } = deliver(signupStory(N, ALL_FAULTS))
const logOf = (fault: string) => log.filter((l) => l.fault === fault)
const idsOf = (fault: string) => new Set(logOf(fault).map((l) => l.id as string))

describe('injectFaults: rates over thousands of events (seed 5)', () => {
  it('has no diagnostics', () => {
    expect(run.diagnostics).toEqual([])
  })

  // Within 4 standard deviations of the binomial count: fails for a wrong rate, not for noise.
  const within = (count: number, n: number, p: number) => {
    const sd = Math.sqrt(n * p * (1 - p))
    expect(Math.abs(count - n * p)).toBeLessThan(4 * sd)
  }

  it.each([
    ['duplicate', 0.05],
    ['late', 0.1],
    ['corrupt', 0.02],
  ])('%s happens at its rate', (fault, p) => {
    within(logOf(fault).length, N, p)
  })

  it('drop and nullify happen at their rates per field', () => {
    within(logOf('drop').filter((l) => l.field === 'data.email').length, N, 0.2)
    // nullify of a dropped field cannot happen: the field is gone (drop comes first).
    within(logOf('nullify').filter((l) => l.field === 'data.plan').length, N, 0.1)
    within(logOf('nullify').filter((l) => l.field === 'data.address.city').length, N, 0.05)
  })

  it('drift applies to every event from its date on, and to none before', () => {
    const drifted = idsOf('drift')
    const expected = clean.filter((r) => r.timeMs >= DRIFT_FROM).map((r) => r.event.id)
    expect([...drifted].sort()).toEqual(expected.sort())
    expect(expected.length).toBeGreaterThan(1000)
  })
})

describe('injectFaults: the log is the ground truth', () => {
  it('delivers every clean event once, and the duplicates a second time', () => {
    const count = new Map<string, number>()
    for (const d of deliveries) count.set(d.record.event.id, (count.get(d.record.event.id) ?? 0) + 1)
    expect(count.size).toBe(N)
    const twice = [...count].filter(([, c]) => c === 2).map(([id]) => id)
    expect([...count.values()].every((c) => c === 1 || c === 2)).toBe(true)
    expect(twice.sort()).toEqual([...idsOf('duplicate')].sort())
  })

  it('lists exactly the events whose fields differ from the clean ones', () => {
    const dropped = new Set<string>()
    const nulled = new Set<string>()
    for (const d of deliveries) {
      const data = d.record.event.data
      const cleanData = byId.get(d.record.event.id)!.event.data
      if (!('email' in data) && 'email' in cleanData) dropped.add(d.record.event.id)
      if (data.plan === null && cleanData.plan !== null) nulled.add(d.record.event.id)
    }
    expect([...dropped].sort()).toEqual([...idsOf('drop')].sort())
    const nullPlan = logOf('nullify')
      .filter((l) => l.field === 'data.plan')
      .map((l) => l.id as string)
    expect([...nulled].sort()).toEqual(nullPlan.sort())
  })

  it('changes nothing else: each delivered event is the clean one with only the logged faults applied', () => {
    const notes = new Map<string, Record<string, unknown>[]>()
    for (const l of log) notes.set(l.id as string, [...(notes.get(l.id as string) ?? []), l])
    for (const d of deliveries) {
      const c = byId.get(d.record.event.id)!
      const expected = structuredClone(c.event)
      for (const n of notes.get(c.event.id) ?? []) {
        if (n.fault === 'drop' && n.field === 'data.email') delete expected.data.email
        if (n.fault === 'nullify' && n.field === 'data.plan') expected.data.plan = null
        if (n.fault === 'nullify' && n.field === 'data.address.city')
          (expected.data.address as Record<string, unknown>).city = null
        if (n.fault === 'drift') {
          expected.data.amount_cents = expected.data.amount
          delete expected.data.amount
        }
      }
      expect(d.record.event).toEqual(expected)
    }
  })

  it('corrupt deliveries are the logged ones, and only originals', () => {
    const corrupt = deliveries.filter((d) => d.corruptKeep !== undefined)
    expect(corrupt.every((d) => !d.copy)).toBe(true)
    expect(corrupt.map((d) => d.record.event.id).sort()).toEqual([...idsOf('corrupt')].sort())
  })
})

describe('injectFaults: delivery order', () => {
  it('is ordered by delivery time; on-time events deliver at their timestamp', () => {
    const late = new Map(logOf('late').map((l) => [l.id as string, l.late_by_ms as number]))
    for (let i = 1; i < deliveries.length; i++) {
      expect(deliveries[i].deliveryMs).toBeGreaterThanOrEqual(deliveries[i - 1].deliveryMs)
    }
    for (const d of deliveries) {
      if (d.copy) continue
      expect(d.deliveryMs - d.record.timeMs).toBe(late.get(d.record.event.id) ?? 0)
    }
  })

  it('late events come after events with later timestamps, by their logged amounts', () => {
    const late = logOf('late')
    const lateIds = idsOf('late')
    const position = new Map(deliveries.map((d, i) => [`${d.record.event.id}:${d.copy}`, i]))
    const cleanIndex = new Map(clean.map((r, i) => [r.event.id, i]))
    let overtaken = 0
    for (const l of late) {
      const at = position.get(`${l.id}:false`)!
      const t = Date.parse(l.timestamp as string)
      const by = l.late_by_ms as number
      expect(Date.parse(l.delivered_at as string) - t).toBe(by)
      // The on-time events delivered ahead of it with a later timestamp ...
      let ahead = 0
      for (let j = at - 1; j >= 0 && deliveries[j].deliveryMs > t; j--) {
        const d = deliveries[j]
        if (!d.copy && !lateIds.has(d.record.event.id) && d.record.timeMs > t) ahead++
      }
      // ... are exactly the on-time events of its delay window (t, t + late_by].
      let window = 0
      for (let k = cleanIndex.get(l.id as string)! + 1; k < clean.length && clean[k].timeMs <= t + by; k++) {
        if (clean[k].timeMs > t && !lateIds.has(clean[k].event.id)) window++
      }
      expect(ahead).toBe(window)
      if (ahead > 0) overtaken++
    }
    // lognormal minutes (median ~7 min) on a one-a-minute stream: most late events are overtaken.
    expect(overtaken / late.length).toBeGreaterThan(0.8)
  })

  it('duplicate copies come duplicate_after (1..600 s) after the original delivery', () => {
    const original = new Map(deliveries.filter((d) => !d.copy).map((d) => [d.record.event.id, d.deliveryMs]))
    for (const d of deliveries.filter((x) => x.copy)) {
      const after = d.deliveryMs - original.get(d.record.event.id)!
      expect(after).toBeGreaterThanOrEqual(1000)
      expect(after).toBeLessThanOrEqual(600_000)
      expect(d.faults[0]).toMatchObject({ fault: 'duplicate', after_ms: after })
    }
  })
})

describe('injectFaults: seeded, separate from the data streams', () => {
  it('the same story and seed give the same deliveries; another seed others', () => {
    const again = deliver(signupStory(N, ALL_FAULTS)).log
    expect(again).toEqual(log)
    const other = deliver(signupStory(N, ALL_FAULTS, 6)).log
    expect(other.map((l) => l.id)).not.toEqual(log.map((l) => l.id))
  })

  it('turning faults on changes no clean value, and never mutates the records it reads', () => {
    const seen: GeneratedRecord[] = []
    const atGeneration: string[] = []
    const inner = streamStory(signupStory(2000, ALL_FAULTS), {
      hooks: {
        onEvent: (r) => {
          seen.push(r)
          atGeneration.push(serializeNdjson(r.event))
        },
      },
    })
    const delivered = [...withFaults(inner)]
    expect(delivered.length).toBeGreaterThan(2000)
    const plain = [...streamStory(signupStory(2000, '')).records()].map((x) => serializeNdjson(x.event))
    expect(atGeneration).toEqual(plain)
    expect(seen.map((r) => serializeNdjson(r.event))).toEqual(plain)
  })

  it('adding a fault kind does not change which events another kind hits', () => {
    const lateOnly = deliver(signupStory(N, '  late: 0.1\n  late_by: duration(minutes=lognormal(2, 1))')).log
    expect(lateOnly).toEqual(logOf('late').map((l) => l))
  })
})

describe('injectFaults: bounded memory', () => {
  it('past maxHeld, late events and copies are not injected, with a diagnostic', () => {
    const log: string[] = []
    const r = faulted(signupStory(2000, '  late: 0.5\n  late_by: duration(hours=1)'), {
      maxHeld: 10,
      onFaultLine: (l) => log.push(l),
    })
    const out = [...r.deliveries()]
    expect(out.length).toBe(2000)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['fault/held-limit'])
    // The log tells the truth: exactly the events delivered after their timestamp are logged late.
    for (const d of out) {
      const isLate = d.faults.some((f) => f.fault === 'late')
      expect(d.deliveryMs > d.record.timeMs).toBe(isLate)
    }
    expect(log.length).toBeGreaterThan(10)
    expect(log.length).toBeLessThan(1000)
    // Never more than 10 waiting: at each clean timestamp, late events due later but already generated.
    const late = out.filter((d) => d.deliveryMs > d.record.timeMs)
    for (const d of out.filter((x) => x.deliveryMs === x.record.timeMs)) {
      const waiting = late.filter((l) => l.record.timeMs <= d.record.timeMs && l.deliveryMs > d.record.timeMs)
      expect(waiting.length).toBeLessThanOrEqual(10)
    }
  })

  it('late_by beyond the cap is cut to 7 days, with a diagnostic', () => {
    const r = faulted(signupStory(50, '  late: 1\n  late_by: duration(days=30)'))
    const out = [...r.deliveries()]
    expect(out.every((d) => d.deliveryMs - d.record.timeMs === 7 * 86_400_000)).toBe(true)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['fault/delay-cap'])
  })
})
