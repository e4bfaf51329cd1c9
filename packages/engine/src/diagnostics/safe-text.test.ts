import { describe, expect, it } from 'vitest'
import { codeFrame, formatDiagnostic } from './code-frame.ts'
import { error } from './diagnostic.ts'
import { safeTerminalText } from './safe-text.ts'

describe('safeTerminalText', () => {
  it.each([
    ['ESC (colors, titles)', 'a\x1b[31mb', 'a\\u001b[31mb'],
    ['BEL', 'ding\x07', 'ding\\u0007'],
    ['CR (overwrites the line)', 'ok\rEVIL', 'ok\\u000dEVIL'],
    ['NUL and DEL', '\x00x\x7f', '\\u0000x\\u007f'],
    ['C1 CSI', 'a\u009bb', 'a\\u009bb'],
    ['bidi override (RLO)', 'abc\u202edef', 'abc\\u202edef'],
    ['bidi isolate (LRI, PDI)', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['line feed on one line', 'a\nb', 'a\\u000ab'],
    ['tab is kept', 'a\tb', 'a\tb'],
    ['ordinary text and emoji are kept', 'é 😀 `x`', 'é 😀 `x`'],
  ])('%s', (_name, input, want) => {
    expect(safeTerminalText(input)).toBe(want)
  })

  it('keeps line feeds (and still escapes CR) with multiline', () => {
    expect(safeTerminalText('a\nb\r\n\x1b', { multiline: true })).toBe('a\nb\\u000d\n\\u001b')
  })
})

describe('code frames and messages escape control characters', () => {
  it.each([
    ['ESC before the span', 'k: \x1b[2Jvalue', 'value', '1 | k: \\u001b[2Jvalue\n  |             ^^^^^'],
    ['ESC inside the span', 'k: a\x1bb', 'a\x1bb', '1 | k: a\\u001bb\n  |    ^^^^^^^^'],
    ['BEL after the span', 'k: v\x07', 'v', '1 | k: v\\u0007\n  |    ^'],
    ['bidi override before the span', 'k: \u202ex y', 'y', '1 | k: \\u202ex y\n  |            ^'],
  ])('%s', (_name, text, target, want) => {
    const start = text.indexOf(target)
    expect(codeFrame(text, start, start + target.length)).toBe(want)
  })

  it('formatDiagnostic escapes the file, message and hint', () => {
    const text = 'k\x1b]0;pwned\x07: 1\n'
    const d = error(
      'story/unknown-key',
      'Unknown key `k\x1b]0;pwned\x07`',
      'a\x1b.yaml',
      { start: 0, end: 12 },
      [],
      'hint\r',
    )
    const out = formatDiagnostic(d, text)
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/)
    expect(out).toContain('Unknown key `k\\u001b]0;pwned\\u0007`')
    expect(out).toContain('a\\u001b.yaml:1:1')
    expect(out).toContain('hint: hint\\u000d')
  })
})
