/**
 * What the Kafka and PostgreSQL sinks share: bounded retries with exponential backoff for a
 * batch, and the latency percentiles of acknowledged batches for the summary.
 */

/** How often and how patiently a failed batch is tried again. */
export interface RetryPolicy {
  /** Attempts in all (the first one included). */
  attempts: number
  /** Wait before the second attempt; doubles each time. */
  baseMs: number
  /** Longest wait between two attempts. */
  maxMs: number
}

/** Five attempts over about six seconds: long enough for a broker restart, short enough to report. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 200, maxMs: 3000 }

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1))
}

/**
 * Runs `op` until it succeeds, a failure is not retryable, or the attempts run out; calls
 * `onRetry` before each extra attempt. Rejects with the last error.
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: unknown, attempt: number) => void,
  retryable: (error: unknown) => boolean = () => true,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt)
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error)) throw error
      onRetry(error, attempt)
      await sleep(backoffMs(policy, attempt))
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The message of an error, for a dead-letter reason or a SinkError (never a stack trace). */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorText(error.errors[0])
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

/** Collects batch latencies and gives p50/p99 (nearest rank); memory is bounded by sampling. */
export class LatencyRecorder {
  private readonly samples: number[] = []
  private seen = 0

  constructor(private readonly cap = 100_000) {}

  /** Records one acknowledged batch's latency, `count` times (once per event it carried). */
  add(ms: number, count = 1): void {
    for (let i = 0; i < count; i++) {
      this.seen++
      if (this.samples.length < this.cap) this.samples.push(ms)
      // Past the cap, keep every k-th sample so the spread still covers the whole run.
      else if (this.seen % Math.ceil(this.seen / this.cap) === 0) this.samples[this.seen % this.cap] = ms
    }
  }

  /** p50 and p99 in milliseconds (rounded to 0.1), or undefined when nothing was acknowledged. */
  percentiles(): { p50: number; p99: number } | undefined {
    if (this.samples.length === 0) return undefined
    const sorted = [...this.samples].sort((a, b) => a - b)
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10
    return { p50: at(0.5), p99: at(0.99) }
  }
}
