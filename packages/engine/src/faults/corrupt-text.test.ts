import { describe, expect, it } from 'vitest'
import { corruptText } from './corrupt-text.ts'

describe('corruptText', () => {
  const line = '{"id":"a","data":{"x":1}}\n'

  it.each([0, 0.01, 0.5, 0.99, 0.999999])('keep %s: a proper prefix, never empty, newline kept', (keep) => {
    const out = corruptText(line, keep)
    expect(out.endsWith('\n')).toBe(true)
    const body = out.slice(0, -1)
    expect(body.length).toBeGreaterThan(0)
    expect(body.length).toBeLessThan(line.length - 1)
    expect(line.startsWith(body)).toBe(true)
    expect(() => JSON.parse(body)).toThrow()
  })

  it('CSV: the cut row keeps its CRLF and closes an open quote, so the next row is intact', () => {
    const row = 'a,"hello, world",3\r\n'
    const out = corruptText(row, 0.4, true)
    expect(out).toBe('a,"hell"\r\n')
  })

  it('never splits a surrogate pair', () => {
    const out = corruptText('ab😀cd\n', 0.5)
    expect(out).toBe('ab\n')
  })
})
