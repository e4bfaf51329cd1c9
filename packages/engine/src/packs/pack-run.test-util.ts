import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { serializeNdjson } from '../generate/serialize.ts'
import { streamStory } from '../generate/stream-story.ts'
import { BUILTIN_TEMPLATES } from './index.ts'

/** A generated event as it goes on the wire (JSON: times as ISO text). */
export interface WireEvent {
  id: string
  source: string
  event: string
  timestamp: string
  data: Record<string, unknown>
}

/** One event line of a test story: `use:` plus optional scheduling keys (YAML flow text). */
export interface Use {
  use: string
  extra?: string
}

/**
 * A story that uses every given template, roots every `n` times over the story's span, and
 * funnel steps once per parent (the `extra` keys say `after:`).
 */
export function storyOf(uses: Use[], n: number, head = ''): string {
  const lines = uses.map(
    (u) => `  - use: ${u.use}\n${u.extra ? u.extra : `    repeat: ${n}\n    every: duration(minutes=47)\n`}`,
  )
  return `org_id: acme\nstart_date: 2025-01-01\nseed: 11\n${head}events:\n${lines.join('')}`
}

/** Generates a whole story: its events and every diagnostic. */
export function run(text: string): { events: WireEvent[]; diagnostics: Diagnostic[] } {
  const r = streamStory(text, { file: 'story.yaml' })
  const events = [...r].map((e) => JSON.parse(serializeNdjson(e)) as WireEvent)
  return { events, diagnostics: r.diagnostics }
}

/** The events of one type. */
export function ofType(events: WireEvent[], event: string): Record<string, unknown>[] {
  return events.filter((e) => e.event === event).map((e) => e.data)
}

/** `data.data.object` of Stripe Events. */
export function objects(events: WireEvent[], event: string): Record<string, unknown>[] {
  return ofType(events, event).map((d) => (d.data as { object: Record<string, unknown> }).object)
}

/** Diagnostics as `code file:line-ish message` strings (for readable failures). */
export function describe(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.file}@${d.span.start}: ${d.message}`)
}

// Funnel steps: each pack template that repeats another event's object follows that event.
const AFTER: Record<string, string> = {
  'stripe/payment_method.attached': 'customer.created',
  'stripe/customer.subscription.created': 'customer.created',
  'stripe/customer.subscription.updated': 'customer.subscription.created',
  'stripe/customer.subscription.deleted': 'customer.subscription.updated',
  'stripe/invoice.created': 'customer.subscription.created',
  'stripe/invoice.finalized': 'invoice.created',
  'stripe/invoice.paid': 'invoice.finalized',
  'stripe/invoice.payment_failed': 'invoice.finalized',
  'stripe/charge.succeeded': 'customer.created',
  'stripe/charge.failed': 'customer.created',
  'stripe/charge.refunded': 'charge.succeeded',
  'stripe/payment_intent.succeeded': 'charge.succeeded',
  'stripe/payment_intent.payment_failed': 'charge.failed',
  'github/pull_request.closed': 'pull_request.opened',
  'pagerduty/incident.acknowledged': 'incident.triggered',
  'pagerduty/incident.resolved': 'incident.acknowledged',
}

/** Every template once: roots repeat `n` times, funnel steps follow their parent. */
export function everyTemplate(): Use[] {
  return BUILTIN_TEMPLATES.map(({ name }) => {
    const after = AFTER[name]
    if (!after) return { use: name }
    const monthly = name === 'stripe/invoice.created' ? '    repeat: 3\n    frequency: monthly\n' : ''
    return { use: name, extra: `    after: ${after}\n    delay: duration(minutes=random(1, 90))\n${monthly}` }
  })
}
