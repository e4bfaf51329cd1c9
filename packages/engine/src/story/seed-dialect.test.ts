import { describe, expect, it } from 'vitest'
import { MAX_CALL_LENGTH, scanSeedDialect } from './seed-dialect.ts'

/** The call values found, as written. */
const values = (text: string) => [...scanSeedDialect(text).values.values()].map((v) => v.text)

describe('scanSeedDialect', () => {
  it('masks call values with same-length runs of _ and leaves everything else alone', () => {
    const text = "a: 1\nsource: weighted({'google': 0.6, 'direct': 0.4})\nb: two # comment\n"
    const scan = scanSeedDialect(text)
    expect(scan.masked.length).toBe(text.length)
    const [v] = scan.values.values()
    expect(v.text).toBe("weighted({'google': 0.6, 'direct': 0.4})")
    expect(text.slice(v.start, v.end)).toBe(v.text)
    expect(scan.masked.slice(v.start, v.end)).toBe('_'.repeat(v.text.length))
    expect(scan.masked.slice(0, v.start) + scan.masked.slice(v.end)).toBe(
      text.slice(0, v.start) + text.slice(v.end),
    )
  })

  it('follows a call over several lines to its closing parenthesis', () => {
    const text = 'amount: switch(plan, {\n    "free": 0,\n    "pro": 99\n  })\nnext: 1\n'
    expect(values(text)).toEqual(['switch(plan, {\n    "free": 0,\n    "pro": 99\n  })'])
    const scan = scanSeedDialect(text)
    // The YAML parser sees one plain scalar, and the next key as it was.
    expect(scan.masked.split('\n')[0]).toMatch(/^amount: _+$/)
    expect(scan.masked.endsWith('next: 1\n')).toBe(true)
  })

  it.each([
    ['list item', '- uuid4()\n', 'uuid4()'],
    ['nested list item', '- - f(1)\n', 'f(1)'],
    ['dotted name', 'n: faker.person.fullName()\n', 'faker.person.fullName()'],
    ['quoted key', '"a b": f(x)\n', 'f(x)'],
    ['key with a dash', 'user-id: uuid4()\n', 'uuid4()'],
    ['comment after the call', 'x: f(1) # note\n', 'f(1)'],
    ['parentheses inside strings', 'x: f(")", \'(\')\n', 'f(")", \'(\')'],
    ['an anchor before the call', 'x: &w f(1)\n', 'f(1)'],
    ['CRLF line end', 'x: f(1)\r\ny: 2\r\n', 'f(1)'],
    ['closing on a line of its own', 'x: f(\n  1\n)\n', 'f(\n  1\n)'],
    ['a call in a flow map', 'x: {a: f(1, 2), b: 3}\n', 'f(1, 2)'],
    ['a call in a flow list', 'x: [g(), 1]\n', 'g()'],
  ])('%s', (_name, text, want) => {
    expect(values(text)).toEqual([want])
  })

  it.each([
    ['a call followed by more text (plain YAML)', 'x: f(1) + 2\n'],
    ['a quoted value', 'x: "f(1, 2)"\n'],
    ['a flow map call followed by more text', 'x: {a: f(1) + 2}\n'],
    ['a call inside a quoted flow value', "x: {a: 'f(1, 2)'}\n"],
    ['a template call in a quoted string', 'x: "id_$' + '{f(14)}"\n'],
    ['braces inside plain text', 'x: text {a: f(1)}\n'],
    ['a comment line', '# x: f(1)\n'],
    ['text with a space before the parenthesis', 'x: hello (world)\n'],
    ['a block scalar', 'x: |\n  y: f(1)\n  more\n'],
    ['a folded block scalar', 'x: >-\n  f(1)\n'],
  ])('leaves %s alone', (_name, text) => {
    const scan = scanSeedDialect(text)
    expect(scan.values.size).toBe(0)
    expect(scan.masked).toBe(text)
  })

  it('reports a call that never closes, on its first line', () => {
    const text = 'a:\n  x: switch(plan, {\n    "free": 0\nb: 1\n'
    const scan = scanSeedDialect(text)
    expect(scan.values.size).toBe(0)
    expect(scan.unclosed.map((u) => u.text)).toEqual(['switch(plan, {'])
    expect(text.slice(scan.unclosed[0].start, scan.unclosed[0].end)).toBe('switch(plan, {')
  })

  it('gives up on a call longer than MAX_CALL_LENGTH', () => {
    const text = `x: f(\n${'  1,\n'.repeat(MAX_CALL_LENGTH / 4)})\n`
    expect(scanSeedDialect(text).unclosed).toHaveLength(1)
  })

  it('stays fast on a long line of unclosed calls in a flow list', () => {
    const text = `x: [${'f(1, '.repeat(100_000)}]\n`
    // Hang guard only (the test timeout): no timing asserts on a shared machine.
    expect(scanSeedDialect(text).masked).toHaveLength(text.length)
  }, 60_000)

  it('finds flow calls exactly as before the one-pass matching', () => {
    expect(values("x: {a: f(')'), b: g([1, 2]), c: h(1]}\n")).toEqual(["f(')')", 'g([1, 2])'])
  })

  it('stays fast on thousands of nested unclosed calls', () => {
    let text = ''
    for (let i = 0; i < 1500; i++) text += `${' '.repeat(i)}k: f(\n`
    // Hang guard only (the test timeout): no timing asserts on a shared machine.
    expect(scanSeedDialect(text).masked).toHaveLength(text.length)
  }, 60_000)
})
