import { randomUUID } from 'node:crypto'
import { Agent, request } from 'undici'
import { LatencyRecorder } from '../delivery/latency.ts'
import { sleep } from '../delivery/pacing.ts'
import { type BodyMode, nodeHmac, type Signing } from '../delivery/signing.ts'
import {
  backoffMs,
  deliveryIdOf,
  isRetryableStatus,
  KeyedQueue,
  packVendor,
  retryAfterMs,
  type Story,
  type StoryEvent,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
} from '../engine.ts'
import { type Corrupt, type Sink, SinkError, type SinkOptions, type SinkSummary } from './sink.ts'

/** Options of the HTTP sink, from `generate`'s flags. */
export interface HttpSinkOptions extends SinkOptions {
  story: Story
  signing: Signing
  bodyMode: BodyMode
  /** `--header` pairs, sent with every request. */
  headers: [string, string][]
  timeoutMs: number
  /** Attempts after the first. */
  retries: number
  /** Monotonic clock (latency). */
  now: () => number
  /** Wall clock in epoch ms (Stripe's signature time, HTTP-date Retry-After); `Date.now` by default. */
  wallNow?: () => number
}

interface Job {
  event: StoryEvent
  line: string
  /** Set for a corrupt delivery: the body goes out cut short (and signed as sent). */
  corrupt?: Corrupt
}

/** The outcome of one attempt. */
type Attempt = { ok: true } | { ok: false; retry: boolean; reason: string; waitMs?: number }

/**
 * `--to http(s)://...`: one POST per event through undici (the client behind Node's fetch), with signing, retries
 * (exponential backoff with jitter on network errors, timeouts, 408, 429 and 5xx, honouring
 * `Retry-After`), `concurrency` requests in flight and each source/event key in order. An event
 * that fails for good goes to the dead letter and counts as failed; on a stop, requests in flight
 * finish (their answer decides sent or failed) and no new attempt starts.
 */
export function createHttpSink(url: string, options: HttpSinkOptions): Sink & { stats(): SinkSummary } {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw new SinkError(`--to ${url}: not a valid URL`)
  }
  const wallNow = options.wallNow ?? Date.now
  // Body: data for events of vendor-pack definitions (`use: stripe/...`), decided per source/event.
  const vendorOf = new Map<string, string | undefined>()
  for (const def of options.story.events) {
    const key = webhookOrderKey(def)
    vendorOf.set(key, vendorOf.get(key) ?? packVendor(def.use))
  }
  const stats = { sent: 0, retried: 0, failed: 0 }
  // One keep-alive connection per request in flight; POSTs are never retried by undici itself.
  const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000 })
  const latency = new LatencyRecorder()

  const vendorOfEvent = (event: StoryEvent) => vendorOf.get(webhookOrderKey(event))
  const bodyOf = (job: Job): string => {
    const body = webhookBody(job.event, job.line, options.bodyMode, vendorOfEvent(job.event))
    return job.corrupt ? job.corrupt(body) : body
  }

  const attempt = async (job: Job, body: string, deliveryId: string): Promise<Attempt> => {
    // The engine's headers, the studio's too; signed per attempt (Stripe's `t` is the attempt's time).
    const headers = await webhookHeaders(
      {
        event: job.event,
        body,
        vendor: vendorOfEvent(job.event),
        signing: options.signing,
        deliveryId,
        nowSec: Math.floor(wallNow() / 1000),
        extra: options.headers,
      },
      nodeHmac,
    )
    const t0 = options.now()
    try {
      const res = await request(target, {
        method: 'POST',
        headers,
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      // Read the answer fully so the connection goes back to the pool.
      await res.body.dump().catch(() => undefined)
      if (res.statusCode >= 200 && res.statusCode < 300) {
        latency.add(options.now() - t0)
        return { ok: true }
      }
      const retryAfter = res.headers['retry-after']
      return {
        ok: false,
        retry: isRetryableStatus(res.statusCode),
        reason: `HTTP ${res.statusCode}`,
        waitMs: retryAfterMs(typeof retryAfter === 'string' ? retryAfter : null, wallNow()),
      }
    } catch (e) {
      return { ok: false, retry: true, reason: networkReason(e, options.timeoutMs) }
    }
  }

  const send = async (job: Job): Promise<void> => {
    // Stopped before its first attempt: never sent, and the summary says how many (generated - sent - failed).
    if (options.signal.aborted) return
    const body = bodyOf(job)
    const deliveryId = deliveryIdOf(job.event, randomUUID)
    let last: Attempt = { ok: false, retry: true, reason: 'not sent' }
    for (let n = 0; n <= options.retries; n++) {
      if (n > 0) {
        if (options.signal.aborted) break
        stats.retried++
        await sleep(Math.max(backoffMs(n, Math.random), last.ok ? 0 : (last.waitMs ?? 0)), options.signal)
        if (options.signal.aborted) break
      }
      last = await attempt(job, body, deliveryId)
      if (last.ok) {
        stats.sent++
        return
      }
      if (!last.retry) break
    }
    stats.failed++
    const why = last.ok ? 'unknown' : last.reason
    const reason =
      options.signal.aborted && !last.ok && last.retry ? `stopped before delivery (last: ${why})` : why
    options.deadLetter?.(job.line, reason)
  }

  const queue = new KeyedQueue<Job>(options.concurrency, send)
  return {
    async open() {
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new SinkError(`--to ${url}: only http:// and https:// are supported here`)
    },
    write(event, line, corrupt) {
      const job: Job = corrupt ? { event, line, corrupt } : { event, line }
      return queue.push(webhookOrderKey(event), job)
    },
    async close() {
      await queue.drain()
      await agent.close()
      return this.stats()
    },
    stats() {
      return { ...stats, latencyMs: latency.percentiles() }
    },
  }
}

/** A short reason for a failed request: the system error code when there is one. */
function networkReason(e: unknown, timeoutMs: number): string {
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT')
    return `timeout after ${timeoutMs} ms`
  const code = err?.code ?? err?.cause?.code
  const message = err?.message ?? String(e)
  return code === 'UND_ERR_SOCKET'
    ? `network error: ${message}`
    : code
      ? `network error ${code}`
      : `network error: ${message}`
}
