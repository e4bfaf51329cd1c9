import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineIndex } from './line-index.ts'

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns with LF', () => {
    const idx = new LineIndex('ab\ncd\n\nef')
    expect(idx.lineCount).toBe(4)
    expect([0, 1, 2, 3, 5, 6, 7, 9].map((o) => idx.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 }, // the line break itself
      { line: 2, column: 1 },
      { line: 2, column: 3 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 3 }, // end of text
    ])
  })

  it('treats CRLF as one line break, and CR alone as one too', () => {
    const crlf = new LineIndex('ab\r\ncd\r\n')
    expect(crlf.lineCount).toBe(3)
    expect(crlf.position(4)).toEqual({ line: 2, column: 1 })
    expect(crlf.lineText(1)).toBe('ab')
    expect(crlf.lineText(2)).toBe('cd')
    const cr = new LineIndex('ab\rcd\rx')
    expect(cr.lineCount).toBe(3)
    expect(cr.position(3)).toEqual({ line: 2, column: 1 })
    expect(cr.position(6)).toEqual({ line: 3, column: 1 })
    expect([cr.lineText(1), cr.lineText(2), cr.lineText(3)]).toEqual(['ab', 'cd', 'x'])
    const mixed = new LineIndex('a\r\nb\rc\nd')
    expect([1, 2, 3, 4].map((l) => mixed.lineText(l))).toEqual(['a', 'b', 'c', 'd'])
  })

  it('counts columns in UTF-16 code units (like editors and the yaml package)', () => {
    const text = 'k: 😀x\né: y'
    const idx = new LineIndex(text)
    // The emoji is a surrogate pair: two columns.
    expect(idx.position(text.indexOf('x'))).toEqual({ line: 1, column: 6 })
    expect(idx.position(text.indexOf('y'))).toEqual({ line: 2, column: 4 })
    expect(idx.offset(1, 6)).toBe(text.indexOf('x'))
  })

  it('clamps offsets outside the text', () => {
    const idx = new LineIndex('ab\ncd')
    expect(idx.position(-5)).toEqual({ line: 1, column: 1 })
    expect(idx.position(99)).toEqual({ line: 2, column: 3 })
    expect(idx.offset(99, 1)).toBe(3)
    expect(idx.offset(1, 99)).toBe(5)
    expect(new LineIndex('').position(0)).toEqual({ line: 1, column: 1 })
  })

  it('offset() inverts position() for every offset of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', '\t') }), (text) => {
        const idx = new LineIndex(text)
        for (let o = 0; o <= text.length; o++) {
          const p = idx.position(o)
          // An offset between CR and LF belongs to the line the CR ends.
          if (text[o - 1] === '\r' && text[o] === '\n') continue
          expect(idx.offset(p.line, p.column)).toBe(o)
        }
      }),
    )
  })
})
