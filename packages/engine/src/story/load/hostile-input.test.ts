import { describe, expect, it } from 'vitest'
import { MAX_DIAGNOSTICS } from '../../diagnostics/cap-diagnostics.ts'
import type { Diagnostic } from '../../diagnostics/diagnostic.ts'
import { MAX_MESSAGE_LENGTH } from '../../diagnostics/user-text.ts'
import {
  MAX_FUNNEL_DEPTH,
  MAX_INCLUDED_BYTES,
  MAX_INCLUDED_FILES,
  MAX_STORY_BYTES,
  MAX_TEMPLATE_DEPTH,
} from '../limits.ts'
import type { IncludeResolver } from './load-options.ts'
import { loadStory } from './load-story.ts'

// Hang guard only (no timing asserts): every case must finish, on a slow machine too.
const HANG_GUARD_MS = 120_000

const HEAD = 'org_id: acme\nstart_date: 2025-01-01\n'

/** A funnel of `n` steps: e0 <- e1 <- ... (each `after` the one before). */
function funnel(n: number): string {
  const lines = [HEAD, 'events:', '  - {source: a, event: e0}']
  for (let i = 1; i < n; i++) lines.push(`  - {source: a, event: e${i}, after: e${i - 1}}`)
  return lines.join('\n')
}

interface Case {
  name: string
  text: () => string
  resolver?: IncludeResolver
  code: string
  /** The text the first diagnostic with `code` must cover exactly. */
  at: (text: string) => { start: number; end: number }
  /** Further checks of the whole result. */
  more?: (diagnostics: Diagnostic[]) => void
}

const after = (id: string) => (text: string) => {
  const start = text.indexOf(`after: ${id}}`) + 'after: '.length
  return { start, end: start + id.length }
}

