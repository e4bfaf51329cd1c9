import { describe, expect, it } from 'vitest'
import { linkAroundDeflate, linkAroundPayload } from './craft-link.test-util.ts'
import { decodeShareLink } from './decode-share-link.ts'
import { deflateBombOfZeros } from './deflate-bomb.test-util.ts'
import { encodeShareLink, SHARE_LINK_PREFIX } from './encode-share-link.ts'
import { MAX_SHARE_LINK_LENGTH, MAX_SHARE_PAYLOAD_BYTES, MAX_SHARE_TEXT_LENGTH } from './share-limits.ts'

const STORY = 'name: demo\nseed: 3\nevents:\n  - source: stripe\n    event: charge.succeeded\n    repeat: 3\n'

const codeOf = (input: string) => {
  const r = decodeShareLink(input)
  return r.ok ? 'ok' : r.error.code
}

describe('encodeShareLink', () => {
  it('makes just the fragment when no base is given', () => {
    const link = encodeShareLink({ text: STORY })
    expect(link.startsWith(SHARE_LINK_PREFIX)).toBe(true)
    expect(link).toMatch(/^#s=v1\.[A-Za-z0-9_-]+$/)
  })

  it('appends the fragment to a base URL, replacing a fragment it already has', () => {
    const frag = encodeShareLink({ text: STORY, seed: 7 })
    expect(encodeShareLink({ text: STORY, seed: 7 }, 'https://x.example/studio/')).toBe(
      `https://x.example/studio/${frag}`,
    )
    expect(encodeShareLink({ text: STORY, seed: 7 }, 'https://x.example/studio/?a=1#s=v1.old')).toBe(
      `https://x.example/studio/?a=1${frag}`,
    )
  })

  it('compresses: a repetitive story makes a link far shorter than its text', () => {
    const text = STORY.repeat(200)
    expect(encodeShareLink({ text }).length).toBeLessThan(text.length / 20)
  })

  it('is deterministic', () => {
    expect(encodeShareLink({ text: STORY, seed: 1, name: 'n' })).toBe(
      encodeShareLink({ text: STORY, seed: 1, name: 'n' }),
    )
  })

  it('refuses what no link may carry', () => {
    expect(() => encodeShareLink({ text: 'a'.repeat(MAX_SHARE_TEXT_LENGTH + 1) })).toThrow(RangeError)
    expect(() => encodeShareLink({ text: STORY, seed: 1.5 })).toThrow(/safe integer/)
    expect(() => encodeShareLink({ text: STORY, seed: Number.NaN })).toThrow(RangeError)
    expect(() => encodeShareLink({ text: STORY, seed: 2 ** 53 })).toThrow(RangeError)
    expect(() => encodeShareLink({ text: 42 as unknown as string })).toThrow(TypeError)
    expect(() => encodeShareLink({ text: STORY, name: 1 as unknown as string })).toThrow(TypeError)
    // Within the character limit, but JSON escapes each control character as 6 bytes.
    expect(() => encodeShareLink({ text: '\u0001'.repeat(MAX_SHARE_TEXT_LENGTH) })).toThrow(/link payload/)
  })

  it('refuses a story whose link would exceed the decoder cap instead of making a link that cannot open', () => {
    // Incompressible text under the size limit: pseudo-random CJK characters (~14 bits each). A
    // 40,000-character block repeats, but 120 KB apart: beyond DEFLATE's 32 KB reach.
    let x = 7
    const chars: string[] = []
    for (let i = 0; i < 40_000; i++) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0
      chars.push(String.fromCharCode(0x4e00 + ((x >>> 8) % 20_992)))
    }
    const text = chars.join('').repeat(30)
    expect(text.length).toBeLessThanOrEqual(MAX_SHARE_TEXT_LENGTH)
    expect(() => encodeShareLink({ text })).toThrow(/share the .yaml file instead/)
  })

  it('accepts the largest story text', () => {
    const text = 'x'.repeat(MAX_SHARE_TEXT_LENGTH)
    const r = decodeShareLink(encodeShareLink({ text }))
    expect(r.ok && r.payload.text === text).toBe(true)
  })
})

