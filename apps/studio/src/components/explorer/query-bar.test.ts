import { describe, expect, it } from 'vitest'
import { compileQuery, parseQuery, type QueryColumn } from './query-bar.ts'

const COLUMNS: QueryColumn[] = [
  { name: 'source', type: 'string' },
  { name: 'event', type: 'string' },
  { name: 'data.amount', type: 'number' },
  { name: 'data.plan', type: 'string' },
  { name: 'data.paid', type: 'boolean' },
  { name: 'data.user.id', type: 'string' },
  { name: 'data.account.id', type: 'string' },
]

function where(text: string): string {
  const parsed = parseQuery(text)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const compiled = compileQuery(parsed.terms, COLUMNS)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return compiled.where
}

describe('parseQuery', () => {
  it('reads field terms, operators, negation, quotes and bare words with their spans', () => {
    const parsed = parseQuery('source:stripe data.amount>=100 -plan:"pro max" hello')
    expect(parsed).toEqual({
      ok: true,
      terms: [
        { kind: 'field', field: 'source', op: ':', value: 'stripe', negated: false, start: 0, end: 13 },
        { kind: 'field', field: 'data.amount', op: '>=', value: '100', negated: false, start: 14, end: 30 },
        { kind: 'field', field: 'plan', op: ':', value: 'pro max', negated: true, start: 31, end: 46 },
        { kind: 'text', text: 'hello', negated: false, start: 47, end: 52 },
      ],
    })
  })

  it('reports an unclosed quote and a missing value where they are', () => {
    expect(parseQuery('plan:"pro')).toEqual({
      ok: false,
      error: { message: 'unclosed quote', start: 5, end: 9 },
    })
    expect(parseQuery('a data.amount> b')).toEqual({
      ok: false,
      error: { message: '`data.amount>` needs a value', start: 2, end: 14 },
    })
  })

  it('is empty for blank text', () => {
    expect(parseQuery('   ')).toEqual({ ok: true, terms: [] })
  })
})

describe('compileQuery', () => {
  it('compiles the issue example', () => {
    expect(where('source:stripe data.amount>100 plan:pro')).toBe(
      `("source" = 'stripe') AND ("data.amount" > 100) AND ("data.plan" = 'pro')`,
    )
  })

  it('searches bare words in the whole line, escaping LIKE characters', () => {
    expect(where('50%_off')).toBe(`("line" ILIKE '%50\\%\\_off%' ESCAPE '\\')`)
  })

  it('supports wildcards, existence, booleans and negation', () => {
    expect(where('plan:pr*')).toBe(`("data.plan" ILIKE 'pr%' ESCAPE '\\')`)
    expect(where('-amount:*')).toBe(`(NOT coalesce("data.amount" IS NOT NULL, FALSE))`)
    expect(where('paid:true')).toBe(`("data.paid" = true)`)
  })

  it('quotes string values', () => {
    expect(where(`plan:"o'brien"`)).toBe(`("data.plan" = 'o''brien')`)
  })

  it('is TRUE with no terms', () => {
    expect(where('')).toBe('TRUE')
  })

  it('names unknown, ambiguous and mistyped fields with the span of the term', () => {
    const compile = (text: string) => {
      const parsed = parseQuery(text)
      if (!parsed.ok) throw new Error('parse')
      return compileQuery(parsed.terms, COLUMNS)
    }
    expect(compile('x plan2:pro')).toEqual({
      ok: false,
      error: { message: 'no field `plan2` in this run', start: 2, end: 11 },
    })
    expect(compile('id:1')).toEqual({
      ok: false,
      error: { message: '`id` is ambiguous: data.user.id, data.account.id', start: 0, end: 4 },
    })
    expect(compile('amount>lots')).toEqual({
      ok: false,
      error: { message: '`data.amount` holds numbers: `lots` is not one', start: 0, end: 11 },
    })
  })
})
