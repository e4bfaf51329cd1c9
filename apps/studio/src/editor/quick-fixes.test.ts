import { checkStory } from '@autosource/engine'
import { describe, expect, it } from 'vitest'
import { expressionOperands, LITERAL_EXPRESSION, literalExpressionWarnings } from './literal-expression.ts'
import { type QuickFix, quickFixes } from './quick-fixes.ts'

const STORY = `name: t
org_id: o
start_date: 2024-01-01
end_date: 2024-01-03
events:
  - id: a
    source: s
    event: e
    frequncy: daily
    data:
      name: faker.person.fulName()
      x: uuid5()
      price: 3
      qty: 2
      total: price * qty
      quoted: "price + 1"
      escaped: \\price * qty
      t2: = prise * qty
      status: in-progress
      ratio: n / a
`

function apply(text: string, fix: QuickFix): string {
  return text.slice(0, fix.start) + fix.text + text.slice(fix.end)
}

function check(text: string) {
  const r = checkStory(text, { file: 'story.yaml' })
  return {
    ...r,
    diagnostics: [...r.diagnostics, ...literalExpressionWarnings(text, r.outline, 'story.yaml')],
  }
}

describe('the literal-expression warning', () => {
  it('reads `a op b` chains and nothing else', () => {
    expect(expressionOperands('price * qty')).toEqual(['price', 'qty'])
    expect(expressionOperands('price*qty + 1')).toEqual(['price', 'qty', '1'])
    expect(expressionOperands('a ?? b.c')).toEqual(['a', 'b.c'])
    expect(expressionOperands('in-progress')).toBeUndefined()
    expect(expressionOperands('= price * qty')).toBeUndefined()
    expect(expressionOperands('\\price * qty')).toBeUndefined()
    expect(expressionOperands(`Hello \${name} * 2`)).toBeUndefined()
    expect(expressionOperands('price')).toBeUndefined()
    expect(expressionOperands('the price * qty')).toBeUndefined()
  })

  it('warns on literals over sibling fields only (plain and quoted), with a span on the value', () => {
    const warnings = check(STORY).diagnostics.filter((d) => d.code === LITERAL_EXPRESSION)
    expect(warnings.map((w) => STORY.slice(w.span.start, w.span.end))).toEqual(['price * qty', '"price + 1"'])
    expect(warnings[0]).toMatchObject({ severity: 'warning', start: { line: 15, column: 14 } })
    expect(warnings[0].message).toContain('`price`, `qty`')
  })

  it('is fixed by `=`, after which the story checks clean of it and computes the value', () => {
    let text = STORY
    for (let round = 0; round < 5; round++) {
      const d = check(text).diagnostics.find((x) => x.code === LITERAL_EXPRESSION)
      if (!d) break
      const [fix] = quickFixes(d, text)
      text = apply(text, fix)
    }
    expect(text).toContain('total: = price * qty\n')
    expect(text).toContain('quoted: "= price + 1"\n')
    expect(check(text).diagnostics.filter((x) => x.code === LITERAL_EXPRESSION)).toEqual([])
  })
})

describe('quick fixes for "did you mean"', () => {
  it('replace the misspelt name with the suggestion, for keys, functions, faker paths and names', () => {
    const { diagnostics } = check(STORY)
    const fixed = diagnostics
      .filter((d) => d.hint?.startsWith('did you mean'))
      .map((d) => {
        const fixes = quickFixes(d, STORY)
        expect(fixes, d.code).toHaveLength(1)
        return `${d.code}: ${STORY.slice(d.span.start, d.span.end)} -> ${fixes[0].text}`
      })
    expect(fixed.sort()).toEqual([
      'expr/unknown-faker: faker.person.fulName -> faker.person.fullName',
      'expr/unknown-function: uuid5 -> uuid4',
      'expr/unknown-name: prise -> price',
      'story/unknown-key: frequncy -> frequency',
    ])
    let text = STORY
    // Applied from the end so earlier offsets stay valid.
    const all = diagnostics.flatMap((d) => quickFixes(d, STORY)).sort((a, b) => b.start - a.start)
    for (const fix of all) text = apply(text, fix)
    expect(check(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('offer nothing for a hint without a suggestion or a span that is not the name', () => {
    expect(
      quickFixes({ code: 'story/missing-key', hint: 'Add `org_id: ...`', span: { start: 0, end: 7 } }, STORY),
    ).toEqual([])
    expect(quickFixes({ code: 'x/y', hint: 'did you mean `a`?', span: { start: 0, end: 7 } }, STORY)).toEqual(
      [],
    )
    expect(
      quickFixes({ code: 'x/y', hint: 'did you mean `a`?', span: { start: 0, end: 9999 } }, STORY),
    ).toEqual([])
  })
})
