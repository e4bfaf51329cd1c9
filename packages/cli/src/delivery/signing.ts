import { createHmac, randomUUID } from 'node:crypto'
import { UsageError } from '../cli-io.ts'
import type { StoryEvent } from '../engine.ts'

/** `--sign`: which vendor's webhook signature to add, with its secret. */
export type Signing = { vendor: 'stripe' | 'github'; secret: string } | undefined

/** `--body`: the whole event, its data, or `auto` (data for vendor-pack events, else the event). */
export type BodyMode = 'event' | 'data' | 'auto'

/** Parses `--sign stripe:SECRET` or `--sign github:SECRET`. */
export function parseSigning(text: string | undefined): Signing {
  if (text === undefined) return undefined
  const i = text.indexOf(':')
  const vendor = i > 0 ? text.slice(0, i) : ''
  const secret = text.slice(i + 1)
  if ((vendor !== 'stripe' && vendor !== 'github') || secret === '')
    throw new UsageError(`--sign must be stripe:SECRET or github:SECRET, got '${vendor || text}:...'`)
  return { vendor, secret }
}

/** Parses `--body event|data` (default: auto). */
export function parseBodyMode(text: string | undefined): BodyMode {
  if (text === undefined) return 'auto'
  if (text !== 'event' && text !== 'data') throw new UsageError(`--body must be event or data, got '${text}'`)
  return text
}

/** The vendors of SPEC section 12, whose built-in templates are named `<vendor>/<event>`. */
const PACK_VENDORS = new Set(['stripe', 'github', 'segment', 'posthog', 'pagerduty'])

/** The vendor pack a definition's `use:` names (`stripe/invoice.paid` -> `stripe`), if any. */
export function packVendor(use: string | undefined): string | undefined {
  const vendor = use?.split('/')[0]
  return vendor !== undefined && use!.includes('/') && PACK_VENDORS.has(vendor) ? vendor : undefined
}

/**
 * Headers that make a request look as the vendor sends it, computed over the exact body bytes.
 * Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, which
 * `stripe.webhooks.constructEvent` accepts within its 5-minute tolerance (so it is computed per
 * attempt, at send time). GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of body>`,
 * `X-GitHub-Event` (the event type up to its first dot: `pull_request.opened` -> `pull_request`)
 * and `X-GitHub-Delivery` (a GUID per event, the same on every retry, as GitHub redelivers).
 */
export function signatureHeaders(
  signing: Signing,
  event: StoryEvent,
  body: string,
  deliveryId: string,
  nowSec: number,
): Record<string, string> {
  if (signing === undefined) return {}
  if (signing.vendor === 'stripe') {
    const mac = createHmac('sha256', signing.secret).update(`${nowSec}.${body}`).digest('hex')
    return {
      'Stripe-Signature': `t=${nowSec},v1=${mac}`,
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    }
  }
  const mac = createHmac('sha256', signing.secret).update(body).digest('hex')
  return { 'X-Hub-Signature-256': `sha256=${mac}`, ...githubHeaders(event, deliveryId) }
}

/** The headers GitHub sends with every delivery, signed or not (also for `github/` pack events without `--sign`). */
export function githubHeaders(event: StoryEvent, deliveryId: string): Record<string, string> {
  return {
    'X-GitHub-Event': String(event.event).split('.')[0],
    'X-GitHub-Delivery': deliveryId,
    'User-Agent': 'GitHub-Hookshot/autosource',
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A GUID for `X-GitHub-Delivery`: the event's id when it is one (stable across runs), else a fresh one. */
export function deliveryIdOf(event: StoryEvent): string {
  return typeof event.id === 'string' && UUID.test(event.id) ? event.id : randomUUID()
}
