import { describe, expect, it } from 'vitest'
import { everyTemplate, objects, ofType, run, storyOf } from './pack-run.test-util.ts'

// Links between events of one story: every id an object names is an id another event created.
const all = run(storyOf(everyTemplate(), 300))
const ids = (event: string) => new Set(objects(all.events, event).map((o) => o.id))

describe('Stripe links hold across a story', () => {
  const customers = ids('customer.created')
  const subscriptions = objects(all.events, 'customer.subscription.created')

  it('no diagnostics', () => {
    expect(all.diagnostics.map((d) => d.message)).toEqual([])
  })

  it('every customer of a payment method, subscription, invoice and charge was created', () => {
    expect(customers.size).toBe(300)
    for (const type of [
      'payment_method.attached',
      'customer.subscription.created',
      'customer.subscription.updated',
      'customer.subscription.deleted',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_failed',
      'charge.succeeded',
      'charge.failed',
      'payment_intent.succeeded',
    ]) {
      const objs = objects(all.events, type)
      expect(objs.length, type).toBeGreaterThan(0)
      for (const o of objs) expect(customers.has(o.customer), `${type} ${o.customer}`).toBe(true)
    }
  })

  it('a subscription names itself in its items; updates and deletions repeat a created subscription', () => {
    for (const s of subscriptions) {
      const items = s.items as { data: { subscription: string }[]; url: string }
      expect(items.data[0].subscription).toBe(s.id)
      expect(items.url).toBe(`/v1/subscription_items?subscription=${s.id}`)
    }
    const created = new Set(subscriptions.map((s) => s.id))
    for (const o of objects(all.events, 'customer.subscription.updated')) expect(created.has(o.id)).toBe(true)
    for (const o of objects(all.events, 'customer.subscription.deleted')) {
      expect(created.has(o.id)).toBe(true)
      expect(o.status).toBe('canceled')
    }
    for (const e of ofType(all.events, 'customer.subscription.updated'))
      expect((e.data as { previous_attributes: object }).previous_attributes).toMatchObject({
        cancel_at_period_end: false,
      })
  })

  it('the first invoice of a subscription is its latest_invoice; later ones are renewals', () => {
    const latest = new Set(subscriptions.map((s) => s.latest_invoice))
    const invoices = objects(all.events, 'invoice.created')
    const first = invoices.filter((i) => i.billing_reason === 'subscription_create')
    expect(first.length).toBe(subscriptions.length)
    for (const i of first) expect(latest.has(i.id)).toBe(true)
    for (const i of invoices) {
      expect(new Set(subscriptions.map((s) => s.id)).has(i.subscription)).toBe(true)
      const lines = i.lines as { data: { invoice: string; amount: number }[] }
      expect(lines.data[0].invoice).toBe(i.id)
      expect(i.amount_due).toBe(lines.data[0].amount)
    }
    expect(new Set(invoices.map((i) => i.id)).size).toBe(invoices.length)
  })

  it('finalized, paid and failed invoices repeat a created invoice, with its number once finalized', () => {
    const drafts = ids('invoice.created')
    const finalized = objects(all.events, 'invoice.finalized')
    const numbers = new Map(finalized.map((f) => [f.id, f.number]))
    for (const f of finalized) expect(drafts.has(f.id)).toBe(true)
    for (const type of ['invoice.paid', 'invoice.payment_failed']) {
      for (const o of objects(all.events, type)) {
        expect(numbers.get(o.id), type).toBe(o.number)
        expect(o.number).toMatch(/^[A-Z0-9]{8}-000\d$/)
      }
    }
    for (const o of objects(all.events, 'invoice.paid')) {
      expect(o.status).toBe('paid')
      expect(o.amount_paid).toBe(o.amount_due)
    }
  })

  it('a PaymentIntent and its charge name each other; a refund repeats a succeeded charge', () => {
    const charges = new Map(objects(all.events, 'charge.succeeded').map((c) => [c.id, c]))
    for (const pi of objects(all.events, 'payment_intent.succeeded')) {
      const charge = charges.get(pi.latest_charge)
      expect(charge?.payment_intent).toBe(pi.id)
      expect(pi.amount).toBe(charge?.amount)
    }
    const failed = new Map(objects(all.events, 'charge.failed').map((c) => [c.id, c]))
    for (const pi of objects(all.events, 'payment_intent.payment_failed'))
      expect(failed.get(pi.latest_charge)?.payment_intent).toBe(pi.id)
    for (const r of objects(all.events, 'charge.refunded')) {
      expect(charges.has(r.id)).toBe(true)
      expect(r.amount_refunded).toBe(r.amount)
      expect((r.refunds as { data: { charge: string }[] }).data[0].charge).toBe(r.id)
    }
  })
})

describe('GitHub: one repository, organization, installation and team per story', () => {
  const github = all.events.filter((e) => e.source === 'github').map((e) => e.data)

  it('every payload has the same repository, organization and installation', () => {
    expect(new Set(github.map((d) => JSON.stringify([d.organization, d.installation]))).size).toBe(1)
    const repos = new Set(github.map((d) => (d.repository as { full_name: string }).full_name))
    expect([...repos]).toEqual(['acme/platform'])
    const senders = new Set(github.map((d) => (d.sender as { login: string }).login))
    expect(senders.size).toBeLessThanOrEqual(5)
  })

  it('a closed pull request is an opened one: same number, id, title and author', () => {
    const opened = new Map(ofType(all.events, 'pull_request.opened').map((d) => [d.number, d.pull_request]))
    const closed = ofType(all.events, 'pull_request.closed')
    expect(closed.length).toBe(opened.size)
    for (const c of closed) {
      const o = opened.get(c.number) as Record<string, unknown>
      const pr = c.pull_request as Record<string, unknown>
      expect([pr.id, pr.title, pr.user]).toEqual([o.id, o.title, o.user])
      expect(pr.html_url).toBe(`https://github.com/acme/platform/pull/${c.number}`)
    }
  })
})

describe('PagerDuty: updates repeat the triggered incident', () => {
  it('acknowledged and resolved name a triggered incident, with its number and title', () => {
    const incidents = (type: string) =>
      ofType(all.events, type).map((b) => (b.event as { data: Record<string, unknown> }).data)
    const triggered = new Map(incidents('incident.triggered').map((i) => [i.id, i]))
    expect(triggered.size).toBe(300)
    for (const type of ['incident.acknowledged', 'incident.resolved']) {
      for (const i of incidents(type)) {
        const t = triggered.get(i.id)
        expect([i.number, i.title, i.incident_key]).toEqual([t?.number, t?.title, t?.incident_key])
      }
    }
  })
})
