/**
 * Send to URL: POSTs the events of a finished preview to a webhook handler from the browser, one
 * request per event, as `autosource generate --to URL` does: the engine's body, headers and
 * signature string (delivery/webhook-request.ts), HMAC through WebCrypto, the CLI's retry policy
 * and per source/event ordering. Everything the browser does is injected, so it is tested in Node.
 */
import {
  backoffMs,
  deliveryIdOf,
  type HmacSha256Hex,
  isRetryableStatus,
  KeyedQueue,
  retryAfterMs,
  type WebhookBodyMode,
  type WebhookEvent,
  type WebhookSigning,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
} from '@autosource/engine/delivery'
import { type AttemptResult, explainUnreachable, type Unreachable } from './send-errors.ts'

type AttemptFailure = Extract<AttemptResult, { ok: false }>

/** One event to send: its NDJSON line (the exported bytes), the parsed event and its vendor pack. */
export interface SendJob {
  line: string
  event: WebhookEvent
  vendor: string | undefined
}

/** Live counts, as the CLI's progress line has them. */
export interface SendCounts {
  sent: number
  retried: number
  failed: number
}

/** An event that failed for good. */
export interface SendFailure {
  id: string
  reason: string
  /** The start of the answer's body (4xx/5xx), when the browser may read it. */
  excerpt?: string
}

/** What a send did. */
export interface SendOutcome extends SendCounts {
  /** `complete`: every event was tried; `stopped`: Stop was pressed; `unreachable`: nothing got through. */
  end: 'complete' | 'stopped' | 'unreachable'
  /** Events never handed to a request (after a stop, or once the URL proved unreachable). */
  unsent: number
  /** The first failures (SHOWN_FAILURES), in the order they happened. */
  failures: SendFailure[]
  /** Why nothing could be delivered, explained (for `unreachable`). */
  unreachable?: Unreachable
  /** Nearest-rank percentiles of the accepted attempts, ms. */
  latencyMs?: { p50: number; p99: number }
  elapsedMs: number
}

/** What a send needs: the request settings and the browser's fetch, clocks and crypto. */
export interface SendOptions {
  url: string
  bodyMode: WebhookBodyMode
  signing: WebhookSigning
  concurrency: number
  /** Attempts after the first (the CLI's `--retries` default: 6). */
  retries?: number
  /** Per request (the CLI's `--timeout` default: 10 s). */
  timeoutMs?: number
  fetch: typeof fetch
  hmac: HmacSha256Hex
  /** Monotonic ms (latency). */
  now: () => number
  /** Epoch ms (Stripe's `t`, Retry-After dates). */
  wallNow: () => number
  random: () => number
  /** A random UUID for X-GitHub-Delivery when an event's id is not one. */
  freshId: () => string
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Stop: no new request or retry starts; requests in flight finish and count by their answer. */
  signal: AbortSignal
  onProgress?: (counts: SendCounts) => void
  /** The studio's origin and the CLI command for the same send (for the explanation of an unreachable URL). */
  pageOrigin: string
  cliCommand: string
}

/** Failures kept for the summary (the rest are counted). */
export const SHOWN_FAILURES = 20
/** How much of an error answer's body is shown. */
const EXCERPT_CHARS = 300
const DEFAULT_RETRIES = 6
const DEFAULT_TIMEOUT_MS = 10_000

