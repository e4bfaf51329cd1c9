import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Span } from '../diagnostics/span.ts'
import { type LoadResult, loadStory } from './load-story.ts'
import type { DataNode } from './types.ts'

const advanced = readFileSync(new URL('../../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')

const inside = (span: Span, text: string) =>
  span.start >= 0 && span.start <= span.end && span.end <= text.length

/** Every span the result holds for the main file, checked against its text. */
function checkSpans(text: string, result: LoadResult): void {
  expect(result.diagnostics.map((d) => d.code)).not.toContain('internal/error')
  for (const d of result.diagnostics) {
    if (d.file === 'story.yaml')
      expect(inside(d.span, text), `${d.code} ${JSON.stringify(d.span)}`).toBe(true)
  }
  const visit = (n: DataNode) => {
    expect(inside(n.span, text)).toBe(true)
    if (n.kind === 'map') for (const e of n.entries) visit(e.value)
    if (n.kind === 'list') for (const item of n.items) visit(item)
    if (n.kind === 'string') {
      const s = n.value
      expect(inside(s.span, text)).toBe(true)
      for (const i of [0, s.text.length]) {
        const o = s.toFile(i)
        expect(o >= 0 && o <= text.length).toBe(true)
      }
    }
  }
  for (const e of (result.story ?? result.partial)?.events ?? []) {
    expect(inside(e.span, text)).toBe(true)
    visit(e.data)
  }
  for (const s of result.fragment ?? []) expect(inside(s.span, text)).toBe(true)
}

// Pieces of YAML and of the seed dialect, glued at random: most results are broken in interesting ways.
const fragment = fc.constantFrom(
  'org_id: a',
  'start_date: 2025-01-01',
  'end_date: 2024-01-01',
  'events:',
  'data:',
  'include: [x.yaml]',
  'templates:',
  'use: t',
  'source: s',
  'event: e',
  'repeat: 0',
  'frequency: daily',
  'after: e',
  '- ',
  '  ',
  '    ',
  '\t',
  ':',
  ': ',
  'key',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  "'",
  '"',
  '#',
  '|',
  '>',
  '&a ',
  '*a',
  '!!str ',
  '<<: *a',
  '---',
  '...',
  '? ',
  'f(',
  'switch(plan, {',
  "weighted({'a': 0.5})",
  '__proto__: 1',
  '\n',
  '\r\n',
  '\r',
  '😀',
  '\u0000',
)

const yamlish = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''))

describe('the loader never crashes', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        checkSpans(text, loadStory(text, { resolveInclude: () => undefined }))
      }),
      { numRuns: 400 },
    )
  })

  it('on arbitrary YAML-ish text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        checkSpans(text, loadStory(text, { resolveInclude: (p) => ({ file: p, text }) }))
      }),
      { numRuns: 1500 },
    )
  })

  it('on the seed story with random edits', () => {
    const edit = fc.tuple(
      fc.nat(advanced.length),
      fc.nat(12),
      fc.oneof(fc.constant(''), fragment, fc.string({ maxLength: 4 })),
    )
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = advanced
        for (const [at, del, ins] of edits) {
          const p = Math.min(at, text.length)
          text = text.slice(0, p) + ins + text.slice(p + del)
        }
        checkSpans(text, loadStory(text))
      }),
      { numRuns: 800 },
    )
  })
})
