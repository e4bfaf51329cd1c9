import type { Span } from '../diagnostics/span.ts'

/** Binary operators (arithmetic, comparison, membership). */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in'

/** Short-circuit operators; `and`/`&&` and `or`/`||` are the same node. */
export type LogicalOp = 'and' | 'or' | '??'

/** A map literal entry: the key as written (`'free'`, `free`, `1`) and its value. */
export interface MapEntry {
  key: string
  /** The key's literal value as written: a number key stays a number (used by `weighted`). */
  keyValue: string | number | boolean | null
  keySpan: Span
  value: Expr
}

/** A keyword argument `name=value`. */
export interface KeywordArg {
  name: string
  nameSpan: Span
  value: Expr
}

/** A literal text run of a template. */
export interface TemplateText {
  type: 'text'
  value: string
  span: Span
}

/** An expression node. Every node has a span: offsets into the text it was parsed from. */
export type Expr =
  | {
      type: 'number'
      value: number /** Written with a decimal point or exponent. */
      isFloat: boolean
      span: Span
    }
  | { type: 'string'; value: string; span: Span }
  | { type: 'bool'; value: boolean; span: Span }
  | { type: 'null'; span: Span }
  | { type: 'list'; items: Expr[]; span: Span }
  | { type: 'map'; entries: MapEntry[]; span: Span }
  | { type: 'name'; name: string; span: Span }
  | { type: 'member'; object: Expr; property: string; propertySpan: Span; span: Span }
  | { type: 'index'; object: Expr; index: Expr; span: Span }
  | { type: 'call'; callee: Expr; args: Expr[]; kwargs: KeywordArg[]; span: Span }
  | { type: 'unary'; op: '-' | '+' | '!' | 'not'; operand: Expr; span: Span }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; opSpan: Span; span: Span }
  | { type: 'logical'; op: LogicalOp; left: Expr; right: Expr; span: Span }
  | { type: 'conditional'; test: Expr; consequent: Expr; alternate: Expr; span: Span }
  | { type: 'template'; parts: (TemplateText | Expr)[]; span: Span }

/** One node type, by its `type` tag. */
export type ExprOf<T extends Expr['type']> = Extract<Expr, { type: T }>

/** The dotted name of a pure name path (`faker.person.fullName`, `user.signup.id`), else undefined. */
export function dottedName(e: Expr): string | undefined {
  if (e.type === 'name') return e.name
  if (e.type === 'member') {
    const head = dottedName(e.object)
    return head === undefined ? undefined : `${head}.${e.property}`
  }
  return undefined
}
