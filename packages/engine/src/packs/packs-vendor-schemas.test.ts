import { describe, expect, it } from 'vitest'
import fixtureKeys from './__fixtures__/stripe-fixture-keys.json' with { type: 'json' }
import { BUILTIN_TEMPLATES, PACKS, STRIPE_API_VERSION } from './index.ts'
import { describe as describeDiagnostics, everyTemplate, ofType, run, storyOf } from './pack-run.test-util.ts'
import { POSTHOG_NODE_VERSION } from './posthog-pack.ts'
import { githubValidator, looselyValidateEvent } from './vendor-validators.test-util.ts'

// One run shared by the tests below: 1,000 roots of every root template (and their funnels).
const N = 1000
const all = run(storyOf(everyTemplate(), N))

describe('a story that uses every built-in template', () => {
  it('loads and generates with zero diagnostics (no violation of the packs’ own schemas)', () => {
    expect(describeDiagnostics(all.diagnostics)).toEqual([])
  })

  it('generates thousands of events of every template', () => {
    const counts = new Map<string, number>()
    for (const e of all.events)
      counts.set(`${e.source}/${e.event}`, (counts.get(`${e.source}/${e.event}`) ?? 0) + 1)
    for (const t of PACKS.flatMap((p) => p.templates))
      expect(counts.get(`${t.source}/${t.event}`) ?? 0, t.name).toBeGreaterThanOrEqual(N)
  })
})

describe('Stripe: Event objects as complete as Stripe’s published fixtures', () => {
  const keys = fixtureKeys.keys as Record<string, string[]>
  for (const { name } of BUILTIN_TEMPLATES.filter((t) => t.name.startsWith('stripe/'))) {
    it(`${name}: every top-level key of the fixture, for the Event and its object`, () => {
      const events = ofType(all.events, name.slice('stripe/'.length))
      expect(events.length).toBeGreaterThan(0)
      let checked = 0
      for (const e of events) {
        expect(Object.keys(e).sort()).toEqual(keys.event)
        const object = (e.data as { object: Record<string, unknown> }).object
        const type = object.object as string
        expect(Object.keys(object).sort(), `${name} ${type}`).toEqual(expect.arrayContaining(keys[type]))
        expect(e.api_version).toBe(STRIPE_API_VERSION)
        expect(e.type).toBe(name.slice('stripe/'.length))
        expect(e.id).toMatch(/^evt_1[A-Za-z0-9]{23}$/)
        checked++
      }
      expect(checked).toBe(events.length)
    })
  }

  it('ids carry Stripe’s prefixes and amounts are integer minor units', () => {
    const prefix: Record<string, RegExp> = {
      customer: /^cus_1[A-Za-z0-9]{13}$/,
      subscription: /^sub_1[A-Za-z0-9]{23}$/,
      invoice: /^in_1[A-Za-z0-9]{23}$/,
      charge: /^ch_1[A-Za-z0-9]{23}$/,
      payment_intent: /^pi_1[A-Za-z0-9]{23}$/,
      payment_method: /^pm_1[A-Za-z0-9]{23}$/,
    }
    for (const e of all.events.filter((x) => x.source === 'stripe')) {
      const o = (e.data.data as { object: Record<string, unknown> }).object
      expect(o.id).toMatch(prefix[o.object as string])
      for (const k of ['amount', 'amount_due', 'amount_paid', 'amount_captured'])
        if (k in o) expect(Number.isInteger(o[k]) && (o[k] as number) >= 0, `${e.event} ${k}`).toBe(true)
    }
  })
})

describe('GitHub: payloads valid against @octokit/webhooks-schemas', () => {
  for (const { name } of BUILTIN_TEMPLATES.filter((t) => t.name.startsWith('github/'))) {
    it(`${name}: 100% valid`, () => {
      const event = name.slice('github/'.length)
      const validate = githubValidator(event)
      const events = ofType(all.events, event)
      expect(events.length).toBeGreaterThanOrEqual(N)
      const invalid = events.filter((d) => !validate(d))
      expect(invalid.length, JSON.stringify(validate.errors?.slice(0, 3))).toBe(0)
    })
  }
})

describe('Segment: messages valid for @segment/loosely-validate-event', () => {
  for (const type of ['track', 'identify', 'page', 'group']) {
    it(`segment/${type}: 100% valid, with messageId, timestamps and context`, () => {
      const messages = ofType(all.events, type).filter((d) => d.type === type)
      expect(messages.length).toBeGreaterThanOrEqual(N)
      for (const m of messages) {
        // analytics-node validates the message before serializing it, when `timestamp` is a Date.
        expect(() => looselyValidateEvent({ ...m, timestamp: new Date(m.timestamp as string) })).not.toThrow()
        expect(m.messageId).toMatch(/^ajs-next-[0-9a-f-]{36}$/)
        expect(m.context).toMatchObject({ library: { name: 'analytics.js' } })
        for (const k of ['timestamp', 'sentAt', 'receivedAt', 'originalTimestamp'])
          expect(Number.isNaN(Date.parse(m[k] as string)), k).toBe(false)
      }
    })
  }
})

describe('PostHog: messages as posthog-node enqueues them', () => {
  const KEYS = [
    'distinct_id',
    'event',
    'library',
    'library_version',
    'properties',
    'timestamp',
    'type',
    'uuid',
  ]
  it('posthog/capture and posthog/identify have exactly posthog-node’s keys and library properties', () => {
    for (const [event, type] of [
      ['capture', 'capture'],
      ['$identify', 'identify'],
    ]) {
      const messages = ofType(all.events, event)
      expect(messages.length).toBeGreaterThanOrEqual(N)
      for (const m of messages) {
        expect(Object.keys(m).sort()).toEqual(KEYS)
        expect(m).toMatchObject({
          type,
          event,
          library: 'posthog-node',
          library_version: POSTHOG_NODE_VERSION,
        })
        expect(m.properties).toMatchObject({ $lib: 'posthog-node', $lib_version: POSTHOG_NODE_VERSION })
        expect(m.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        if (type === 'identify') expect(Object.keys(m.properties as object)).toContain('$set')
      }
    }
  })
})

describe('PagerDuty: v3 incident webhooks', () => {
  it('each body is {event: {id, event_type, resource_type, occurred_at, agent, client, data}}', () => {
    for (const type of ['incident.triggered', 'incident.acknowledged', 'incident.resolved']) {
      const bodies = ofType(all.events, type)
      expect(bodies.length).toBeGreaterThanOrEqual(N)
      for (const b of bodies) {
        expect(Object.keys(b)).toEqual(['event'])
        const e = b.event as Record<string, unknown>
        expect(Object.keys(e).sort()).toEqual(
          ['agent', 'client', 'data', 'event_type', 'id', 'occurred_at', 'resource_type'].sort(),
        )
        expect(e).toMatchObject({ event_type: type, resource_type: 'incident' })
        const incident = e.data as Record<string, unknown>
        expect(incident.id).toMatch(/^Q[0-9A-Z]{6}$/)
        expect(incident.self).toBe(`https://api.pagerduty.com/incidents/${incident.id}`)
        expect(incident.status).toBe(type.slice('incident.'.length))
      }
    }
  })
})
