import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { LineIndex } from '../diagnostics/line-index.ts'
import { type IncludeResolver, type LoadResult, loadStory, MAX_STORY_BYTES } from './load-story.ts'
import type { DataNode, EventDef } from './types.ts'

const story = (name: string) => readFileSync(new URL(`../../../../stories/${name}`, import.meta.url), 'utf8')

/** `line:column` of a diagnostic's start. */
function at(text: string, d: Diagnostic): string {
  const p = new LineIndex(text).position(d.span.start)
  return `${p.line}:${p.column}`
}

/** Each diagnostic as `code@line:column`, in order. */
function found(text: string, result: LoadResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${at(text, d)}`)
}

/** A data value by key, from a loaded event. */
function field(def: EventDef, key: string): DataNode {
  const entry = def.data.entries.find((e) => e.key === key)
  if (!entry) throw new Error(`no field ${key}`)
  return entry.value
}

const lines = (...l: string[]) => `${l.join('\n')}\n`

describe('the seed examples in stories/', () => {
  it('seed-advanced.yaml loads with zero diagnostics', () => {
    const text = story('seed-advanced.yaml')
    const result = loadStory(text, { file: 'seed-advanced.yaml' })
    expect(result.diagnostics).toEqual([])
    expect(result.story?.orgId).toBe('example_org')
    expect(result.story?.events.map((e) => e.id)).toEqual(['user.signup', 'subscription.created'])
    // `repeat: 30` with no frequency repeats daily (pairs the 30 signups with 30 subscriptions).
    expect(result.story?.events.map((e) => [e.repeat, e.frequency])).toEqual([
      [30, 'daily'],
      [30, 'daily'],
    ])
  })

  it('keeps the weighted(...) and multi-line switch(...) values as written, with exact spans', () => {
    const text = story('seed-advanced.yaml')
    const [signup, subscription] = loadStory(text).story!.events
    const weighted = field(signup, 'source')
    const amount = field(subscription, 'amount')
    const expected = {
      weighted: "weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})",
      amount: "switch(plan, {\n        'free': 0,\n        'pro': 99,\n        'enterprise': 499\n      })",
    }
    for (const [node, want] of [
      [weighted, expected.weighted],
      [amount, expected.amount],
    ] as const) {
      if (node.kind !== 'string') throw new Error('expected a string')
      const s = node.value
      expect(s.text).toBe(want)
      expect(text.slice(s.span.start, s.span.end)).toBe(want)
      // Every character maps back to itself in the file.
      for (let i = 0; i < s.text.length; i++) expect(text[s.toFile(i)]).toBe(s.text[i])
    }
    expect(new LineIndex(text).position(amount.span.start)).toEqual({ line: 24, column: 15 })
    // The other strings are ordinary YAML and still exact.
    const plan = field(signup, 'plan')
    if (plan.kind !== 'string') throw new Error('expected a string')
    expect(text.slice(plan.value.span.start, plan.value.span.end)).toBe(
      "choice(['free', 'pro', 'enterprise'])",
    )
  })

  it('seed-format.yaml reports its type placeholders on the right lines and does not crash', () => {
    const text = story('seed-format.yaml')
    const result = loadStory(text)
    expect(result.story).toBeUndefined()
    expect(result.diagnostics.every((d) => d.code === 'story/placeholder')).toBe(true)
    expect(found(text, result)).toEqual([
      'story/placeholder@2:9', // org_id: string
      'story/placeholder@3:13', // start_date: date
      'story/placeholder@4:11', // end_date: date
      'story/placeholder@5:11', // timezone: string
      'story/placeholder@9:13', // source: string
      'story/placeholder@10:12', // event: string
      'story/placeholder@11:18', // offset_days: int
      'story/placeholder@12:13', // repeat: int
      'story/placeholder@13:16', // frequency: string
    ])
    // Each span covers exactly the placeholder word.
    for (const d of result.diagnostics)
      expect(['string', 'date', 'int']).toContain(text.slice(d.span.start, d.span.end))
  })

  it('seed-fields.yaml is a data fragment: no error, every field kept as written', () => {
    const text = story('seed-fields.yaml')
    const result = loadStory(text)
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    expect(result.diagnostics.map((d) => d.code)).toEqual(['story/fragment'])
    const texts = result.fragment!.map((s) => s.text)
    expect(texts).toEqual([
      'random(min, max)',
      'gaussian(mean, stddev)',
      'datetime(format)',
      'duration(hours=1)',
      'uuid4()',
      'faker.name()',
      'prev.field_name',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the story language's template syntax.
      'template ${value}',
    ])
    for (const s of result.fragment!.slice(0, 7)) expect(text.slice(s.span.start, s.span.end)).toBe(s.text)
  })
})

// A valid story to break one line at a time: line numbers below refer to it.
const VALID = lines(
  'org_id: acme', // 1
  'start_date: 2025-01-01', // 2
  'end_date: 2025-01-31', // 3
  'timezone: America/New_York', // 4
  'events:', // 5
  '  - id: signup', // 6
  '    source: posthog', // 7
  '    event: user.signup', // 8
  '    repeat: 10', // 9
  '    frequency: daily', // 10
  '    data:', // 11
  '      plan: free', // 12
)

/** VALID with line `n` (1-based) replaced by `replacement` (which may hold several lines, or none). */
function withLine(n: number, replacement: string | null): string {
  const l = VALID.split('\n')
  l.splice(n - 1, 1, ...(replacement === null ? [] : [replacement]))
  return l.join('\n')
}

/** VALID plus more events (written at event indentation). */
function withEvents(...more: string[]): string {
  return VALID + more.join('\n') + '\n'
}

const files: Record<string, string> = {
  'parts.yaml': lines('events:', '  - source: stripe', '    event: charge.created'),
  'self.yaml': lines('include: [self.yaml]'),
}
const resolveInclude: IncludeResolver = (path) =>
  path in files ? { file: path, text: files[path] } : undefined

interface Case {
  name: string
  text: string
  code: string
  at: string
  /** Text the hint (or message) must contain. */
  says?: string
  file?: string
}

const deepBlock = [
  'org_id: a',
  'start_date: 2025-01-01',
  'events:',
  '  - source: s',
  '    event: e',
  '    data:',
]
for (let i = 0; i < 70; i++) deepBlock.push(`${' '.repeat(6 + 2 * i)}k${i}:`)

const bomb = lines(
  'org_id: a',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
)

const cases: Case[] = [
  // Unknown keys, with "did you mean".
  {
    name: 'typo in a story key',
    text: withLine(4, 'timzone: UTC'),
    code: 'story/unknown-key',
    at: '4:1',
    says: '`timezone`',
  },
  {
    name: 'typo in an event key',
    text: withLine(10, '    frequncy: daily'),
    code: 'story/unknown-key',
    at: '10:5',
    says: '`frequency`',
  },
  {
    name: 'unknown key with no close match',
    text: withLine(9, '    colour: red'),
    code: 'story/unknown-key',
    at: '9:5',
    says: 'Known keys',
  },
  // Wrong types.
  { name: 'org_id is a list', text: withLine(1, 'org_id: [a, b]'), code: 'story/wrong-type', at: '1:9' },
  { name: 'seed is not a number', text: withLine(4, 'seed: abc'), code: 'story/wrong-type', at: '4:7' },
  {
    name: 'data is a list',
    text: withLine(11, '    data: [1, 2]').replace('      plan: free\n', ''),
    code: 'story/wrong-type',
    at: '11:11',
  },
  {
    name: 'an event is not a mapping',
    text: withEvents('  - just a string'),
    code: 'story/wrong-type',
    at: '13:5',
  },
  {
    name: 'events is a mapping',
    text: lines('org_id: a', 'start_date: 2025-01-01', 'events:', '  a: 1'),
    code: 'story/wrong-type',
    at: '4:3',
  },
  // repeat must be a positive integer.
  { name: 'repeat 0', text: withLine(9, '    repeat: 0'), code: 'story/invalid-repeat', at: '9:13' },
  { name: 'repeat -1', text: withLine(9, '    repeat: -1'), code: 'story/invalid-repeat', at: '9:13' },
  { name: 'repeat 1.5', text: withLine(9, '    repeat: 1.5'), code: 'story/invalid-repeat', at: '9:13' },
  { name: 'repeat "x"', text: withLine(9, '    repeat: x'), code: 'story/invalid-repeat', at: '9:13' },
  // Frequency, time zone, dates.
  {
    name: 'unknown frequency',
    text: withLine(10, '    frequency: dayly'),
    code: 'story/unknown-frequency',
    at: '10:16',
    says: '`daily`',
  },
  {
    name: 'frequency and every',
    text: withLine(10, '    frequency: daily\n    every: duration(hours=1)'),
    code: 'story/frequency-and-every',
    at: '11:5',
  },
  {
    name: 'invalid IANA time zone',
    text: withLine(4, 'timezone: Mars/Olympus_Mons'),
    code: 'story/invalid-timezone',
    at: '4:11',
  },
  {
    name: 'February 30th',
    text: withLine(2, 'start_date: 2025-02-30'),
    code: 'story/invalid-date',
    at: '2:13',
  },
  { name: 'month 13', text: withLine(2, 'start_date: 2025-13-01'), code: 'story/invalid-date', at: '2:13' },
  {
    name: 'garbage date',
    text: withLine(3, 'end_date: next tuesday'),
    code: 'story/invalid-date',
    at: '3:11',
  },
  {
    name: 'date written as a number',
    text: withLine(2, 'start_date: 20250101'),
    code: 'story/invalid-date',
    at: '2:13',
  },
  {
    name: 'hour 25',
    text: withLine(2, 'start_date: 2025-01-01T25:00'),
    code: 'story/invalid-date',
    at: '2:13',
  },
  {
    name: 'end_date before start_date',
    text: withLine(3, 'end_date: 2024-12-31'),
    code: 'story/end-before-start',
    at: '3:11',
  },
  {
    name: 'probability above 1',
    text: withLine(10, '    probability: 1.5'),
    code: 'story/invalid-probability',
    at: '10:18',
  },
  {
    name: 'unknown faker locale',
    text: withLine(4, 'locale: xx_YY'),
    code: 'story/invalid-locale',
    at: '4:9',
  },
  // Ids and references.
  {
    name: 'duplicate explicit ids',
    text: withEvents('  - id: signup', '    source: s', '    event: e'),
    code: 'story/duplicate-id',
    at: '13:9',
  },
  {
    name: 'duplicate default ids (same event type twice)',
    text: withLine(6, '  -').concat('  - source: posthog\n    event: user.signup\n'),
    code: 'story/duplicate-id',
    at: '14:12',
  },
  {
    name: 'unknown after',
    text: withEvents('  - source: s', '    event: e', '    after: signpu'),
    code: 'story/unknown-after',
    at: '15:12',
    says: '`signup`',
  },
  {
    name: 'after cycle',
    text: withEvents(
      '  - id: a',
      '    source: s',
      '    event: e',
      '    after: b',
      '  - id: b',
      '    source: s',
      '    event: e',
      '    after: a',
    ),
    code: 'story/after-cycle',
    at: '16:12',
  },
  { name: 'after itself', text: withLine(10, '    after: signup'), code: 'story/after-cycle', at: '10:12' },
  // Missing keys and empty events.
  { name: 'missing org_id', text: withLine(1, null), code: 'story/missing-key', at: '1:1', says: '`org_id`' },
  {
    name: 'missing start_date',
    text: withLine(2, null).replace('end_date: 2025-01-31\n', ''),
    code: 'story/missing-key',
    at: '1:1',
    says: '`start_date`',
  },
  {
    name: 'missing events',
    text: lines('org_id: a', 'start_date: 2025-01-01'),
    code: 'story/missing-key',
    at: '1:1',
    says: '`events`',
  },
  { name: 'missing source', text: withLine(7, null), code: 'story/missing-key', at: '6:5', says: '`source`' },
  { name: 'missing event', text: withLine(8, null), code: 'story/missing-key', at: '6:5', says: '`event`' },
  {
    name: 'empty events',
    text: lines('org_id: a', 'start_date: 2025-01-01', 'events: []'),
    code: 'story/empty-events',
    at: '3:9',
  },
  {
    name: 'events with no value',
    text: lines('org_id: a', 'start_date: 2025-01-01', 'events:'),
    code: 'story/empty-events',
    at: '3:8',
  },
  // Templates and includes.
  { name: 'unknown template', text: withLine(7, '    use: bse'), code: 'story/unknown-template', at: '7:10' },
  {
    name: 'template cycle',
    text: withLine(5, 'templates:\n  a: {use: b}\n  b: {use: a}\nevents:').replace(
      '    source: posthog',
      '    use: a',
    ),
    code: 'story/template-cycle',
    at: '7:12',
  },
  {
    name: 'include not found',
    text: `include: [nope.yaml]\n${VALID}`,
    code: 'story/include-missing',
    at: '1:11',
  },
  {
    name: 'include cycle',
    text: `include: [self.yaml]\n${VALID}`,
    code: 'story/include-cycle',
    at: '1:11',
    file: 'self.yaml',
  },
  // YAML itself.
  { name: 'YAML syntax error', text: withLine(1, 'org_id: "acme'), code: 'yaml/syntax', at: '1:9' },
  { name: 'tab indentation', text: withLine(7, '\tsource: posthog'), code: 'yaml/syntax', at: '7:1' },
  {
    name: 'duplicate YAML key',
    text: withLine(9, '    repeat: 10\n    repeat: 11'),
    code: 'yaml/duplicate-key',
    at: '10:5',
  },
  {
    name: 'unclosed seed-dialect call',
    text: `${VALID}      amount: switch(plan, {\n        'free': 0,\n`,
    code: 'yaml/unclosed-call',
    at: '13:15',
  },
  {
    name: 'unquoted call in a flow map that spans lines',
    text: withLine(12, '      nested: {n: random(1,\n        2)}'),
    code: 'yaml/unquoted-call',
    at: '12:19',
  },
  { name: 'unknown alias', text: withLine(12, '      plan: *nothing'), code: 'yaml/syntax', at: '12:13' },
  { name: 'a lone quote', text: '"', code: 'yaml/syntax', at: '1:1' },
  // Limits.
  { name: 'alias bomb', text: bomb, code: 'limit/alias-count', at: '6:20' },
  { name: 'block nesting deeper than 64', text: lines(...deepBlock), code: 'limit/depth', at: '68:129' },
  {
    name: 'flow nesting far deeper than 64',
    text: `a: ${'['.repeat(300)}${']'.repeat(300)}\n`,
    code: 'limit/depth',
    at: '1:260',
  },
  {
    name: 'file over the size limit',
    text: `${VALID}# ${'x'.repeat(MAX_STORY_BYTES)}\n`,
    code: 'limit/file-size',
    at: '1:1',
  },
  // Not a story.
  { name: 'a list at the root', text: '- a\n- b\n', code: 'story/not-a-map', at: '1:1' },
  { name: 'a scalar at the root', text: 'hello\n', code: 'story/not-a-map', at: '1:1' },
  { name: 'empty file', text: '', code: 'story/not-a-map', at: '1:1' },
  { name: 'only comments', text: '# nothing here\n', code: 'story/not-a-map', at: '1:1' },
  {
    name: 'type placeholder',
    text: withLine(7, '    source: string'),
    code: 'story/placeholder',
    at: '7:13',
  },
  // Line endings: CRLF keeps lines and columns.
  {
    name: 'CRLF line endings',
    text: withLine(10, '    frequncy: daily').replaceAll('\n', '\r\n'),
    code: 'story/unknown-key',
    at: '10:5',
    says: '`frequency`',
  },
  {
    name: 'a typo in line 12 reports line 12',
    text: withLine(12, '      plan: free\n    probabilty: 0.5'),
    code: 'story/unknown-key',
    at: '13:5',
    says: '`probability`',
  },
]

describe('malformed stories: code and exact line:column', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  for (const c of cases) {
    // The timeout is a hang guard only (no timing asserts on a shared machine).
    it(`${c.name} -> ${c.code} at ${c.at}`, { timeout: 60_000 }, () => {
      const result = loadStory(c.text, { file: c.file ?? 'story.yaml', resolveInclude })
      expect(result.story, 'a story with errors is not returned').toBeUndefined()
      const hits = result.diagnostics.filter((d) => d.code === c.code)
      expect(hits.length, `${c.code} in ${found(c.text, result).join(', ')}`).toBeGreaterThan(0)
      const mine = hits.filter((d) => d.file === (c.file ?? 'story.yaml'))
      expect(mine.map((d) => at(c.text, d))).toContain(c.at)
      if (c.says) expect(hits.map((d) => `${d.message} ${d.hint ?? ''}`).join('\n')).toContain(c.says)
      expect(result.diagnostics.map((d) => d.code)).not.toContain('internal/error')
    })
  }

  it('the base story of the table is valid', () => {
    expect(loadStory(VALID).diagnostics).toEqual([])
    expect(loadStory(VALID.replaceAll('\n', '\r\n')).diagnostics).toEqual([])
  })

  it('a typo in line 12 is reported with line 12 in the formatted position', () => {
    const text = withLine(12, '      plna: free').replace('      plna', '    dtaa:\n      plna')
    // Line 12 is now `    dtaa:`: a typo of `data`.
    expect(text.split('\n')[11]).toBe('    dtaa:')
    const result = loadStory(text)
    expect(found(text, result)).toContain('story/unknown-key@12:5')
  })
})

