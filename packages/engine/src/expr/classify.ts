import { type ParseResult, parseExpression, parseTemplate } from './parser.ts'

/** How a data string is read: a plain literal, or an expression / template to parse. */
export type StringKind =
  | { kind: 'literal'; value: string }
  | { kind: 'expression'; start: number }
  | { kind: 'template' }

// A call at the start: `uuid4()`, `faker.person.fullName(`, `switch(` (possibly multi-line after the paren).
const CALL_START = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\(/
const PREV_START = /^\s*prev\./

/**
 * Classifies a data string (SPEC section 3). In order:
 * a leading `\` makes the rest a literal; a leading `=` makes the rest an expression;
 * a string that starts with a call `name(` is an expression; else a string with `${` is a
 * template; else a string that starts with `prev.` is an expression; anything else is a literal.
 */
export function classifyString(text: string, actor?: string): StringKind {
  if (text.startsWith('\\')) return { kind: 'literal', value: text.slice(1) }
  // Under an actor (SPEC section 9): `user.email` and `visit` read the actor, as written in the SPEC.
  if (actor !== undefined && isActorRead(text, actor)) return { kind: 'expression', start: 0 }
  if (text.startsWith('=')) return { kind: 'expression', start: 1 }
  if (CALL_START.test(text)) return { kind: 'expression', start: 0 }
  if (text.includes('${')) return { kind: 'template' }
  if (PREV_START.test(text)) return { kind: 'expression', start: 0 }
  return { kind: 'literal', value: text }
}

const ACTOR_READ = /^\s*([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/

/** `visit`, or a plain dotted read of the actor (`user.email`, `user.address.city`). */
function isActorRead(text: string, actor: string): boolean {
  if (text.trim() === 'visit') return true
  const m = ACTOR_READ.exec(text)
  return m !== null && m[1] === actor
}

/** True when a data string is an expression or template rather than literal text. */
export function isExpressionString(text: string): boolean {
  return classifyString(text).kind !== 'literal'
}

/** Parses a data string that `classifyString` says is not a literal (spans are offsets into `text`). */
export function parseDataString(text: string, kind: StringKind): ParseResult {
  if (kind.kind === 'template') return parseTemplate(text)
  if (kind.kind === 'expression') return parseExpression(text, kind.start)
  return { ok: true, expr: { type: 'string', value: kind.value, span: { start: 0, end: text.length } } }
}
