import type { DocPath } from '../../diagnostics/diagnostic.ts'
import type { Span } from '../../diagnostics/span.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'

/** A YAML mapping as the tree walker builds it (a null-prototype object: every key is data). */
export type RawMap = Record<string, unknown>

/** True for a mapping (not a list, not null). */
export function isPlainMap(v: unknown): v is RawMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The own value at `key` of a mapping: never an inherited one (`constructor`, `toString`). */
export function own(map: RawMap, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined
}

/** The value at a document path, following only own keys. */
export function getAt(root: unknown, path: DocPath): unknown {
  let cur = root
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = Object.hasOwn(cur, p) ? (cur as Record<string | number, unknown>)[p] : undefined
  }
  return cur
}

/** A document path as users read it: `events[0].data`, quoted; `the story` for the root. */
export function describePath(path: DocPath): string {
  if (path.length === 0) return 'the story'
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p
  return quoteUser(out)
}

/** A value as a message names it: `a list`, `a mapping`, `string "x"`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  const json = JSON.stringify(value) ?? String(value)
  return `${typeof value} ${json.length > 80 ? `${json.slice(0, 79)}…` : json}`
}

/** The first line of a span (a whole mapping would fill the code frame). */
export function headSpan(at: Span, text: string): Span {
  const nl = text.indexOf('\n', at.start)
  if (nl < 0 || nl >= at.end) return at
  return { start: at.start, end: Math.max(at.start, text[nl - 1] === '\r' ? nl - 1 : nl) }
}
