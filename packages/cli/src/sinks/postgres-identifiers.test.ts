import { describe, expect, it } from 'vitest'
import { copyText, pgName, qualifiedTable, quoteIdent } from './postgres-identifiers.ts'

describe('postgres identifiers', () => {
  it('quotes any name, doubling inner quotes', () => {
    expect(quoteIdent('"; drop table x; --')).toBe('"""; drop table x; --"')
    expect(quoteIdent('__proto__')).toBe('"__proto__"')
    expect(qualifiedTable('raw "data"', 'user.signup')).toBe('"raw ""data"""."user.signup"')
  })

  it('replaces NUL and names the empty name', () => {
    expect(pgName('a\0b')).toBe('a_b')
    expect(pgName('')).toBe('_')
  })

  it('cuts names over 63 bytes on a character boundary and tags them with a hash', () => {
    const long = `${'é'.repeat(40)}x`
    const a = pgName(long)
    const b = pgName(`${'é'.repeat(40)}y`)
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63)
    expect(a).toMatch(/^é+_[0-9a-f]{8}$/)
    expect(a).not.toBe(b)
    expect(pgName('x'.repeat(63))).toBe('x'.repeat(63))
  })

  it('escapes what COPY text format gives meaning to', () => {
    expect(copyText('plain')).toBe('plain')
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
  })
})
