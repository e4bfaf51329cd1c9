import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeShareLink } from './decode-share-link.ts'
import { encodeShareLink } from './encode-share-link.ts'
import type { ShareErrorCode, SharePayload } from './share-link-types.ts'

const CODES: ShareErrorCode[] = [
  'share/not-a-link',
  'share/unknown-version',
  'share/corrupt',
  'share/truncated',
  'share/too-large',
]

/** Decodes and checks the failure is well formed (a known code, a message); returns the code. */
function failureCode(input: string): string {
  const r = decodeShareLink(input)
  if (r.ok) return 'ok'
  expect(CODES).toContain(r.error.code)
  expect(r.error.message.length).toBeGreaterThan(10)
  return r.error.code
}

// Any UTF-16 code units, lone surrogates included: a JS string is what the studio hands over.
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((units) => String.fromCharCode(...units))
const storyish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\r\n',
        '\n',
        '\r',
        '\t',
        '\u0000',
        '\ufeff',
        '\u2028',
        '"',
        '\\',
        '$' + '{x}',
        'events:\n  - ',
      ),
      fc.constantFrom('😀', '👩‍💻', '🇫🇷', 'é', 'e\u0301', '中文', '\ud83d', '\udc00'),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''))
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme' }),
  codeUnits,
  storyish,
)
const payload: fc.Arbitrary<SharePayload> = fc
  .record(
    { text, seed: fc.maxSafeInteger(), name: fc.string({ unit: 'binary', maxLength: 40 }) },
    { requiredKeys: ['text'] },
  )
  .map((p) => p as SharePayload)

const REAL = encodeShareLink(
  {
    text: 'name: demo\nevents:\n  - source: stripe\n    event: charge.succeeded\n    repeat: 3\n',
    seed: 9,
    name: 'd',
  },
  'https://x.example/studio/',
)

describe('share links: round trip', () => {
  it('any text, seed and name -> link -> the same payload, byte for byte', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom('', 'https://x.example/studio/?a=1#old'), (p, base) => {
        const link = encodeShareLink(p, base)
        expect(link).toMatch(/#s=v1\.[A-Za-z0-9_-]+$/)
        const r = decodeShareLink(link)
        expect(r).toEqual({ ok: true, payload: p })
        // toEqual compares strings exactly; say it outright for the text.
        expect(r.ok && r.payload.text === p.text).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips 100k-character texts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', minLength: 100_000, maxLength: 100_000 }),
          fc.string({
            unit: fc.constantFrom('a', 'b', ' ', '\r\n', '😀', '\ud800'),
            minLength: 100_000,
            maxLength: 100_000,
          }),
        ),
        fc.maxSafeInteger(),
        (t, seed) => {
          const r = decodeShareLink(encodeShareLink({ text: t, seed }))
          expect(r.ok && r.payload.text === t && r.payload.seed === seed).toBe(true)
        },
      ),
      { numRuns: 6 },
    )
  })

  it('writes the seed -0 as 0', () => {
    expect(decodeShareLink(encodeShareLink({ text: 'a', seed: -0 }))).toEqual({
      ok: true,
      payload: { text: 'a', seed: 0 },
    })
  })
})

describe('share links: garbled input fails cleanly, never throws', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const code = failureCode(s)
        // Random text has no correct length and CRC-32: it never opens.
        expect(code).not.toBe('ok')
      }),
      { numRuns: 1000 },
    )
  })

  it('random base64url data behind a valid prefix', () => {
    const b64 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 400,
    })
    fc.assert(
      fc.property(b64, (data) => {
        expect(['share/truncated', 'share/corrupt']).toContain(failureCode(`#s=v1.${data}`))
      }),
      { numRuns: 1000 },
    )
  })

  it('a real link cut at every position', () => {
    for (let i = 0; i < REAL.length; i++) {
      const code = failureCode(REAL.slice(0, i))
      const cutAt = i - REAL.indexOf('#')
      // In the base URL or before `s=` there is no link yet; after it, the link is cut short.
      const expected = cutAt < 3 ? 'share/not-a-link' : 'share/truncated'
      expect(`${i}: ${code}`).toBe(`${i}: ${expected}`)
    }
  })

  it('a real link with any one character changed to any other', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#&%+/ '
    const start = REAL.indexOf('#')
    for (let i = start; i < REAL.length; i++) {
      for (const c of alphabet) {
        if (c === REAL[i]) continue
        const changed = REAL.slice(0, i) + c + REAL.slice(i + 1)
        expect(`${i}${c}: ${failureCode(changed)}`).not.toBe(`${i}${c}: ok`)
      }
    }
  })

  it('a real link with characters swapped, deleted, inserted or any unicode put in', () => {
    const start = REAL.indexOf('#s=v1.') + 3
    const at = fc.integer({ min: start, max: REAL.length - 1 })
    fc.assert(
      fc.property(at, at, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), (i, j, ins) => {
        const [a, b] = i < j ? [i, j] : [j, i]
        const swapped = REAL.slice(0, a) + REAL[b] + REAL.slice(a + 1, b) + REAL[a] + REAL.slice(b + 1)
        if (swapped !== REAL) expect(failureCode(swapped)).not.toBe('ok')
        expect(failureCode(REAL.slice(0, a) + REAL.slice(a + 1))).not.toBe('ok')
        expect(failureCode(REAL.slice(0, a) + ins + REAL.slice(a))).not.toBe('ok')
        const replaced = REAL.slice(0, a) + ins + REAL.slice(a + ins.length)
        if (replaced !== REAL) expect(failureCode(replaced)).not.toBe('ok')
      }),
      { numRuns: 2000 },
    )
  })
})