describe('all problems at once', () => {
  it('reports five different problems in one story as five diagnostics', () => {
    const text = lines(
      'org_id: acme',
      'start_date: 2025-02-30', // invalid date
      'timezone: Mars/Base', // invalid zone
      'events:',
      '  - source: posthog',
      '    event: user.signup',
      '    frequncy: daily', // unknown key
      '    repeat: 0', // invalid repeat
      '  - source: stripe',
      '    event: charge',
      '    after: singup', // unknown after
    )
    const result = loadStory(text)
    expect(found(text, result)).toEqual([
      'story/invalid-date@2:13',
      'story/invalid-timezone@3:11',
      'story/unknown-key@7:5',
      'story/invalid-repeat@8:13',
      'story/unknown-after@11:12',
    ])
  })

  it('returns a partial story for editor tooling when there are errors', () => {
    const result = loadStory(withLine(9, '    repeat: 0'))
    expect(result.story).toBeUndefined()
    expect(result.partial?.events[0].id).toBe('signup')
  })
})

describe('spans with tabs and CRLF', () => {
  it('CRLF: every data string still slices to its own text', () => {
    const text = story('seed-advanced.yaml').replaceAll('\n', '\r\n')
    const result = loadStory(text)
    expect(result.diagnostics).toEqual([])
    for (const def of result.story!.events) {
      for (const e of def.data.entries) {
        if (e.value.kind !== 'string') continue
        const s = e.value.value
        // Exactly as written: a multi-line seed value keeps its CRLF line breaks.
        expect(text.slice(s.span.start, s.span.end)).toBe(s.text)
      }
    }
  })

  it('tabs inside values and before comments keep columns exact', () => {
    const text = VALID.replace('      plan: free', '      plan:\tfree\t# a comment').concat(
      '    offset: duration(hours=9)\t# nine\n',
    )
    const result = loadStory(text)
    expect(result.diagnostics).toEqual([])
    const def = result.story!.events[0]
    const plan = field(def, 'plan')
    expect(plan.kind === 'string' && text.slice(plan.value.span.start, plan.value.span.end)).toBe('free')
    expect(def.offset?.kind === 'expr' && def.offset.source.text).toBe('duration(hours=9)')
  })
})