describe('decodeShareLink', () => {
  const link = encodeShareLink({ text: STORY, seed: 42, name: 'demo' })
  const data = link.slice('#s='.length)
  const payload = { text: STORY, seed: 42, name: 'demo' }

  it.each([
    ['a fragment', link],
    ['a full URL', `https://x.example/studio/${link}`],
    ['a URL with a query and other fragment parameters', `https://x.example/?q=1#a=b&s=${data}&c`],
    ['`s=...` without `#`', `s=${data}`],
    ['the bare value', data],
    ['surrounding whitespace (as pasted)', `  ${link}\n`],
  ])('opens %s', (_, input) => {
    expect(decodeShareLink(input)).toEqual({ ok: true, payload })
  })

  it('returns only the fields the link has', () => {
    expect(decodeShareLink(encodeShareLink({ text: '' }))).toEqual({ ok: true, payload: { text: '' } })
    expect(decodeShareLink(encodeShareLink({ text: 'a', seed: 0 }))).toEqual({
      ok: true,
      payload: { text: 'a', seed: 0 },
    })
  })

  it.each([
    ['', 'share/not-a-link'],
    ['https://x.example/studio/', 'share/not-a-link'],
    ['https://x.example/studio/#t=abc', 'share/not-a-link'],
    ['https://x.example/?s=v1.abc', 'share/not-a-link'],
    ['name: demo\nevents: []', 'share/not-a-link'],
    ['#s=', 'share/truncated'],
    ['#s=v', 'share/truncated'],
    ['#s=v1', 'share/truncated'],
    ['#s=v1.', 'share/truncated'],
    ['#s=v1.AAAA', 'share/truncated'],
    ['#s=v2.AAAA', 'share/unknown-version'],
    ['#s=v10.AAAA', 'share/unknown-version'],
    ['#s=v0.AAAA', 'share/unknown-version'],
    ['#s=hello', 'share/corrupt'],
    ['#s=V1.AAAA', 'share/corrupt'],
    ['#s=v1.AAAA+AAA', 'share/corrupt'],
    ['#s=v1.AAAA%20', 'share/corrupt'],
  ])('%j -> %s', (input, code) => {
    expect(codeOf(input)).toBe(code)
  })

  it('never throws on a value that is not a string', () => {
    for (const v of [undefined, null, 42, {}, []]) {
      expect(decodeShareLink(v as unknown as string)).toMatchObject({
        ok: false,
        error: { code: 'share/not-a-link' },
      })
    }
  })

  it('names an unknown version and says what to do', () => {
    const r = decodeShareLink(link.replace('v1.', 'v2.'))
    expect(r.ok ? '' : r.error.message).toMatch(/format v2.*reads v1.*Update/)
  })

  it('reports a cut link as truncated, with how much is there', () => {
    const r = decodeShareLink(link.slice(0, -8))
    expect(r).toMatchObject({ ok: false, error: { code: 'share/truncated' } })
    expect(r.ok ? '' : r.error.message).toMatch(/cut short: it holds \d+ of its \d+ bytes/)
  })

  it('reports appended data, a changed character and a foreign character as corrupt', () => {
    expect(codeOf(link + 'AAAA')).toBe('share/corrupt')
    const mid = link.length >> 1
    const flipped = link.slice(0, mid) + (link[mid] === 'A' ? 'B' : 'A') + link.slice(mid + 1)
    const r = decodeShareLink(flipped)
    expect(r).toMatchObject({ ok: false, error: { code: 'share/corrupt' } })
    expect(r.ok ? '' : r.error.message).toMatch(/checksum/)
    expect(decodeShareLink(link.slice(0, mid) + '!' + link.slice(mid + 1))).toMatchObject({
      ok: false,
      error: { code: 'share/corrupt', message: expect.stringMatching(/"!" at position \d+/) },
    })
  })

  it('refuses an input over the length cap before looking at it', () => {
    expect(codeOf('#s=v1.' + 'A'.repeat(MAX_SHARE_LINK_LENGTH))).toBe('share/too-large')
  })

  it('stops a 100 MB decompression bomb (correctly framed) with share/too-large', () => {
    const bomb = linkAroundDeflate(deflateBombOfZeros(100 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(MAX_SHARE_LINK_LENGTH)
    const r = decodeShareLink(bomb)
    expect(r).toMatchObject({ ok: false, error: { code: 'share/too-large' } })
    expect(r.ok ? '' : r.error.message).toContain(String(MAX_SHARE_PAYLOAD_BYTES))
  })

  it('refuses a payload whose story text is over the size limit', () => {
    const json = JSON.stringify({ text: 'a'.repeat(MAX_SHARE_TEXT_LENGTH + 1) })
    expect(codeOf(linkAroundPayload(json))).toBe('share/too-large')
  })

  it.each([
    ['not DEFLATE', linkAroundDeflate(new Uint8Array([0xff, 0xff, 0xff, 0xff]))],
    ['no compressed data', linkAroundDeflate(new Uint8Array(0))],
    ['not JSON', linkAroundPayload('name: demo')],
    ['invalid UTF-8', linkAroundPayload(new Uint8Array([0x7b, 0xff, 0x7d]))],
    ['a byte-order mark', linkAroundPayload('\ufeff{"text":"a"}')],
    ['a JSON array', linkAroundPayload('["a"]')],
    ['JSON null', linkAroundPayload('null')],
    ['a JSON string', linkAroundPayload('"text"')],
    ['no text', linkAroundPayload('{"seed":1}')],
    ['text that is not a string', linkAroundPayload('{"text":["a"]}')],
    ['a fractional seed', linkAroundPayload('{"text":"a","seed":1.5}')],
    ['a seed string', linkAroundPayload('{"text":"a","seed":"1"}')],
    ['an unsafe seed', linkAroundPayload('{"text":"a","seed":1e300}')],
    ['a null seed', linkAroundPayload('{"text":"a","seed":null}')],
    ['a name that is not a string', linkAroundPayload('{"text":"a","name":{}}')],
  ])('reports a well-framed payload with %s as corrupt', (_, input) => {
    expect(codeOf(input)).toBe('share/corrupt')
  })

  it('ignores unknown keys and carries nothing else over (not even `__proto__`)', () => {
    const r = decodeShareLink(
      linkAroundPayload('{"text":"a","future":1,"__proto__":{"polluted":true},"constructor":{"x":1}}'),
    )
    expect(r).toEqual({ ok: true, payload: { text: 'a' } })
    expect(r.ok && Object.keys(r.payload)).toEqual(['text'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('returns story text as plain data: an expression-looking or script-looking text is not run', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the story text is meant to look like an interpolation
    const text = 'data:\n  x: "${globalThis.process.exit(1)}"\n  y: <script>alert(1)</script>\n'
    expect(decodeShareLink(encodeShareLink({ text }))).toEqual({ ok: true, payload: { text } })
  })
})
