import { describe, expect, it } from 'vitest'
import { parseSeedText } from './seed-text.ts'

describe('the Seed field', () => {
  it('reads integers as the CLI does, and empty as the story seed', () => {
    expect(parseSeedText('')).toEqual({ kind: 'story' })
    expect(parseSeedText('  ')).toEqual({ kind: 'story' })
    expect(parseSeedText('42')).toEqual({ kind: 'seed', seed: 42 })
    expect(parseSeedText(' -7 ')).toEqual({ kind: 'seed', seed: -7 })
    expect(parseSeedText('-0')).toEqual({ kind: 'seed', seed: 0 })
    expect(parseSeedText(String(Number.MAX_SAFE_INTEGER))).toEqual({
      kind: 'seed',
      seed: Number.MAX_SAFE_INTEGER,
    })
  })

  it('refuses fractions, exponents, junk and unsafe integers with a reason', () => {
    for (const text of ['1.5', '1e20', '12abc', '0x10', '1_000', 'Infinity']) {
      expect(parseSeedText(text), text).toMatchObject({
        kind: 'invalid',
        message: expect.stringContaining('whole number'),
      })
    }
    expect(parseSeedText('100000000000000000000')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('between'),
    })
    expect(parseSeedText(String(Number.MAX_SAFE_INTEGER + 1))).toMatchObject({ kind: 'invalid' })
  })
})
