import { describe, expect, it } from 'vitest'
import { escapeForTerminal } from './terminal-text.ts'

describe('escapeForTerminal', () => {
  it('makes escape sequences, BEL, CR and C1 controls visible', () => {
    expect(escapeForTerminal('a\x1b[2Jb\x07c\rd\x9be')).toBe('a\\u001b[2Jb\\u0007c\\u000dd\\u009be')
    expect(escapeForTerminal('\x00\x7f')).toBe('\\u0000\\u007f')
  })

  it('escapes bidi overrides, isolates and line separators', () => {
    expect(escapeForTerminal('x\u202eevil\u202cy\u2066z\u2069\u2028')).toBe(
      'x\\u202eevil\\u202cy\\u2066z\\u2069\\u2028',
    )
  })

  it('keeps tabs, newlines and ordinary Unicode', () => {
    expect(escapeForTerminal('a\tb\nc é 日本 🎉')).toBe('a\tb\nc é 日本 🎉')
  })
})
