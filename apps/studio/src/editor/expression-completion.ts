/**
 * What to suggest inside expressions, decided from the text before the cursor (pure, so it is tested
 * without Monaco). Story keys come from monaco-yaml and the story JSON Schema; this covers values.
 */
import type { BuiltinDoc, OutlineEvent, StoryOutline } from '@autosource/engine/worker'

/** Where the cursor is, as far as expression completion cares. */
export type CompletionSpot =
  | { kind: 'none' }
  | { kind: 'faker'; prefix: string }
  | { kind: 'prev'; prefix: string }
  | { kind: 'ref'; prefix: string }
  | { kind: 'after'; prefix: string }
  | { kind: 'use'; prefix: string }
  | { kind: 'expression'; prefix: string }

/** Context names every expression can read (SPEC section 3). */
export const CONTEXT_NAMES = ['timestamp', 'index', 'org_id', 'source', 'event'] as const

/** Keys whose values are expressions (besides everything under `data:`). */
const EXPRESSION_KEYS = new Set(['offset', 'delay', 'jitter', 'when', 'every', 'probability'])

/**
 * Classifies the cursor from the text before it on its line, and whether the line is inside `data:`
 * (or continues a multi-line expression, e.g. the seed's `switch(plan, {` over several lines).
 */
export function completionSpot(
  lineBefore: string,
  inData: boolean,
  continuesExpression = false,
): CompletionSpot {
  let m = /^\s*(?:-\s+)?after:\s*([\w.-]*)$/.exec(lineBefore)
  if (m) return { kind: 'after', prefix: m[1] }
  // `use:` offers the built-in vendor templates (`stripe/invoice.paid`); the prefix spans the `/`.
  m = /^\s*(?:-\s+)?use:\s*([\w./$-]*)$/.exec(lineBefore)
  if (m) return { kind: 'use', prefix: m[1] }
  m = /\b(?:ref|lookup)\(\s*([\w.]*)$/.exec(lineBefore)
  if (m) return { kind: 'ref', prefix: m[1] }
  m = /\bfaker\.([\w.]*)$/.exec(lineBefore)
  if (m) return { kind: 'faker', prefix: m[1] }
  m = /\bprev\.(\w*)$/.exec(lineBefore)
  if (m) return { kind: 'prev', prefix: m[1] }
  const word = /([A-Za-z_]\w*)?$/.exec(lineBefore)?.[1] ?? ''
  // Not after a dot: `a.b` member access has nothing useful to offer.
  if (lineBefore.slice(0, lineBefore.length - word.length).endsWith('.')) return { kind: 'none' }
  const keyed = /^\s*(?:-\s+)?([\w$-]+):\s+(.*)$/.exec(lineBefore)
  if (keyed) {
    const [, key, value] = keyed
    if (!inData && !EXPRESSION_KEYS.has(key)) return { kind: 'none' }
    // Inside quotes a value is a literal, unless it is a ${...} template.
    if (/^['"]/.test(value) && !/\$\{[^}]*$/.test(value)) return { kind: 'none' }
    return { kind: 'expression', prefix: word }
  }
  if (continuesExpression) return { kind: 'expression', prefix: word }
  return { kind: 'none' }
}

/** One suggestion, Monaco-agnostic. */
export interface Suggestion {
  label: string
  kind: 'function' | 'field' | 'event' | 'module' | 'variable' | 'keyword'
  insertText: string
  /** insertText is a Monaco snippet (`$0` places the cursor). */
  snippet?: boolean
  detail?: string
  documentation?: string
}

/** The event definition of `file` whose source span contains `offset`, if any (included events live in other files). */
export function eventAt(
  outline: StoryOutline | null,
  offset: number,
  file: string,
): OutlineEvent | undefined {
  return outline?.events.find((e) => e.file === file && e.span.start <= offset && offset <= e.span.end)
}

/** Suggestions for a spot, from the engine's catalog and the story outline. */
export function suggestionsFor(
  spot: CompletionSpot,
  ctx: {
    builtins: readonly BuiltinDoc[]
    fakerPaths: readonly string[]
    outline: StoryOutline | null
    current?: OutlineEvent
    /** Built-in templates for `use:` (the engine's BUILTIN_TEMPLATE_NAMES). */
    templates?: readonly { name: string; doc: string }[]
  },
): Suggestion[] {
  const events = ctx.outline?.events ?? []
  switch (spot.kind) {
    case 'none':
      return []
    case 'use':
      return (ctx.templates ?? []).map((t) => ({
        label: t.name,
        kind: 'module',
        insertText: t.name,
        detail: 'built-in template',
        documentation: t.doc,
      }))
    case 'after':
      return events
        .filter((e) => e !== ctx.current)
        .map((e) => ({ label: e.id, kind: 'event', insertText: e.id, detail: `${e.source} · ${e.event}` }))
    case 'ref': {
      const out: Suggestion[] = []
      for (const e of events) {
        if (e === ctx.current) continue
        for (const f of e.fields) {
          out.push({
            label: `${e.id}.${f}`,
            kind: 'field',
            insertText: `${e.id}.${f}`,
            detail: `${e.source} · ${e.event}`,
          })
        }
      }
      return out
    }
    case 'faker':
      return ctx.fakerPaths.map((p) => ({
        label: p,
        kind: 'module',
        insertText: `${p}($0)`,
        snippet: true,
        detail: `faker.${p}()`,
      }))
    case 'prev':
      return (ctx.current?.fields ?? []).map((f) => ({
        label: f,
        kind: 'field',
        insertText: f,
        detail: 'value in the previous occurrence (null on the first)',
      }))
    case 'expression': {
      const out: Suggestion[] = ctx.builtins.map((b) => ({
        label: b.name,
        kind: 'function',
        insertText: `${b.name}($0)`,
        snippet: true,
        detail: b.signature,
        documentation: b.example ? `${b.doc}\n\nExample: \`${b.example}\`` : b.doc,
      }))
      for (const f of ctx.current?.fields ?? []) {
        out.push({ label: f, kind: 'field', insertText: f, detail: 'sibling field of this event' })
      }
      for (const name of CONTEXT_NAMES) {
        out.push({
          label: name,
          kind: 'variable',
          insertText: name,
          detail: 'context value of this occurrence',
        })
      }
      out.push({ label: 'faker', kind: 'module', insertText: 'faker.', detail: 'any @faker-js/faker method' })
      out.push({
        label: 'prev',
        kind: 'keyword',
        insertText: 'prev.',
        detail: 'a field of the previous occurrence',
      })
      return out
    }
  }
}

/** Hover text for a function name, or undefined. */
export function hoverFor(word: string, builtins: readonly BuiltinDoc[]): string | undefined {
  const b = builtins.find((x) => x.name === word)
  if (!b) return undefined
  return `**${b.signature}**\n\n${b.doc}${b.example ? `\n\nExample: \`${b.example}\`` : ''}`
}

/**
 * Whether the line at `lineNumber` (1-based) is inside an event's `data:` block, judged by indentation:
 * the nearest less-indented key above is `data:` or another key nested in `data:`.
 */
export function isInsideData(lines: readonly string[], lineNumber: number): boolean {
  const line = lines[lineNumber - 1] ?? ''
  let indent = /^\s*/.exec(line)![0].length
  for (let i = lineNumber - 2; i >= 0; i--) {
    const text = lines[i]
    if (!text.trim() || /^\s*#/.test(text)) continue
    const ind = /^\s*/.exec(text)![0].length
    if (ind >= indent) continue
    const key = /^\s*(?:-\s+)?([\w$-]+):/.exec(text)?.[1]
    if (key === 'data') return true
    if (/^\s*-\s/.test(text) || ind === 0) return false
    indent = ind
  }
  return false
}

/**
 * Whether the cursor line continues an expression opened on an earlier line (an unbalanced `(`, `[`
 * or `{` in the lines above, within the same value), as in the seed's multi-line `switch(...)`.
 */
export function continuesExpression(lines: readonly string[], lineNumber: number): boolean {
  let depth = 0
  for (let i = lineNumber - 2; i >= 0 && i >= lineNumber - 40; i--) {
    const text = lines[i]
    for (const ch of text) {
      if (ch === '(' || ch === '[' || ch === '{') depth++
      else if (ch === ')' || ch === ']' || ch === '}') depth--
    }
    if (/^\s*(?:-\s+)?[\w$-]+:\s/.test(text)) return depth > 0
  }
  return false
}
