// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import { describe, expect, it } from 'vitest'
import type { Expr } from './ast.ts'
import { PARSE_LIMITS, parseExpression, parseTemplate } from './parser.ts'

/** A compact, span-carrying rendering of an AST: `(kind@start-end ...children)`. */
function show(e: Expr): string {
  const at = `@${e.span.start}-${e.span.end}`
  switch (e.type) {
    case 'number':
      return `${e.isFloat ? 'float' : 'int'}${at}:${e.value}`
    case 'string':
      return `str${at}:${JSON.stringify(e.value)}`
    case 'bool':
      return `bool${at}:${e.value}`
    case 'null':
      return `null${at}`
    case 'name':
      return `name${at}:${e.name}`
    case 'list':
      return `(list${at}${e.items.map((i) => ` ${show(i)}`).join('')})`
    case 'map':
      return `(map${at}${e.entries.map((x) => ` ${JSON.stringify(x.keyValue)}@${x.keySpan.start}-${x.keySpan.end}=${show(x.value)}`).join('')})`
    case 'member':
      return `(.${at} ${show(e.object)} ${e.property}@${e.propertySpan.start}-${e.propertySpan.end})`
    case 'index':
      return `([]${at} ${show(e.object)} ${show(e.index)})`
    case 'call':
      return `(call${at} ${show(e.callee)}${e.args.map((a) => ` ${show(a)}`).join('')}${e.kwargs.map((k) => ` ${k.name}@${k.nameSpan.start}-${k.nameSpan.end}=${show(k.value)}`).join('')})`
    case 'unary':
      return `(${e.op}${at} ${show(e.operand)})`
    case 'binary':
      return `(${e.op}${at} ${show(e.left)} ${show(e.right)})`
    case 'logical':
      return `(${e.op}${at} ${show(e.left)} ${show(e.right)})`
    case 'conditional':
      return `(?:${at} ${show(e.test)} ${show(e.consequent)} ${show(e.alternate)})`
    case 'template':
      return `(tpl${at}${e.parts.map((p) => (p.type === 'text' ? ` text@${p.span.start}-${p.span.end}:${JSON.stringify(p.value)}` : ` ${show(p)}`)).join('')})`
  }
}

function parsed(text: string, start = 0): string {
  const r = parseExpression(text, start)
  if (!r.ok)
    throw new Error(`${r.problem.code}: ${r.problem.message} @${r.problem.span.start}-${r.problem.span.end}`)
  return show(r.expr)
}

