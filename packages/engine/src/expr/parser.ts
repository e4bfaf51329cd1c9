import type { Span } from '../diagnostics/span.ts'
import type { BinaryOp, Expr, KeywordArg, LogicalOp, MapEntry } from './ast.ts'
import { SyntaxAbort, type SyntaxProblem, type Token, tokenize } from './lexer.ts'
import { PARSE_LIMITS } from './limits.ts'

export { parseTemplate } from './template.ts'
export { PARSE_LIMITS }

/** The result of parsing: an AST, or the first syntax problem (offsets into the text). */
export type ParseResult = { ok: true; expr: Expr } | { ok: false; problem: SyntaxProblem }

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'True', 'False', 'None'])

const COMPARE: Record<string, BinaryOp> = {
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
}

class Parser {
  private pos = 0
  private depth = 0
  private nodes = 0
  /** Height of each node built so far (leaves are 1): chains built in loops are bounded too. */
  private readonly heights = new WeakMap<Expr, number>()

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expr {
    const e = this.expression()
    const t = this.peek()
    if (t.kind !== 'eof') this.fail(`unexpected ${describe(t)} after the expression`, t)
    return e
  }

  private peek(): Token {
    return this.tokens[this.pos]
  }

  private next(): Token {
    return this.tokens[this.pos++]
  }

  private isPunct(v: string): boolean {
    const t = this.tokens[this.pos]
    return t.kind === 'punct' && t.value === v
  }

  private isWord(v: string): boolean {
    const t = this.tokens[this.pos]
    return t.kind === 'name' && t.value === v
  }

  private expect(v: string, what?: string): Token {
    const t = this.peek()
    if (t.kind === 'punct' && t.value === v) return this.next()
    this.fail(`expected \`${v}\`${what ? ` ${what}` : ''}, found ${describe(t)}`, t)
  }

  private fail(message: string, at: Token | Span, hint?: string): never {
    const span = { start: at.start, end: Math.max(at.end, at.start) }
    throw new SyntaxAbort(
      hint ? { code: 'expr/syntax', message, span, hint } : { code: 'expr/syntax', message, span },
    )
  }

  private enter(t: Token): void {
    if (++this.depth > PARSE_LIMITS.maxDepth) {
      throw new SyntaxAbort({
        code: 'expr/too-complex',
        message: `expression nests deeper than ${PARSE_LIMITS.maxDepth} levels`,
        span: { start: t.start, end: t.end },
      })
    }
  }

  /** Registers a new node: counts it and bounds the tree's height (`expr/too-complex`). */
  private made<T extends Expr>(node: T, ...children: Expr[]): T {
    let h = 0
    for (const c of children) h = Math.max(h, this.heights.get(c) ?? 1)
    h++
    if (h > PARSE_LIMITS.maxHeight) {
      throw new SyntaxAbort({
        code: 'expr/too-complex',
        message: `expression is more than ${PARSE_LIMITS.maxHeight} operations deep; split it into several fields`,
        span: node.span,
      })
    }
    if (++this.nodes > PARSE_LIMITS.maxNodes) {
      throw new SyntaxAbort({
        code: 'expr/too-complex',
        message: `expression has more than ${PARSE_LIMITS.maxNodes.toLocaleString('en-US')} parts; split it into several fields`,
        span: node.span,
      })
    }
    this.heights.set(node, h)
    return node
  }

  expression(): Expr {
    const t = this.peek()
    this.enter(t)
    const e = this.conditional()
    this.depth--
    return e
  }

  private conditional(): Expr {
    const test = this.nullish()
    if (!this.isPunct('?')) return test
    this.next()
    const consequent = this.expression()
    this.expect(':', 'in a conditional `c ? a : b`')
    const alternate = this.expression()
    return this.made(
      { type: 'conditional', test, consequent, alternate, span: join(test.span, alternate.span) },
      test,
      consequent,
      alternate,
    )
  }

  private nullish(): Expr {
    return this.logical(
      '??',
      () => this.isPunct('??'),
      () => this.or(),
    )
  }

  private or(): Expr {
    return this.logical(
      'or',
      () => this.isPunct('||') || this.isWord('or'),
      () => this.and(),
    )
  }

  private and(): Expr {
    return this.logical(
      'and',
      () => this.isPunct('&&') || this.isWord('and'),
      () => this.not(),
    )
  }

