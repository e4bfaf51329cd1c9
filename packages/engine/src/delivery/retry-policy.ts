/*
 * When a failed webhook request is tried again: the one policy of the CLI's HTTP sink and the
 * studio's Send to URL (docs/delivery.md, Retries).
 */
/** First retry delay; doubles per attempt. */
const BASE_MS = 200
/** Longest wait between attempts, also for a server's `Retry-After`. */
export const MAX_RETRY_WAIT_MS = 60_000

/** Whether an HTTP status is worth another attempt: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}

/**
 * The wait before retry number `attempt` (1-based): exponential (200 ms, 400 ms, 800 ms ...,
 * capped) with "equal jitter" (half fixed, half random), so many senders do not retry in step.
 * `random` is the caller's (the CLI's and the studio's unseeded source): the engine itself draws no
 * unseeded numbers.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const exp = Math.min(MAX_RETRY_WAIT_MS, BASE_MS * 2 ** (attempt - 1))
  return exp / 2 + random() * (exp / 2)
}

/**
 * A `Retry-After` header in ms: delay-seconds (`120`) or an HTTP-date; undefined when absent or
 * unreadable. Capped at MAX_RETRY_WAIT_MS.
 */
export function retryAfterMs(header: string | null, nowEpochMs: number): number | undefined {
  if (header === null) return undefined
  const text = header.trim()
  let ms: number
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  else {
    const at = Date.parse(text)
    if (Number.isNaN(at)) return undefined
    ms = at - nowEpochMs
  }
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(0, ms))
}
