import { describe, expect, it } from 'vitest'
import { backoffMs, isRetryableStatus, MAX_RETRY_WAIT_MS, retryAfterMs } from './retry-policy.ts'

describe('retry policy', () => {
  it('retries 408, 429 and 5xx, not other 4xx or 3xx', () => {
    for (const s of [408, 429, 500, 502, 503, 599]) expect(isRetryableStatus(s)).toBe(true)
    for (const s of [301, 400, 401, 403, 404, 422]) expect(isRetryableStatus(s)).toBe(false)
  })

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(100)
    expect(backoffMs(1, () => 1)).toBe(200)
    expect(backoffMs(3, () => 0.5)).toBe(600)
    expect(backoffMs(40, () => 1)).toBe(MAX_RETRY_WAIT_MS)
  })

  it('reads Retry-After as seconds or an HTTP-date, capped; junk is ignored', () => {
    expect(retryAfterMs('3', 0)).toBe(3000)
    expect(retryAfterMs(null, 0)).toBeUndefined()
    expect(retryAfterMs('soon', 0)).toBeUndefined()
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000)
    expect(retryAfterMs('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('99999', 0)).toBe(MAX_RETRY_WAIT_MS)
  })
})