  /** A left-associative chain of one logical operator over the next tighter level. */
  private logical(op: LogicalOp, atOperator: () => boolean, operand: () => Expr): Expr {
    let left = operand()
    while (atOperator()) {
      this.next()
      const right = operand()
      left = this.made({ type: 'logical', op, left, right, span: join(left.span, right.span) }, left, right)
    }
    return left
  }

  private not(): Expr {
    // `not` binds looser than comparisons, as in Python: `not plan == 'free'`.
    if (this.isWord('not')) {
      const t = this.next()
      this.enter(t)
      const operand = this.not()
      this.depth--
      return this.made({ type: 'unary', op: 'not', operand, span: join(t, operand.span) }, operand)
    }
    return this.comparison()
  }

  private comparison(): Expr {
    let left = this.additive()
    for (;;) {
      const t = this.peek()
      let op: BinaryOp | undefined
      if (t.kind === 'punct' && Object.hasOwn(COMPARE, t.value)) op = COMPARE[t.value]
      else if (t.kind === 'name' && t.value === 'in') op = 'in'
      else if (t.kind === 'name' && t.value === 'not' && this.tokens[this.pos + 1]?.value === 'in') {
        this.fail('`not in` is not supported; write `not (x in list)`', t)
      }
      if (!op) return left
      this.next()
      const right = this.additive()
      left = this.made(
        { type: 'binary', op, left, right, opSpan: span(t), span: join(left.span, right.span) },
        left,
        right,
      )
    }
  }

  private additive(): Expr {
    let left = this.multiplicative()
    while (this.isPunct('+') || this.isPunct('-')) {
      const t = this.next()
      const right = this.multiplicative()
      left = this.made(
        {
          type: 'binary',
          op: t.value as BinaryOp,
          left,
          right,
          opSpan: span(t),
          span: join(left.span, right.span),
        },
        left,
        right,
      )
    }
    return left
  }

