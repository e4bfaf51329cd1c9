/*
 * What one webhook POST of an event is made of: its body, its headers and the string a signature
 * is computed over. Pure and isomorphic (no node: imports, no clock, no randomness: the caller
 * passes the time and the HMAC function), so the CLI's HTTP sink and the studio's Send to URL
 * build the same bytes and headers for the same event and cannot drift (docs/delivery.md).
 */

/** `--body`: the whole event, its data, or `auto` (data for vendor-pack events, else the event). */
export type WebhookBodyMode = 'event' | 'data' | 'auto'

/** `--sign`: which vendor's webhook signature to add, with its secret. */
export type WebhookSigning = { vendor: 'stripe' | 'github'; secret: string } | undefined

/** The fields of an event a webhook request reads. */
export interface WebhookEvent {
  id?: unknown
  source?: unknown
  event?: unknown
  data?: unknown
}

/** HMAC-SHA256 of `message` keyed by `secret`, as lowercase hex (node:crypto's or WebCrypto's). */
export type HmacSha256Hex = (secret: string, message: string) => string | Promise<string>

/** The vendors of SPEC section 12, whose built-in templates are named `<vendor>/<event>`. */
export const PACK_VENDORS: readonly string[] = ['stripe', 'github', 'segment', 'posthog', 'pagerduty']

/** Stripe's and GitHub's User-Agent on their deliveries (a browser sends its own instead). */
export const STRIPE_USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'
const GITHUB_USER_AGENT = 'GitHub-Hookshot/autosource'

/**
 * Every request header name a webhook request may carry besides the browser's own: what a handler
 * called from a browser must allow in `Access-Control-Allow-Headers` (User-Agent is the browser's).
 */
export const WEBHOOK_HEADER_NAMES: readonly string[] = [
  'Content-Type',
  'Stripe-Signature',
  'X-Hub-Signature-256',
  'X-GitHub-Event',
  'X-GitHub-Delivery',
]

/** The vendor pack a definition's `use:` names (`stripe/invoice.paid` -> `stripe`), if any. */
export function packVendor(use: string | undefined): string | undefined {
  if (use === undefined || !use.includes('/')) return undefined
  const vendor = use.split('/')[0]
  return PACK_VENDORS.includes(vendor) ? vendor : undefined
}

/** The key that keeps events in order under concurrency: one source/event is sent one at a time. */
export function webhookOrderKey(event: WebhookEvent): string {
  return `${String(event.source)}\u0000${String(event.event)}`
}

/**
 * The body of an event's POST: its NDJSON `line` (`event`), `JSON.stringify(data)` (`data`), or
 * for `auto` the data of vendor-pack events (`vendor` set: a Stripe Event object, a GitHub webhook
 * body) and the whole event otherwise.
 */
export function webhookBody(
  event: WebhookEvent,
  line: string,
  mode: WebhookBodyMode,
  vendor: string | undefined,
): string {
  const data = mode === 'data' || (mode === 'auto' && vendor !== undefined)
  return data ? JSON.stringify(event.data) : line
}

/** The string a signature is computed over: Stripe signs `"<t>.<body>"`, GitHub the body itself. */
export function stringToSign(vendor: 'stripe' | 'github', body: string, nowSec: number): string {
  return vendor === 'stripe' ? `${nowSec}.${body}` : body
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A GUID for `X-GitHub-Delivery`: the event's id when it is one (generated ids are, so it is stable
 * across runs and retries), else `fresh()` (the caller's random UUID).
 */
export function deliveryIdOf(event: WebhookEvent, fresh: () => string): string {
  return typeof event.id === 'string' && UUID.test(event.id) ? event.id : fresh()
}

/** The headers GitHub sends with every delivery, signed or not (also for `github/` pack events without `--sign`). */
export function githubHeaders(event: WebhookEvent, deliveryId: string): Record<string, string> {
  return {
    'X-GitHub-Event': String(event.event).split('.')[0],
    'X-GitHub-Delivery': deliveryId,
    'User-Agent': GITHUB_USER_AGENT,
  }
}

/** What one attempt's headers depend on. */
export interface WebhookHeaderInput {
  event: WebhookEvent
  /** The exact body sent (signatures are over these bytes). */
  body: string
  /** The event's vendor pack (`github` adds GitHub's headers also unsigned). */
  vendor: string | undefined
  signing: WebhookSigning
  deliveryId: string
  /** Unix seconds of this attempt (Stripe's `t`, inside its five-minute tolerance on every retry). */
  nowSec: number
  /** `--header` pairs, after the vendor's and before the signature's. */
  extra?: readonly (readonly [string, string])[]
}

/**
 * Headers that make a request look as the vendor sends it: `Content-Type`, GitHub's event and
 * delivery headers for `github/` pack events, the extra headers, then the signature's. Stripe:
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` and Stripe's User-Agent;
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of body>` with `X-GitHub-Event` (the
 * event type up to its first dot: `pull_request.opened` -> `pull_request`) and `X-GitHub-Delivery`.
 */
export async function webhookHeaders(
  input: WebhookHeaderInput,
  hmac: HmacSha256Hex,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = Object.create(null)
  const put = (pairs: Iterable<readonly [string, string]>) => {
    for (const [name, value] of pairs) headers[name] = value
  }
  put([['Content-Type', 'application/json']])
  if (input.vendor === 'github') put(Object.entries(githubHeaders(input.event, input.deliveryId)))
  if (input.extra) put(input.extra)
  const signing = input.signing
  if (signing === undefined) return { ...headers }
  const mac = await hmac(signing.secret, stringToSign(signing.vendor, input.body, input.nowSec))
  if (signing.vendor === 'stripe')
    put([
      ['Stripe-Signature', `t=${input.nowSec},v1=${mac}`],
      ['User-Agent', STRIPE_USER_AGENT],
    ])
  else
    put([
      ['X-Hub-Signature-256', `sha256=${mac}`],
      ...Object.entries(githubHeaders(input.event, input.deliveryId)),
    ])
  // A plain object for fetch and undici; own data properties only, so any header name is safe.
  return { ...headers }
}
