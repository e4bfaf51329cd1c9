import { UsageError } from '../cli-io.ts'
import { parseExpression, type StoryEvent } from '../engine.ts'

/** An expression node (the engine's AST, as its parser returns it). */
type Expr = Extract<ReturnType<typeof parseExpression>, { ok: true }>['expr']

/**
 * Compiles `--key EXPR` (the Kafka message key) with the engine's expression parser. A key is
 * made of the event's fields: `id`, `org_id`, `source`, `event`, `timestamp`, `data.a.b`,
 * `data['x']`, string and number literals, `+` to join and template strings. A key that
 * evaluates to nothing is the empty string; objects become their JSON. Default: the event id.
 */
export function compileKeyExpression(text: string | undefined): (event: StoryEvent) => string {
  if (text === undefined) return (event) => String(event.id)
  const parsed = parseExpression(text)
  if (!parsed.ok) throw new UsageError(`--key: ${parsed.problem.message}`)
  const evaluate = compileNode(parsed.expr, text)
  return (event) => asKey(evaluate(event))
}

const ENVELOPE = new Set(['id', 'org_id', 'source', 'event', 'timestamp', 'data'])

type Getter = (event: StoryEvent) => unknown

function compileNode(e: Expr, text: string): Getter {
  switch (e.type) {
    case 'string':
    case 'number':
    case 'bool': {
      const value = e.value
      return () => value
    }
    case 'name': {
      if (!ENVELOPE.has(e.name))
        throw new UsageError(`--key: unknown field '${e.name}' (use ${[...ENVELOPE].join(', ')})`)
      const name = e.name as keyof StoryEvent
      return (event) => event[name]
    }
    case 'member': {
      const object = compileNode(e.object, text)
      const property = e.property
      return (event) => field(object(event), property)
    }
    case 'index': {
      const object = compileNode(e.object, text)
      const index = compileNode(e.index, text)
      return (event) => field(object(event), index(event))
    }
    case 'binary': {
      if (e.op !== '+') break
      const left = compileNode(e.left, text)
      const right = compileNode(e.right, text)
      return (event) => asKey(left(event)) + asKey(right(event))
    }
    case 'template': {
      const parts = e.parts.map((p) =>
        'type' in p && p.type === 'text' ? () => p.value : compileNode(p as Expr, text),
      )
      return (event) => parts.map((p) => asKey(p(event))).join('')
    }
  }
  throw new UsageError(
    `--key: '${text.slice(e.span.start, e.span.end)}' is not supported in a key (fields, literals, + and templates)`,
  )
}

/** An own field of a plain value (never the prototype chain: a key `__proto__` is just missing). */
function field(object: unknown, key: unknown): unknown {
  if (object === null || typeof object !== 'object') return undefined
  const k = String(key)
  return Object.hasOwn(object, k) ? (object as Record<string, unknown>)[k] : undefined
}

function asKey(v: unknown): string {
  if (v === undefined || v === null) return ''
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}
