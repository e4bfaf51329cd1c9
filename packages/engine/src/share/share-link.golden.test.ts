import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeShareLink } from './decode-share-link.ts'
import { encodeShareLink } from './encode-share-link.ts'

interface GoldenLink {
  note: string
  link: string
  text: string
  seed?: number
  name?: string
}

// Read with JSON.parse (not a JSON import): one entry holds a lone surrogate, which is valid JSON.
const links: GoldenLink[] = JSON.parse(
  readFileSync(new URL('./__golden__/links.json', import.meta.url), 'utf8'),
)

// Links made when format v1 shipped. They must open, unchanged, forever: never edit an entry; when
// the format changes, add a version and keep these passing.
describe('golden share links', () => {
  it('holds the committed links', () => {
    expect(links.length).toBeGreaterThanOrEqual(5)
  })

  it.each(links.map((g) => [g.note, g] as const))('opens: %s', (_, g) => {
    const expected: Record<string, unknown> = { text: g.text }
    if ('seed' in g) expected.seed = g.seed
    if ('name' in g) expected.name = g.name
    expect(decodeShareLink(g.link)).toEqual({ ok: true, payload: expected })
  })

  it.each(links.map((g) => [g.note, g] as const))(
    'survives a fresh encode of the same payload: %s',
    (_, g) => {
      // The encoder may compress differently some day; what it makes must still open to the same payload.
      const fresh = encodeShareLink({
        text: g.text,
        seed: 'seed' in g ? g.seed : undefined,
        name: 'name' in g ? g.name : undefined,
      })
      expect(decodeShareLink(fresh)).toEqual(decodeShareLink(g.link))
    },
  )
})
