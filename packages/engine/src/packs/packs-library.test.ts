/**
 * The library's vendor stories, as a user runs them: every Stripe event has every top-level key of
 * Stripe's fixture for its object, every GitHub payload is valid against @octokit/webhooks-schemas,
 * every Segment message passes @segment/loosely-validate-event, PostHog and PagerDuty bodies have
 * their vendor's keys,
 * and the Stripe objects of one story link up (a PaymentIntent's charge, a refund's charge, customers).
 * packs-vendor-schemas.test.ts checks the templates alone; this checks them with the stories' overrides.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { prepareStory } from '../generate/prepare-story.ts'
import { runPrepared } from '../generate/stream-story.ts'
import { fileIncludeResolver } from '../node/file-resolver.ts'
import fixtureKeys from './__fixtures__/stripe-fixture-keys.json' with { type: 'json' }
import { githubValidator, looselyValidateEvent } from './vendor-validators.test-util.ts'

const ROOT = new URL('../../../../', import.meta.url).pathname
const STORIES = [
  'stories/composition/product-launch.yaml',
  'stories/ecommerce.yaml',
  'stories/stripe-webhooks.yaml',
  'stories/saas-funnel.yaml',
  'stories/ops-incidents.yaml',
]

// The keys of a posthog-node message and of a PagerDuty v3 webhook event (as packs-vendor-schemas.test.ts).
const POSTHOG_KEYS = [
  'distinct_id',
  'event',
  'library',
  'library_version',
  'properties',
  'timestamp',
  'type',
  'uuid',
]
const PAGERDUTY_KEYS = ['agent', 'client', 'data', 'event_type', 'id', 'occurred_at', 'resource_type']

interface Emitted {
  source: string
  event: string
  data: Record<string, unknown>
}

// The first events of each story (every vendor event type occurs in them); whole runs take minutes
// on a loaded machine, and the templates themselves are checked at 1,000 each elsewhere.
const LIMIT = 6000
const runs = new Map<string, Emitted[]>()

function events(file: string): Emitted[] {
  const cached = runs.get(file)
  if (cached) return cached
  const p = prepareStory(readFileSync(ROOT + file, 'utf8'), { file, resolveInclude: fileIncludeResolver() })
  expect(p.program, file).toBeDefined()
  const all = [...runPrepared(p, { limit: LIMIT }).records()].map((r) => r.event as unknown as Emitted)
  runs.set(file, all)
  return all
}

const stripeObject = (e: Emitted) => (e.data.data as { object: Record<string, unknown> }).object

describe('library stories on the vendor packs', () => {
  for (const file of STORIES) {
    it(`${file}: Stripe events as complete as Stripe's fixtures, GitHub, Segment, PostHog and PagerDuty payloads valid`, () => {
      const all = events(file)
      const keys = fixtureKeys.keys as Record<string, string[]>
      let vendor = 0
      for (const e of all) {
        if (e.source === 'stripe') {
          expect(Object.keys(e.data).sort(), `${file} ${e.event}`).toEqual(keys.event)
          const o = stripeObject(e)
          expect(Object.keys(o).sort(), `${file} ${e.event}`).toEqual(
            expect.arrayContaining(keys[o.object as string]),
          )
          vendor++
        } else if (e.source === 'github') {
          const validate = githubValidator(e.event)
          expect(
            validate(e.data),
            `${file} ${e.event}: ${JSON.stringify(validate.errors?.slice(0, 2))}`,
          ).toBe(true)
          vendor++
        } else if (e.source === 'segment') {
          // analytics-node validates a message before sending it, with `timestamp` a Date.
          const m = { ...e.data, timestamp: new Date(e.data.timestamp as string) }
          expect(() => looselyValidateEvent(m), `${file} ${e.event}`).not.toThrow()
          vendor++
        } else if (e.source === 'posthog') {
          expect(Object.keys(e.data).sort(), `${file} ${e.event}`).toEqual(POSTHOG_KEYS)
          vendor++
        } else if (e.source === 'pagerduty') {
          expect(Object.keys(e.data), `${file} ${e.event}`).toEqual(['event'])
          expect(Object.keys(e.data.event as object).sort()).toEqual(PAGERDUTY_KEYS)
          vendor++
        }
      }
      expect(vendor, file).toBeGreaterThan(0)
    })
  }

  it('ecommerce: every PaymentIntent names its charge, every refund a paid charge, every charge a customer', () => {
    const all = events('stories/ecommerce.yaml')
    const objects = (type: string) => all.filter((e) => e.event === type).map(stripeObject)
    const customers = new Set(objects('customer.created').map((o) => o.id))
    const charges = new Map(objects('charge.succeeded').map((o) => [o.id, o]))
    const failed = new Map(objects('charge.failed').map((o) => [o.id, o]))
    for (const c of [...charges.values(), ...failed.values()]) expect(customers.has(c.customer)).toBe(true)
    for (const pi of objects('payment_intent.succeeded')) {
      const charge = charges.get(pi.latest_charge)
      expect(charge?.payment_intent).toBe(pi.id)
      expect(pi.amount).toBe(charge?.amount)
      expect(pi.currency).toBe(charge?.currency)
    }
    for (const pi of objects('payment_intent.payment_failed')) expect(failed.has(pi.latest_charge)).toBe(true)
    const refunds = objects('charge.refunded')
    expect(refunds.length).toBeGreaterThan(0)
    for (const r of refunds) expect(charges.get(r.id)?.amount).toBe(r.amount_refunded)
    // Orders name the PaymentIntent that paid them.
    const intents = new Set(objects('payment_intent.succeeded').map((o) => o.id))
    for (const o of all.filter((e) => e.event === 'order_completed'))
      expect(intents.has(o.data.payment_intent)).toBe(true)
  })
})
