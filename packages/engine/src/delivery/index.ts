/**
 * `@autosource/engine/delivery`: the webhook request parts the CLI and the studio share, small and
 * free of the engine's loader and runtime so the studio's main thread can import them.
 */
export { KeyedQueue } from './keyed-queue.ts'
export { backoffMs, isRetryableStatus, MAX_RETRY_WAIT_MS, retryAfterMs } from './retry-policy.ts'
export { webCryptoHmac } from './webcrypto-hmac.ts'
export {
  deliveryIdOf,
  githubHeaders,
  type HmacSha256Hex,
  PACK_VENDORS,
  packVendor,
  STRIPE_USER_AGENT,
  stringToSign,
  WEBHOOK_HEADER_NAMES,
  type WebhookBodyMode,
  type WebhookEvent,
  type WebhookHeaderInput,
  type WebhookSigning,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
} from './webhook-request.ts'
