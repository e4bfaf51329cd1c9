import { describe, expect, it } from 'vitest'
import { CODE_FRAME_WIDTH, codeFrame, formatDiagnostic } from './code-frame.ts'
import { type Diagnostic, error, hasErrors, sortDiagnostics, warning } from './diagnostic.ts'

const story = [
  'org_id: acme',
  'start_date: 2025-01-01',
  'events:',
  '  - source: posthog',
  '    frequncy: daily',
  '',
].join('\n')
const at = (s: string) => ({ start: story.indexOf(s), end: story.indexOf(s) + s.length })

describe('codeFrame', () => {
  it('prints the line with a caret under the span', () => {
    expect(codeFrame(story, at('frequncy').start, at('frequncy').end)).toBe(
      ['5 |     frequncy: daily', '  |     ^^^^^^^^'].join('\n'),
    )
  })

  it('prints one caret for an empty span', () => {
    const o = story.indexOf('acme')
    expect(codeFrame(story, o, o)).toBe('1 | org_id: acme\n  |         ^')
  })

  it('spans several lines, with the line number column as wide as the widest number', () => {
    const text = `${'x\n'.repeat(8)}a: [1,\n  2]\n`
    const start = text.indexOf('[')
    expect(codeFrame(text, start, text.indexOf(']') + 1)).toMatchInlineSnapshot(`
      " 9 | a: [1,
         |    ^^^
      10 |   2]
         | ^^^^"
    `)
  })

  it('does not put a caret under the next line when a span ends with the line break', () => {
    const start = story.indexOf('events:')
    expect(codeFrame(story, start, story.indexOf('  - source'))).toBe('3 | events:\n  | ^^^^^^^')
  })

  it('prints at most five lines of a long span, then an ellipsis', () => {
    const frame = codeFrame(story + story, 0, story.length * 2).split('\n')
    expect(frame).toHaveLength(11)
    expect(frame.at(-1)).toBe('  | …')
  })

  it('keeps tabs so the caret lines up', () => {
    const text = 'a:\tb\t# c'
    expect(codeFrame(text, text.indexOf('#'), text.indexOf('#') + 3)).toBe('1 | a:\tb\t# c\n  |   \t \t^^^')
  })

  it('shows a window of a very long line', () => {
    const text = `a: ${'x'.repeat(5000)}BAD${'y'.repeat(5000)}`
    const frame = codeFrame(text, text.indexOf('BAD'), text.indexOf('BAD') + 3)
    const [line, carets] = frame.split('\n')
    expect(line.length).toBeLessThan(CODE_FRAME_WIDTH + 10)
    expect(line).toContain('…')
    expect(line.indexOf('BAD')).toBe(carets.indexOf('^^^'))
  })

  it('handles CRLF text and spans past the end', () => {
    const text = 'a: 1\r\nb: 2\r\n'
    expect(codeFrame(text, 6, 7)).toBe('2 | b: 2\n  | ^')
    expect(codeFrame(text, 100, 200)).toBe('3 | \n  | ^')
  })
})

describe('formatDiagnostic', () => {
  const d = error(
    'story/unknown-key',
    'Unknown key `frequncy` in `events[0]`',
    'story.yaml',
    at('frequncy'),
    ['events', 0, 'frequncy'],
    'did you mean `frequency`?',
  )

  it('prints file:line:col, severity, code, message, hint and code frame', () => {
    expect(formatDiagnostic(d, story)).toMatchInlineSnapshot(`
      "story.yaml:5:5: error story/unknown-key: Unknown key \`frequncy\` in \`events[0]\`
        hint: did you mean \`frequency\`?
      5 |     frequncy: daily
        |     ^^^^^^^^"
    `)
  })

  it('prints 1:1 and no frame without the text, and counts repeats', () => {
    const w: Diagnostic = {
      ...warning('runtime/no-ref', 'no occurrence', 'story.yaml', at('acme')),
      count: 3,
    }
    expect(formatDiagnostic(w, undefined)).toBe(
      'story.yaml:1:1: warning runtime/no-ref: no occurrence (3 times)',
    )
  })
})

describe('diagnostic helpers', () => {
  it('error() and warning() leave out an absent hint', () => {
    expect(Object.keys(error('story/unknown-key', 'm', 'f', { start: 0, end: 0 }))).not.toContain('hint')
    expect(warning('story/unknown-key', 'm', 'f', { start: 0, end: 0 }, [], 'h').hint).toBe('h')
  })

  it('hasErrors() ignores warnings and infos', () => {
    expect(hasErrors([warning('story/unknown-key', 'm', 'f', { start: 0, end: 0 })])).toBe(false)
    expect(hasErrors([error('story/unknown-key', 'm', 'f', { start: 0, end: 0 })])).toBe(true)
  })

  it('sortDiagnostics() orders by file, then position', () => {
    const mk = (file: string, start: number, end = start) =>
      error('story/unknown-key', `${file}${start}-${end}`, file, { start, end })
    const sorted = sortDiagnostics([mk('b', 1), mk('a', 9), mk('a', 2, 5), mk('a', 2, 3)])
    expect(sorted.map((x) => x.message)).toEqual(['a2-3', 'a2-5', 'a9-9', 'b1-1'])
  })
})