describe('values', () => {
  it('fills defaults', () => {
    const s = loadStory(
      lines('org_id: a', 'start_date: 2025-01-01', 'events:', '  - source: s', '    event: e'),
    ).story!
    expect([s.timezone, s.seed, s.locale, s.end]).toEqual(['UTC', 0, 'en', undefined])
    const e = s.events[0]
    expect([e.id, e.repeat, e.frequency, e.offsetDays, e.probability]).toEqual(['e', 1, undefined, 0, 1])
  })

  it('reads dates and date-times, end_date through the end of its day', () => {
    const s = loadStory(VALID.replace('2025-01-01', '2025-01-01T09:30')).story!
    expect(s.start).toEqual({ year: 2025, month: 1, day: 1, hour: 9, minute: 30, second: 0, millisecond: 0 })
    expect(s.end).toEqual({
      year: 2025,
      month: 1,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
      millisecond: 999,
    })
  })

  it('a data key named __proto__ is ordinary data', () => {
    const s = loadStory(VALID.replace('      plan: free', '      __proto__: {polluted: true}')).story!
    expect(s.events[0].data.entries.map((e) => e.key)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('an anchor and alias reused across events keeps the seed-dialect text', () => {
    const text = lines(
      'org_id: a',
      'start_date: 2025-01-01',
      'events:',
      '  - source: s',
      '    event: e',
      '    data:',
      "      src: &w weighted({'a': 1, 'b': 2})",
      '  - source: s',
      '    event: f',
      '    data:',
      '      src: *w',
    )
    const result = loadStory(text)
    expect(result.diagnostics).toEqual([])
    const [e, f] = result.story!.events
    const a = field(e, 'src')
    const b = field(f, 'src')
    expect(a.kind === 'string' && a.value.text).toBe("weighted({'a': 1, 'b': 2})")
    expect(b.kind === 'string' && b.value.text).toBe("weighted({'a': 1, 'b': 2})")
    // Used through the alias: located at the alias.
    expect(b.kind === 'string' && text.slice(b.value.span.start, b.value.span.end)).toBe('*w')
  })

  it('a complex key holding a merge key is data, not a crash', () => {
    const result = loadStory(`${VALID}? <<: *nothing\n: 1\n`)
    expect(result.diagnostics.map((d) => d.code)).not.toContain('internal/error')
  })

  it('a quoted call in a flow map is fine', () => {
    const result = loadStory(withLine(12, '      nested: {n: "random(1, 2)", m: 3}'))
    expect(result.diagnostics).toEqual([])
  })

  it('a call inside a block scalar is text, not a seed-dialect value', () => {
    const text = VALID.replace('      plan: free', '      note: |\n        see: f(a,\n        more text')
    const result = loadStory(text)
    expect(result.diagnostics).toEqual([])
    const note = field(result.story!.events[0], 'note')
    expect(note.kind === 'string' && note.value.text).toBe('see: f(a,\nmore text\n')
  })
})