describe('parseExpression: AST with spans', () => {
  const cases: [string, string][] = [
    ['42', 'int@0-2:42'],
    ['4.5', 'float@0-3:4.5'],
    ['1.', 'float@0-2:1'],
    ['1e3', 'float@0-3:1000'],
    ['1_000', 'int@0-5:1000'],
    ['-3', 'int@0-2:-3'],
    ["'single'", 'str@0-8:"single"'],
    ['"dou\\"ble"', 'str@0-10:"dou\\"ble"'],
    ["'\\u0063\\n'", 'str@0-10:"c\\n"'],
    ['true', 'bool@0-4:true'],
    ['False', 'bool@0-5:false'],
    ['None', 'null@0-4'],
    ['null', 'null@0-4'],
    ['plan', 'name@0-4:plan'],
    ['[1, 2.0]', '(list@0-8 int@1-2:1 float@4-7:2)'],
    ['[]', '(list@0-2)'],
    ['[1, 2,]', '(list@0-7 int@1-2:1 int@4-5:2)'],
    ["{'a': 1, b: 2, 3: 'c'}", '(map@0-22 "a"@1-4=int@6-7:1 "b"@9-10=int@12-13:2 3@15-16=str@18-21:"c")'],
    ['random(1, 6)', '(call@0-12 name@0-6:random int@7-8:1 int@10-11:6)'],
    ['uuid4()', '(call@0-7 name@0-5:uuid4)'],
    [
      'duration(hours=1, minutes=30)',
      '(call@0-29 name@0-8:duration hours@9-14=int@15-16:1 minutes@18-25=int@26-28:30)',
    ],
    ['faker.person.fullName()', '(call@0-23 (.@0-21 (.@0-12 name@0-5:faker person@6-12) fullName@13-21))'],
    ['prev.count + 1', '(+@0-14 (.@0-10 name@0-4:prev count@5-10) int@13-14:1)'],
    ['a.b[0]', '([]@0-6 (.@0-3 name@0-1:a b@2-3) int@4-5:0)'],
    ['1 + 2 * 3', '(+@0-9 int@0-1:1 (*@4-9 int@4-5:2 int@8-9:3))'],
    ['(1 + 2) * 3', '(*@1-11 (+@1-6 int@1-2:1 int@5-6:2) int@10-11:3)'],
    ['10 - 4 - 3', '(-@0-10 (-@0-6 int@0-2:10 int@5-6:4) int@9-10:3)'],
    ['a % 2 == 0', '(==@0-10 (%@0-5 name@0-1:a int@4-5:2) int@9-10:0)'],
    ['a < b and c >= d', '(and@0-16 (<@0-5 name@0-1:a name@4-5:b) (>=@10-16 name@10-11:c name@15-16:d))'],
    ['a || b && c', '(or@0-11 name@0-1:a (and@5-11 name@5-6:b name@10-11:c))'],
    ['not a == b', '(not@0-10 (==@4-10 name@4-5:a name@9-10:b))'],
    ['!a == b', '(==@0-7 (!@0-2 name@1-2:a) name@6-7:b)'],
    ['a ?? b ?? c', '(??@0-11 (??@0-6 name@0-1:a name@5-6:b) name@10-11:c)'],
    ["c ? 'y' : 'n'", '(?:@0-13 name@0-1:c str@4-7:"y" str@10-13:"n")'],
    ['a ? b : c ? d : e', '(?:@0-17 name@0-1:a name@4-5:b (?:@8-17 name@8-9:c name@12-13:d name@16-17:e))'],
    [
      "plan in ['pro', 'enterprise']",
      '(in@0-29 name@0-4:plan (list@8-29 str@9-14:"pro" str@16-28:"enterprise"))',
    ],
    ['- x', '(-@0-3 name@2-3:x)'],
    [
      "switch(plan, {\n  'free': 0,\n  'pro': 99\n})",
      '(call@0-42 name@0-6:switch name@7-11:plan (map@13-41 "free"@17-23=int@25-26:0 "pro"@30-35=int@37-39:99))',
    ],
    [
      'ref(user.signup.user_id)',
      '(call@0-24 name@0-3:ref (.@4-23 (.@4-15 name@4-8:user signup@9-15) user_id@16-23))',
    ],
    [
      "weighted({'google': 0.6, 'direct': 0.4})",
      '(call@0-40 name@0-8:weighted (map@9-39 "google"@10-18=float@20-23:0.6 "direct"@25-33=float@35-38:0.4))',
    ],
    ['a # comment\n + 1', '(+@0-16 name@0-1:a int@15-16:1)'],
    // `$` is a name character (PostHog's `$set`, `$current_url`; `$event`).
    ['$set.first_name', '(.@0-15 name@0-4:$set first_name@5-15)'],
    ['prev.$current_url', '(.@0-17 name@0-4:prev $current_url@5-17)'],
    ['$event', 'name@0-6:$event'],
    ['a$b + $', '(+@0-7 name@0-3:a$b name@6-7:$)'],
    ["{$set: 1, '$os': 2}", '(map@0-19 "$set"@1-5=int@7-8:1 "$os"@10-15=int@17-18:2)'],
    [
      'ref(signup.$set.email)',
      '(call@0-22 name@0-3:ref (.@4-21 (.@4-15 name@4-10:signup $set@11-15) email@16-21))',
    ],
  ]
  it.each(cases)('%s', (text, expected) => {
    expect(parsed(text)).toBe(expected)
  })

  it('parses from an offset (the `=` form) with spans into the whole text', () => {
    expect(parsed('= price * 2', 1)).toBe('(*@2-11 name@2-7:price int@10-11:2)')
  })
})