  private multiplicative(): Expr {
    let left = this.unary()
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const t = this.next()
      const right = this.unary()
      left = this.made(
        {
          type: 'binary',
          op: t.value as BinaryOp,
          left,
          right,
          opSpan: span(t),
          span: join(left.span, right.span),
        },
        left,
        right,
      )
    }
    return left
  }

  private unary(): Expr {
    if (this.isPunct('-') || this.isPunct('+') || this.isPunct('!')) {
      const t = this.next()
      this.enter(t)
      const operand = this.unary()
      this.depth--
      // Fold `-3` into a literal so `random(-5, 5)` keeps "written as integer".
      if (t.value === '-' && operand.type === 'number') {
        return {
          type: 'number',
          value: -operand.value,
          isFloat: operand.isFloat,
          span: join(t, operand.span),
        }
      }
      return this.made(
        { type: 'unary', op: t.value as '-' | '+' | '!', operand, span: join(t, operand.span) },
        operand,
      )
    }
    return this.postfix()
  }

  private postfix(): Expr {
    let e = this.primary()
    for (;;) {
      if (this.isPunct('.')) {
        this.next()
        const t = this.next()
        if (t.kind !== 'name') this.fail(`expected a name after \`.\`, found ${describe(t)}`, t)
        e = this.made(
          { type: 'member', object: e, property: t.value, propertySpan: span(t), span: join(e.span, t) },
          e,
        )
      } else if (this.isPunct('[')) {
        const open = this.next()
        this.enter(open)
        const index = this.expression()
        this.depth--
        const close = this.expect(']', 'to close the index')
        e = this.made({ type: 'index', object: e, index, span: join(e.span, close) }, e, index)
      } else if (this.isPunct('(')) {
        e = this.call(e)
      } else {
        return e
      }
    }
  }

  private call(callee: Expr): Expr {
    const open = this.next()
    this.enter(open)
    const args: Expr[] = []
    const kwargs: KeywordArg[] = []
    while (!this.isPunct(')')) {
      const t = this.peek()
      const after = this.tokens[this.pos + 1]
      if (t.kind === 'name' && after?.kind === 'punct' && after.value === '=') {
        this.pos += 2
        if (kwargs.some((k) => k.name === t.value))
          this.fail(`keyword argument \`${t.value}\` is given twice`, t)
        kwargs.push({ name: t.value, nameSpan: span(t), value: this.expression() })
      } else {
        if (kwargs.length > 0) this.fail('a positional argument cannot follow keyword arguments', t)
        args.push(this.expression())
      }
      if (!this.isPunct(',')) break
      this.next()
    }
    const close = this.expect(')', 'to close the call')
    this.depth--
    return this.made(
      { type: 'call', callee, args, kwargs, span: join(callee.span, close) },
      callee,
      ...args,
      ...kwargs.map((k) => k.value),
    )
  }

  private primary(): Expr {
    const t = this.next()
    switch (t.kind) {
      case 'number':
        return this.made({ type: 'number', value: t.num, isFloat: t.isFloat, span: span(t) })
      case 'string':
        return this.made({ type: 'string', value: t.value, span: span(t) })
      case 'name':
        if (t.value === 'true' || t.value === 'True') return { type: 'bool', value: true, span: span(t) }
        if (t.value === 'false' || t.value === 'False') return { type: 'bool', value: false, span: span(t) }
        if (t.value === 'null' || t.value === 'None') return { type: 'null', span: span(t) }
        if (KEYWORDS.has(t.value)) this.fail(`unexpected keyword \`${t.value}\``, t)
        return this.made({ type: 'name', name: t.value, span: span(t) })
      case 'punct':
        if (t.value === '(') {
          this.enter(t)
          const e = this.expression()
          this.depth--
          this.expect(')', 'to close the parenthesis')
          return e
        }
        if (t.value === '[') return this.list(t)
        if (t.value === '{') return this.map(t)
        return this.fail(`unexpected \`${t.value}\``, t)
      default:
        return this.fail('unexpected end of expression', t)
    }
  }

  private list(open: Token): Expr {
    this.enter(open)
    const items: Expr[] = []
    while (!this.isPunct(']')) {
      items.push(this.expression())
      if (!this.isPunct(',')) break
      this.next()
    }
    const close = this.expect(']', 'to close the list')
    this.depth--
    return this.made({ type: 'list', items, span: join(open, close) }, ...items)
  }

  private map(open: Token): Expr {
    this.enter(open)
    const entries: MapEntry[] = []
    while (!this.isPunct('}')) {
      const k = this.next()
      let keyValue: MapEntry['keyValue']
      if (k.kind === 'string') keyValue = k.value
      else if (k.kind === 'number') keyValue = k.num
      else if (k.kind === 'name') {
        keyValue =
          k.value === 'true' || k.value === 'True'
            ? true
            : k.value === 'false' || k.value === 'False'
              ? false
              : k.value === 'null' || k.value === 'None'
                ? null
                : k.value
      } else if (k.kind === 'punct' && k.value === '-' && this.peek().kind === 'number') {
        const n = this.next()
        keyValue = -n.num
        k.end = n.end
      } else this.fail(`expected a map key, found ${describe(k)}`, k)
      this.expect(':', 'after the map key')
      const value = this.expression()
      const key = String(keyValue)
      if (entries.some((e) => e.key === key)) this.fail(`duplicate key \`${key}\` in map`, k)
      entries.push({ key, keyValue, keySpan: span(k), value })
      if (!this.isPunct(',')) break
      this.next()
    }
    const close = this.expect('}', 'to close the map')
    this.depth--
    return this.made({ type: 'map', entries, span: join(open, close) }, ...entries.map((x) => x.value))
  }
}

function span(t: Token): Span {
  return { start: t.start, end: t.end }
}

function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression'
  if (t.kind === 'string') return 'a string'
  if (t.kind === 'number') return `\`${t.value}\``
  return `\`${t.value}\``
}

/** Parses `text[start, end)` as one expression; spans are offsets into `text`. Never throws. */
export function parseExpression(text: string, start = 0, end = text.length): ParseResult {
  if (end - start > PARSE_LIMITS.maxLength) {
    return {
      ok: false,
      problem: {
        code: 'limit/expression-length',
        message: `expression is ${end - start} characters long; the limit is ${PARSE_LIMITS.maxLength}`,
        span: { start, end },
      },
    }
  }
  try {
    const tokens = tokenize(text, start, end)
    return { ok: true, expr: new Parser(tokens).parseAll() }
  } catch (e) {
    if (e instanceof SyntaxAbort) return { ok: false, problem: e.problem }
    // A bug must not crash the engine: report it as a syntax problem on the whole text.
    return {
      ok: false,
      problem: { code: 'expr/syntax', message: `cannot parse: ${String(e)}`, span: { start, end } },
    }
  }
}