const CASES: Case[] = [
  {
    name: '20,000 chained funnel steps',
    text: () => funnel(20_000),
    code: 'limit/funnel-depth',
    at: after(`e${MAX_FUNNEL_DEPTH}`),
    more: (ds) => expect(ds.filter((d) => d.code === 'limit/funnel-depth')).toHaveLength(1),
  },
  {
    name: `a funnel exactly ${MAX_FUNNEL_DEPTH} deep is fine`,
    text: () => funnel(MAX_FUNNEL_DEPTH + 1),
    code: '',
    at: () => ({ start: 0, end: 0 }),
  },
  {
    name: 'a 10,000-step `after` loop',
    text: () => funnel(10_000).replace('{source: a, event: e0}', '{source: a, event: e0, after: e9999}'),
    code: 'story/after-cycle',
    at: after('e9999'),
    more: (ds) => {
      expect(ds).toHaveLength(MAX_DIAGNOSTICS + 1)
      expect(ds.at(-1)?.code).toBe('limit/diagnostics')
      expect(ds.at(-1)?.message).toMatch(/^9800 more problems were left out/)
    },
  },
  {
    name: '5,000 unknown keys',
    text: () =>
      `${HEAD}events:\n  - source: a\n    event: b\n${Array.from({ length: 5000 }, (_, i) => `    k${i}: 1`).join('\n')}`,
    code: 'story/unknown-key',
    at: (t) => ({ start: t.indexOf('k0:'), end: t.indexOf('k0:') + 2 }),
    more: (ds) => {
      expect(ds).toHaveLength(MAX_DIAGNOSTICS + 1)
      expect(ds.at(-1)).toMatchObject({ code: 'limit/diagnostics', severity: 'warning' })
      expect(ds.at(-1)?.message).toMatch(/^4800 more problems were left out/)
    },
  },
  {
    name: 'a 60 KB unknown `after` id is quoted short',
    text: () => `${HEAD}events:\n  - source: a\n    event: b\n    after: ${'k'.repeat(60_000)}\n`,
    code: 'story/unknown-after',
    at: (t) => ({ start: t.indexOf('kkk'), end: t.indexOf('kkk') + 60_000 }),
    more: (ds) => {
      expect(ds[0].message.length).toBeLessThan(300)
      expect(ds[0].message).toContain('…')
      expect(JSON.stringify(ds).length).toBeLessThan(5_000)
    },
  },
  {
    name: `templates built on each other ${MAX_TEMPLATE_DEPTH + 20} deep`,
    text: () => {
      const lines = [HEAD, 'templates:', '  t0: {source: a}']
      for (let i = 1; i < MAX_TEMPLATE_DEPTH + 20; i++) lines.push(`  t${i}: {use: t${i - 1}}`)
      lines.push('events:', `  - {use: t${MAX_TEMPLATE_DEPTH + 19}, event: b}`)
      return lines.join('\n')
    },
    code: 'limit/depth',
    at: (t) => {
      const name = `t${MAX_TEMPLATE_DEPTH + 19 - MAX_TEMPLATE_DEPTH}`
      const start = t.indexOf(`{use: ${name}}`) + '{use: '.length
      return { start, end: start + name.length }
    },
  },
  {
    name: `${MAX_INCLUDED_FILES + 1} included files`,
    text: () =>
      `${HEAD}include: [${Array.from({ length: MAX_INCLUDED_FILES + 1 }, (_, i) => `f${i}.yaml`).join(', ')}]\nevents: []\n`,
    resolver: (path) => ({
      file: path,
      text: `events:\n  - {source: a, event: ${path.replace('.yaml', '')}}\n`,
    }),
    code: 'limit/include-file',
    at: (t) => ({
      start: t.indexOf(`f${MAX_INCLUDED_FILES}.yaml`),
      end: t.indexOf(`f${MAX_INCLUDED_FILES}.yaml`) + `f${MAX_INCLUDED_FILES}.yaml`.length,
    }),
  },
  {
    name: 'included files over the byte budget',
    text: () => `${HEAD}include: [a.yaml, b.yaml, c.yaml]\nevents: []\n`,
    resolver: (path) => ({
      file: path,
      text: `# ${'x'.repeat(Math.floor(MAX_INCLUDED_BYTES / 2.5))}\nevents:\n  - {source: a, event: ${path[0]}}\n`,
    }),
    code: 'limit/include-file',
    at: (t) => ({ start: t.indexOf('c.yaml'), end: t.indexOf('c.yaml') + 6 }),
  },
  {
    name: 'a resolver refusal',
    text: () => `${HEAD}include: [pipe.yaml]\nevents: []\n`,
    resolver: () => ({ refused: 'it is a named pipe (FIFO), not a regular file' }),
    code: 'limit/include-file',
    at: (t) => ({ start: t.indexOf('pipe.yaml'), end: t.indexOf('pipe.yaml') + 9 }),
    more: (ds) =>
      expect(ds[0].message).toBe('Cannot include `pipe.yaml`: it is a named pipe (FIFO), not a regular file'),
  },
  {
    name: 'a map of 60,000 keys with one duplicate at the end',
    text: () =>
      `${HEAD}events:\n  - source: a\n    event: b\n    data:\n${Array.from({ length: 60_000 }, (_, i) => `      f${i}: 1`).join('\n')}\n      f7: 2\n`,
    code: 'yaml/duplicate-key',
    at: (t) => ({ start: t.lastIndexOf('f7:'), end: t.lastIndexOf('f7:') + 2 }),
  },
  {
    name: '10,000 lines of YAML garbage (one error per token)',
    text: () => Array.from({ length: 10_000 }, (_, i) => `- ] k${i}: {`).join('\n'),
    code: 'yaml/syntax',
    at: () => ({ start: 2, end: 3 }),
    more: (ds) => expect(ds).toHaveLength(1),
  },
  {
    name: '20,000 tab-indented lines',
    text: () => `${HEAD}events:\n${Array.from({ length: 20_000 }, (_, i) => `\tk${i}: 1`).join('\n')}`,
    code: 'yaml/syntax',
    at: (t) => ({ start: t.indexOf('\t'), end: t.indexOf('\t') + 1 }),
    more: (ds) => expect(ds.at(-1)?.code).toBe('limit/diagnostics'),
  },
  {
    name: 'a file over the size limit',
    text: () => `${HEAD}# ${'x'.repeat(MAX_STORY_BYTES)}\n`,
    code: 'limit/file-size',
    at: () => ({ start: 0, end: 0 }),
  },
]

describe('hostile stories: one clear diagnostic at the right span, in bounded time', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const text = c.text()
      const { diagnostics } = loadStory(text, { resolveInclude: c.resolver })
      if (c.code === '') {
        expect(diagnostics).toEqual([])
        return
      }
      const d = diagnostics.find((x) => x.code === c.code)
      expect(d, JSON.stringify(diagnostics.slice(0, 3))).toBeDefined()
      expect(d!.span).toEqual(c.at(text))
      for (const x of diagnostics) {
        expect(x.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
        expect((x.hint ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
      }
      expect(diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1)
      c.more?.(diagnostics)
    },
    HANG_GUARD_MS,
  )
})
