import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from './base64url.ts'

const ascii = (s: string) => new TextEncoder().encode(s)

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes the RFC 4648 vector %j as %j (no padding)', (text, encoded) => {
    expect(toBase64Url(ascii(text))).toBe(encoded)
    const back = fromBase64Url(encoded)
    expect(back.ok && new TextDecoder().decode(back.bytes)).toBe(text)
  })

  it('uses - and _ instead of + and /', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_')
    expect(fromBase64Url('-_-_')).toEqual({ ok: true, bytes: new Uint8Array([0xfb, 0xff, 0xbf]) })
  })

  it('encodes long inputs across its internal slices', () => {
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7919) & 255)
    const back = fromBase64Url(toBase64Url(data))
    expect(back.ok && back.bytes).toEqual(data)
  })

  it('rejects characters outside the alphabet, with their position', () => {
    expect(fromBase64Url('Zm9v+g')).toEqual({ ok: false, reason: 'alphabet', at: 4, char: '+' })
    expect(fromBase64Url('Zm9vYg==')).toMatchObject({ ok: false, reason: 'alphabet', at: 6 })
    expect(fromBase64Url('Zm9v\u00e9')).toMatchObject({ ok: false, reason: 'alphabet', char: '\u00e9' })
    expect(fromBase64Url('Zm 9v')).toMatchObject({ ok: false, reason: 'alphabet', at: 2 })
  })

  it('rejects a length that cannot hold whole bytes', () => {
    expect(fromBase64Url('Z')).toEqual({ ok: false, reason: 'length' })
    expect(fromBase64Url('Zm9vY')).toEqual({ ok: false, reason: 'length' })
  })

  it('rejects non-zero unused bits in the last character (one spelling per byte string)', () => {
    expect(fromBase64Url('Zh')).toEqual({ ok: false, reason: 'non-canonical', bytes: ascii('f') })
    expect(fromBase64Url('Zm9')).toEqual({ ok: false, reason: 'non-canonical', bytes: ascii('fo') })
  })

  it('round-trips any bytes, and accepts only the spelling it produces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const text = toBase64Url(data)
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
        const back = fromBase64Url(text)
        expect(back.ok && back.bytes).toEqual(data)
      }),
    )
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
          maxLength: 40,
        }),
        (text) => {
          const back = fromBase64Url(text)
          if (back.ok) expect(toBase64Url(back.bytes)).toBe(text)
        },
      ),
    )
  })
})
