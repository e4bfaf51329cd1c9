import type { StoryOutline } from '@autosource/engine/worker'
import { describe, expect, it } from 'vitest'
import { STARTER_STORY } from '../drafts/starter.ts'
import {
  completionSpot,
  continuesExpression,
  eventAt,
  hoverFor,
  isInsideData,
  suggestionsFor,
} from './expression-completion.ts'

describe('completionSpot', () => {
  it.each([
    ['      customer_id: ref(user.si', true, { kind: 'ref', prefix: 'user.si' }],
    ['      x: lookup(', true, { kind: 'ref', prefix: '' }],
    ['    after: sig', false, { kind: 'after', prefix: 'sig' }],
    ['  - after: ', false, { kind: 'after', prefix: '' }],
    ['      email: faker.internet.em', true, { kind: 'faker', prefix: 'internet.em' }],
    ['      total: prev.to', true, { kind: 'prev', prefix: 'to' }],
    ['      amount: = price * qu', true, { kind: 'expression', prefix: 'qu' }],
    ['      plan: cho', true, { kind: 'expression', prefix: 'cho' }],
    ['    when: weekd', false, { kind: 'expression', prefix: 'weekd' }],
    ['      label: "user ${na', true, { kind: 'expression', prefix: 'na' }],
    ['      label: "plain text', true, { kind: 'none' }],
    ['    source: pos', false, { kind: 'none' }],
    ['      a: user.sig', true, { kind: 'none' }],
    ['      pla', true, { kind: 'none' }],
  ] as const)('%s', (line, inData, expected) => {
    expect(completionSpot(line, inData)).toEqual(expected)
  })

  it('treats continuation lines of a multi-line call as expressions', () => {
    expect(completionSpot("        'pro': ra", true, true)).toEqual({ kind: 'expression', prefix: 'ra' })
  })
})

describe('structure helpers', () => {
  const lines = STARTER_STORY.split('\n')
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1

  it('knows which lines are inside data:', () => {
    expect(isInsideData(lines, lineOf('user_id: uuid4()'))).toBe(true)
    expect(isInsideData(lines, lineOf('plan: ref(user.signup.plan)'))).toBe(true)
    expect(isInsideData(lines, lineOf('frequency: daily'))).toBe(false)
    expect(isInsideData(lines, lineOf('org_id:'))).toBe(false)
  })

  it('knows when a line continues an open call', () => {
    expect(continuesExpression(lines, lineOf("'pro': 99"))).toBe(true)
    expect(continuesExpression(lines, lineOf('user_id: uuid4()'))).toBe(false)
  })
})

describe('suggestionsFor', () => {
  const outline: StoryOutline = {
    timezone: 'UTC',
    seed: 42,
    events: [
      {
        index: 0,
        id: 'user.signup',
        source: 'posthog',
        event: 'user.signup',
        file: 'story.yaml',
        span: { start: 10, end: 100 },
        fields: ['user_id', 'plan'],
        fieldSpans: {},
      },
      {
        index: 1,
        id: 'subscription.created',
        source: 'stripe',
        event: 'subscription.created',
        file: 'story.yaml',
        span: { start: 101, end: 200 },
        fields: ['customer_id', 'amount'],
        fieldSpans: {},
      },
    ],
  }
  const builtins = [
    {
      name: 'random',
      signature: 'random(min, max)',
      doc: 'An integer in [min, max].',
      example: 'random(1, 6)',
    },
  ]
  const ctx = {
    builtins,
    fakerPaths: ['internet.email', 'person.fullName'],
    outline,
    current: eventAt(outline, 150, 'story.yaml'),
  }

  it('offers the fields of other events inside ref()', () => {
    expect(suggestionsFor({ kind: 'ref', prefix: '' }, ctx).map((s) => s.label)).toEqual([
      'user.signup.user_id',
      'user.signup.plan',
    ])
  })

  it('offers this event’s fields after prev.', () => {
    expect(suggestionsFor({ kind: 'prev', prefix: '' }, ctx).map((s) => s.label)).toEqual([
      'customer_id',
      'amount',
    ])
  })

  it('offers functions with signature and doc, siblings, and context values in an expression', () => {
    const s = suggestionsFor({ kind: 'expression', prefix: '' }, ctx)
    expect(s[0]).toMatchObject({
      label: 'random',
      detail: 'random(min, max)',
      insertText: 'random($0)',
      snippet: true,
    })
    expect(s.map((x) => x.label)).toEqual(
      expect.arrayContaining(['customer_id', 'amount', 'timestamp', 'index', 'faker', 'prev']),
    )
  })

  it('offers faker paths and event ids', () => {
    expect(suggestionsFor({ kind: 'faker', prefix: 'in' }, ctx).map((s) => s.label)).toEqual([
      'internet.email',
      'person.fullName',
    ])
    expect(suggestionsFor({ kind: 'after', prefix: '' }, ctx).map((s) => s.label)).toEqual(['user.signup'])
  })

  it('hovers a function with its signature and doc', () => {
    expect(hoverFor('random', builtins)).toContain('random(min, max)')
    expect(hoverFor('nope', builtins)).toBeUndefined()
  })
})

describe('use: completion', () => {
  it('offers the built-in vendor templates after `use:`, the prefix spanning the slash', () => {
    expect(completionSpot('  - use: stripe/inv', false)).toEqual({ kind: 'use', prefix: 'stripe/inv' })
    expect(completionSpot('    use: ', false)).toEqual({ kind: 'use', prefix: '' })
    const out = suggestionsFor(
      { kind: 'use', prefix: '' },
      {
        builtins: [],
        fakerPaths: [],
        outline: null,
        templates: [{ name: 'stripe/invoice.paid', doc: 'The finalized invoice is paid' }],
      },
    )
    expect(out).toEqual([
      {
        label: 'stripe/invoice.paid',
        kind: 'module',
        insertText: 'stripe/invoice.paid',
        detail: 'built-in template',
        documentation: 'The finalized invoice is paid',
      },
    ])
  })
})
