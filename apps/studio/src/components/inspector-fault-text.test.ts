import { describe, expect, it } from 'vitest'
import { faultBadge, faultSentence, faultTooltip, shortDuration } from './inspector-fault-text.ts'

describe('fault words', () => {
  it('shortens durations to what a badge has room for', () => {
    expect([850, 42_000, 240_000, 252_000, 11_100_000, 176_400_000].map(shortDuration)).toEqual([
      '850ms',
      '42s',
      '4m',
      '4m 12s',
      '3h 5m',
      '2d 1h',
    ])
  })

  it('gives each kind a short badge', () => {
    expect(faultBadge({ fault: 'late', late_by_ms: 252_000, delivered_at: 'x' })).toBe('late +4m')
    expect(faultBadge({ fault: 'duplicate', after_ms: 1000, delivered_at: 'x' })).toBe('dup')
    expect(faultBadge({ fault: 'corrupt', keep: 0.5 })).toBe('corrupt')
    expect(faultBadge({ fault: 'nullify', field: 'data.a' })).toBe('null')
  })

  it('states the ground truth of each fault in the tooltip', () => {
    const tip = faultTooltip({
      notes: [
        {
          fault: 'drift',
          from: '2025-03-15',
          rename: { 'data.amount': 'data.amount_cents' },
          type: { 'data.x': 'string' },
        },
        { fault: 'late', late_by_ms: 1_237_201, delivered_at: '2025-03-01T01:50:54.966+00:00' },
        { fault: 'corrupt', keep: 0.053207 },
      ],
      copy: false,
      deliveryMs: 0,
    })
    expect(tip.split('\n')).toEqual([
      'Schema drift from 2025-03-15: data.amount → data.amount_cents, data.x as string',
      'Delivered 20m 37s late, at 2025-03-01T01:50:54.966+00:00',
      'Corrupt: the exported line is cut short (5% of it kept)',
    ])
    expect(faultSentence({ fault: 'drop', field: 'data.email' })).toBe('data.email is missing (dropped)')
  })
})
