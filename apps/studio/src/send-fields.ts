/**
 * The fields of Send to URL: their defaults (the CLI's), their checks, and what is remembered. The
 * URL, body, signing vendor and concurrency are kept in localStorage so nothing typed is lost
 * between dialogs and reloads. The secret is kept only in this tab's memory unless the user ticks
 * "Remember the secret": localStorage is readable by any script of this origin and stays on disk,
 * and a webhook secret is a credential (a test one, usually, but the studio cannot tell).
 */
import type { WebhookBodyMode, WebhookSigning } from '@autosource/engine/delivery'

/** What the user typed and chose. */
export interface SendFields {
  url: string
  /** `auto` is the CLI's default (no `--body`): data for vendor-pack events, else the whole event. */
  bodyMode: WebhookBodyMode
  vendor: 'none' | 'stripe' | 'github'
  secret: string
  rememberSecret: boolean
  concurrency: number
}

/** At most this many events are sent from the browser (see SEND_MAX_EVENTS_WHY). */
export const SEND_MAX_EVENTS = 1000
/** Why the cap, for the dialog. */
export const SEND_MAX_EVENTS_WHY =
  'Each event is one request from this tab, which must stay open until the last answer; for more, pacing, a dead letter file and no CORS, use the CLI.'
/** Requests in flight: the CLI's default is 8; a browser allows 6 connections per host over HTTP/1.1. */
export const SEND_DEFAULT_CONCURRENCY = 4
export const SEND_MAX_CONCURRENCY = 16

/** The fields of a first visit. */
export const DEFAULT_SEND_FIELDS: SendFields = {
  url: '',
  bodyMode: 'auto',
  vendor: 'none',
  secret: '',
  rememberSecret: false,
  concurrency: SEND_DEFAULT_CONCURRENCY,
}

/** The localStorage key of the remembered fields. */
export const SEND_FIELDS_KEY = 'autosource.send.v1'

/** The part of Storage the fields use. */
export type FieldStorage = Pick<Storage, 'getItem' | 'setItem'>

/** The remembered fields (defaults for anything missing or unreadable). */
export function loadSendFields(storage: FieldStorage | undefined): SendFields {
  let saved: Partial<Record<keyof SendFields, unknown>> = {}
  try {
    const text = storage?.getItem(SEND_FIELDS_KEY)
    const parsed: unknown = text ? JSON.parse(text) : {}
    if (parsed && typeof parsed === 'object') saved = parsed as typeof saved
  } catch {
    // A broken entry is forgotten: the defaults are a fine start.
  }
  const fields = { ...DEFAULT_SEND_FIELDS }
  if (typeof saved.url === 'string') fields.url = saved.url
  if (saved.bodyMode === 'event' || saved.bodyMode === 'data' || saved.bodyMode === 'auto')
    fields.bodyMode = saved.bodyMode
  if (saved.vendor === 'stripe' || saved.vendor === 'github' || saved.vendor === 'none')
    fields.vendor = saved.vendor
  if (typeof saved.concurrency === 'number') fields.concurrency = clampConcurrency(saved.concurrency)
  if (saved.rememberSecret === true) {
    fields.rememberSecret = true
    if (typeof saved.secret === 'string') fields.secret = saved.secret
  }
  return fields
}

/** Remembers the fields (the secret only when the user opted in). */
export function saveSendFields(storage: FieldStorage | undefined, fields: SendFields): void {
  const { secret, ...rest } = fields
  const saved = fields.rememberSecret ? { ...rest, secret } : rest
  try {
    storage?.setItem(SEND_FIELDS_KEY, JSON.stringify(saved))
  } catch {
    // Storage full or disabled: the fields still live in this tab.
  }
}

/** Concurrency within 1..SEND_MAX_CONCURRENCY (a whole number). */
export function clampConcurrency(n: number): number {
  if (!Number.isFinite(n)) return SEND_DEFAULT_CONCURRENCY
  return Math.min(SEND_MAX_CONCURRENCY, Math.max(1, Math.round(n)))
}

/** The first problem of the fields, said for people, or null when they can be sent. */
export function sendFieldsProblem(fields: SendFields): string | null {
  const text = fields.url.trim()
  if (text === '') return 'Enter the URL of the webhook handler.'
  // `localhost:3000/x` parses as a URL of scheme `localhost:`: say what is missing instead.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return `“${text}” needs http:// or https:// in front, e.g. http://${text.replace(/^\/+/, '')}.`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `“${text}” is not a URL: it needs http:// or https:// and a host, e.g. http://localhost:3000/webhooks.`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Only http:// and https:// URLs can be sent to (this one is ${url.protocol}).`
  if (url.username || url.password)
    return 'Put no user name or password in the URL: the browser refuses to send such requests.'
  if (fields.vendor !== 'none' && fields.secret === '')
    return `Enter the ${fields.vendor === 'stripe' ? 'Stripe signing secret (whsec_…)' : 'GitHub webhook secret'}, or choose no signing.`
  return null
}

/** The signing of the fields, as the engine takes it. */
export function signingOf(fields: SendFields): WebhookSigning {
  return fields.vendor === 'none' ? undefined : { vendor: fields.vendor, secret: fields.secret }
}

/**
 * The CLI command that sends the same events (the secret as a shell variable, never in the text:
 * people paste commands into chats and tickets).
 */
export function sendCliCommand(storyFile: string, seed: number, fields: SendFields, limit?: number): string {
  const parts = ['autosource generate', storyFile, `--seed=${seed}`, `--to ${shellQuote(fields.url.trim())}`]
  if (fields.bodyMode !== 'auto') parts.push(`--body ${fields.bodyMode}`)
  if (fields.vendor !== 'none') parts.push(`--sign ${fields.vendor}:$WEBHOOK_SECRET`)
  if (fields.concurrency !== 8) parts.push(`--concurrency ${fields.concurrency}`)
  if (limit !== undefined) parts.push(`--limit ${limit}`)
  return parts.join(' ')
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
