import { createHmac } from 'node:crypto'
import { UsageError } from '../cli-io.ts'
import type { HmacSha256Hex, WebhookBodyMode, WebhookSigning } from '../engine.ts'

/*
 * The CLI's side of webhook signing: parsing `--sign` and `--body`, and node:crypto's HMAC. What a
 * request is made of (body, headers, the string signed) is the engine's
 * (delivery/webhook-request.ts), shared with the studio's Send to URL.
 */

/** `--sign`: which vendor's webhook signature to add, with its secret. */
export type Signing = WebhookSigning

/** `--body`: the whole event, its data, or `auto` (data for vendor-pack events, else the event). */
export type BodyMode = WebhookBodyMode

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

/** HMAC-SHA256 hex through node:crypto (synchronous; the studio computes the same with WebCrypto). */
export const nodeHmac: HmacSha256Hex = (secret, message) =>
  createHmac('sha256', secret).update(message).digest('hex')