describe('parseTemplate', () => {
  const cases: [string, string][] = [
    ['Hello ${name}!', '(tpl@0-14 text@0-6:"Hello " name@8-12:name text@13-14:"!")'],
    ['${a}${b}', '(tpl@0-8 name@2-3:a name@6-7:b)'],
    ['cost $${x}', '(tpl@0-10 text@0-10:"cost ${x}")'],
    ["${ {'a': 1}['a'] }", '(tpl@0-18 ([]@3-16 (map@3-11 "a"@4-7=int@9-10:1) str@12-15:"a"))'],
    ["${'}'}", '(tpl@0-6 str@2-5:"}")'],
    ['${$set.email}', '(tpl@0-13 (.@2-12 name@2-6:$set email@7-12))'],
    ['$${x} ${$event}$', '(tpl@0-16 text@0-6:"${x} " name@8-14:$event text@15-16:"$")'],
    ['$5 for ${a}', '(tpl@0-11 text@0-7:"$5 for " name@9-10:a)'],
  ]
  it.each(cases)('%s', (text, expected) => {
    const r = parseTemplate(text)
    if (!r.ok) throw new Error(r.problem.message)
    expect(show(r.expr)).toBe(expected)
  })
})

describe('syntax errors: code and span', () => {
  const cases: [string, string, number, number][] = [
    ['1 +', 'expr/syntax', 3, 3],
    ['random(1, 6', 'expr/syntax', 11, 11],
    ["'open", 'expr/syntax', 0, 5],
    ['a @ b', 'expr/syntax', 2, 3],
    ['\\u0063onstructor', 'expr/syntax', 0, 1],
    ['f(a=1, 2)', 'expr/syntax', 7, 8],
    ['f(a=1, a=2)', 'expr/syntax', 7, 8],
    ['{a: 1, a: 2}', 'expr/syntax', 7, 8],
    ['[1, 2', 'expr/syntax', 5, 5],
    ['a.1', 'expr/syntax', 1, 3],
    ['12abc', 'expr/syntax', 0, 5],
    ['1 2', 'expr/syntax', 2, 3],
    ['a ? b', 'expr/syntax', 5, 5],
    ['x not in y', 'expr/syntax', 2, 5],
    ['and', 'expr/syntax', 0, 3],
    ['`x`', 'expr/syntax', 0, 1],
    ['"\\x4"', 'expr/syntax', 1, 3],
    // Inside an expression `${` is never a name: it only opens a template hole.
    ['${a}', 'expr/syntax', 0, 1],
    ['a${b}', 'expr/syntax', 1, 2],
    ['(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1', 'expr/too-complex', 32, 33],
  ]
  it.each(cases)('%s -> %s', (text, code, start, end) => {
    const r = parseExpression(text)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problem.code).toBe(code)
    expect(r.problem.span).toEqual({ start, end })
  })

  it('limits the length of an expression', () => {
    const r = parseExpression('1+'.repeat(PARSE_LIMITS.maxLength))
    expect(!r.ok && r.problem.code).toBe('limit/expression-length')
  })

  it('template errors point at the hole', () => {
    const r = parseTemplate('Hi ${name')
    expect(!r.ok && r.problem.span).toEqual({ start: 3, end: 9 })
    const e = parseTemplate('Hi ${}')
    expect(!e.ok && e.problem.message).toMatch(/empty/)
    const inner = parseTemplate('Hi ${1 +}')
    expect(!inner.ok && inner.problem.span).toEqual({ start: 8, end: 8 })
  })
})