/** Sends every job; resolves with what happened (never rejects for a request's failure). */
export async function sendEvents(jobs: readonly SendJob[], options: SendOptions): Promise<SendOutcome> {
  const retries = options.retries ?? DEFAULT_RETRIES
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const started = options.now()
  const counts: SendCounts = { sent: 0, retried: 0, failed: 0 }
  const failures: SendFailure[] = []
  const latencies: number[] = []
  let handed = 0
  // A fetch that rejects before anything got through means CORS or a server that is not there:
  // retrying each event for a minute would only repeat it, so the send ends and says why.
  const blocked = new AbortController()
  let unreachable: Unreachable | undefined
  // Any answer at all (even a 500) proves the browser may talk to the handler: CORS is fine.
  let answered = false
  let headerNames: string[] = []
  const stopped = () => options.signal.aborted || blocked.signal.aborted

  const fail = (job: SendJob, result: AttemptFailure) => {
    counts.failed++
    if (failures.length < SHOWN_FAILURES) {
      const failure: SendFailure = { id: String(job.event.id), reason: result.reason }
      if (result.excerpt) failure.excerpt = result.excerpt
      failures.push(failure)
    }
  }

  const attempt = async (job: SendJob, body: string, deliveryId: string): Promise<AttemptResult> => {
    let headers: Record<string, string>
    try {
      headers = await webhookHeaders(
        {
          event: job.event,
          body,
          vendor: job.vendor,
          signing: options.signing,
          deliveryId,
          nowSec: Math.floor(options.wallNow() / 1000),
        },
        options.hmac,
      )
    } catch (e) {
      // WebCrypto missing (a page that is not https or localhost): no request can be signed.
      return { ok: false, retry: false, reason: `could not sign: ${(e as Error)?.message ?? e}` }
    }
    // The browser sends its own User-Agent (a page cannot set it); every other header is the CLI's.
    delete headers['User-Agent']
    if (headerNames.length === 0) headerNames = Object.keys(headers)
    const t0 = options.now()
    let res: Response
    try {
      res = await options.fetch(options.url, {
        method: 'POST',
        headers,
        body,
        // As the CLI: no cookies to the handler, redirects are answers, not followed.
        credentials: 'omit',
        redirect: 'manual',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      const err = e as Error
      if (err?.name === 'TimeoutError' || err?.name === 'AbortError')
        return { ok: false, retry: true, reason: `timeout after ${timeoutMs} ms` }
      return { ok: false, retry: true, reason: 'network error (failed to fetch)', network: true }
    }
    answered = true
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => undefined)
      return { ok: false, retry: false, reason: 'HTTP 3xx (a redirect; redirects are not followed)' }
    }
    if (res.status >= 200 && res.status < 300) {
      latencies.push(options.now() - t0)
      await res.body?.cancel().catch(() => undefined)
      return { ok: true }
    }
    const excerpt = await res
      .text()
      .then((t) => (t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t))
      .catch(() => '')
    const result: AttemptResult = {
      ok: false,
      retry: isRetryableStatus(res.status),
      reason: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
      waitMs: retryAfterMs(res.headers.get('retry-after'), options.wallNow()),
    }
    if (excerpt) result.excerpt = excerpt
    return result
  }

  const send = async (job: SendJob): Promise<void> => {
    if (stopped()) return
    handed++
    const body = webhookBody(job.event, job.line, options.bodyMode, job.vendor)
    const deliveryId = deliveryIdOf(job.event, options.freshId)
    let last: AttemptFailure = { ok: false, retry: true, reason: 'not sent' }
    for (let n = 0; n <= retries; n++) {
      if (n > 0) {
        if (stopped()) break
        counts.retried++
        options.onProgress?.({ ...counts })
        const wait = Math.max(backoffMs(n, options.random), last.waitMs ?? 0)
        await options.sleep(wait, AbortSignal.any([options.signal, blocked.signal]))
        if (stopped()) break
      }
      const result = await attempt(job, body, deliveryId)
      if (result.ok) {
        counts.sent++
        options.onProgress?.({ ...counts })
        return
      }
      last = result
      if (last.network && !answered) {
        if (!blocked.signal.aborted) {
          blocked.abort()
          unreachable = await explainUnreachable({
            url: options.url,
            pageOrigin: options.pageOrigin,
            headerNames,
            fetch: options.fetch,
            cliCommand: options.cliCommand,
          })
        }
        break
      }
      if (!last.retry) break
    }
    if (last.retry && options.signal.aborted && !blocked.signal.aborted)
      last = { ...last, reason: `stopped before delivery (last: ${last.reason})` }
    fail(job, last)
    options.onProgress?.({ ...counts })
  }

  const queue = new KeyedQueue<SendJob>(Math.max(1, options.concurrency), send)
  for (const job of jobs) {
    if (stopped()) break
    await queue.push(webhookOrderKey(job.event), job)
  }
  await queue.drain()

  const outcome: SendOutcome = {
    ...counts,
    end: unreachable ? 'unreachable' : options.signal.aborted ? 'stopped' : 'complete',
    unsent: jobs.length - handed,
    failures,
    elapsedMs: options.now() - started,
  }
  if (unreachable) outcome.unreachable = unreachable
  if (latencies.length > 0) outcome.latencyMs = percentiles(latencies)
  return outcome
}

/** Nearest-rank p50 and p99, as the CLI's summary computes them. */
export function percentiles(values: readonly number[]): { p50: number; p99: number } {
  const sorted = values.toSorted((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
  return { p50: rank(50), p99: rank(99) }
}
