import { describe, expect, it } from 'vitest'
import { MemoryWritable } from './memory-io.ts'
import { formatCount, formatDuration, Progress } from './progress.ts'

describe('Progress', () => {
  it('shows an ETA when the total is known, elapsed time otherwise', () => {
    let t = 0
    const known = new Progress(new MemoryWritable(), () => t, 1_000_000)
    expect(known.line(250_000, 1000)).toBe('250,000/1,000,000 events  250,000 events/s  ETA 3s')
    const unknown = new Progress(new MemoryWritable(), () => t, undefined)
    expect(unknown.line(250_000, 125_000)).toBe('250,000 events  2,000 events/s  elapsed 2m05s')
    t = 0
  })

  it('redraws at most every interval, on one line', () => {
    let t = 0
    const out = new MemoryWritable()
    const p = new Progress(out, () => t, 100)
    t = 100
    p.update(10)
    expect(out.text).toBe('')
    t = 300
    p.update(50)
    expect(out.text).toBe('\r\x1b[K50/100 events  167 events/s  ETA 0s')
    t = 400
    p.finish(100)
    expect(out.text.endsWith('\r\x1b[K100 events in 0s (250 events/s)\n')).toBe(true)
  })
})

describe('formatting', () => {
  it.each([
    [0, '0s'],
    [59.4, '59s'],
    [125, '2m05s'],
    [3720, '1h02m'],
  ])('formatDuration(%d) = %s', (s, text) => expect(formatDuration(s)).toBe(text))

  it('formats counts with thousands separators', () => expect(formatCount(1234567.4)).toBe('1,234,567'))
})
