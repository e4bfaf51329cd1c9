import { isAlias, isMap, isScalar, isSeq, type Document, type Node, Scalar } from 'yaml'
import type { DocPath } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import type { DialectValue } from './seed-dialect.ts'
import type { SourceString } from './types.ts'

/** Limits that keep hostile YAML from hanging or crashing the loader (documented in docs/stories.md). */
export const YAML_LIMITS = { maxDepth: 64, maxNodes: 200_000 }

/** Where a value (and its key, for map entries) sits in the file. */
export interface Located {
  value: Span
  key?: Span
}

/**
 * The YAML document as plain JS plus the location of every value, by document path.
 * Strings that came from the file keep a way back to their characters (`strings`).
 */
export interface YamlTree {
  value: unknown
  locations: Map<string, Located>
  strings: Map<string, SourceString>
  problems: { code: string; message: string; span: Span }[]
}

/** Key of a document path in the location maps. */
export function pathKey(path: DocPath): string {
  return path.join('\u0000')
}

/**
 * Converts a parsed document into plain JS, recording spans. We walk the nodes ourselves
 * (instead of `toJS()`) to keep spans, to count alias expansions (alias bombs), to cap depth,
 * and so a key named `__proto__` becomes an ordinary own property.
 */
export function buildYamlTree(
  doc: Document,
  file: string,
  text: string,
  dialect: Map<number, DialectValue>,
): YamlTree {
  const tree: YamlTree = { value: undefined, locations: new Map(), strings: new Map(), problems: [] }
  let nodes = 0
  let stopped = false

  const walk = (node: unknown, path: DocPath, depth: number, keySpan?: Span, aliasSpan?: Span): unknown => {
    if (stopped) return null
    if (++nodes > YAML_LIMITS.maxNodes) {
      stopped = true
      tree.problems.push({
        code: 'limit/alias-count',
        message: `The document expands to more than ${YAML_LIMITS.maxNodes} values (too many aliases?)`,
        span: aliasSpan ?? spanOf(node as Node),
      })
      return null
    }
    if (depth > YAML_LIMITS.maxDepth) {
      stopped = true
      tree.problems.push({
        code: 'limit/depth',
        message: `Values are nested deeper than ${YAML_LIMITS.maxDepth} levels`,
        span: aliasSpan ?? spanOf(node as Node),
      })
      return null
    }
    if (node == null) {
      // `key:` with no value: null, located at the key.
      if (keySpan) tree.locations.set(pathKey(path), { value: { start: keySpan.end, end: keySpan.end }, key: keySpan })
      return null
    }
    if (isAlias(node)) {
      const target = node.resolve(doc)
      const here = aliasSpan ?? spanOf(node)
      return walk(target, path, depth + 1, keySpan, here)
    }
    const span = aliasSpan ?? spanOf(node as Node)
    tree.locations.set(pathKey(path), keySpan ? { value: span, key: keySpan } : { value: span })
    if (isMap(node)) {
      const out: Record<string, unknown> = {}
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null
        const key = isScalar(keyNode) ? String(keyNode.value) : keyNode == null ? '' : String(keyNode)
        const kSpan = aliasSpan ?? (keyNode ? spanOf(keyNode) : span)
        const value = walk(pair.value, [...path, key], depth + 1, kSpan, aliasSpan)
        // defineProperty: a key named `__proto__` is data, not a prototype change.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
      }
      return out
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item, [...path, i], depth + 1, undefined, aliasSpan))
    }
    if (isScalar(node)) {
      const dialectValue = aliasSpan ? undefined : dialect.get(span.start)
      if (dialectValue) {
        const start = dialectValue.start
        tree.strings.set(pathKey(path), {
          text: dialectValue.text,
          file,
          span: { start, end: dialectValue.end },
          path,
          toFile: (i) => start + i,
        })
        return dialectValue.text
      }
      const v = node.value
      if (typeof v === 'string') {
        tree.strings.set(pathKey(path), sourceString(v, node, span, file, text, path))
      }
      return v
    }
    return null
  }

  tree.value = walk(doc.contents, [], 0)
  return tree
}

function spanOf(node: Node | null | undefined): Span {
  const r = node?.range
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }
}

/**
 * Maps a YAML string back to its characters. Plain and simply-quoted scalars are a direct
 * slice; when escapes or line folding changed the text, we map proportionally inside the span
 * (still on the right value, rarely off by a few characters).
 */
function sourceString(value: string, node: Scalar, span: Span, file: string, text: string, path: DocPath): SourceString {
  const raw = text.slice(span.start, span.end)
  let base = -1
  if (raw.startsWith(value)) base = span.start
  else if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && raw.slice(1).startsWith(value))
    base = span.start + 1
  if (base >= 0) return { text: value, file, span, path, toFile: (i) => base + i }
  const inner = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0
  const from = span.start + inner
  const width = Math.max(0, span.end - span.start - 2 * inner)
  return {
    text: value,
    file,
    span,
    path,
    toFile: (i) => from + (value.length ? Math.round((i / value.length) * width) : 0),
  }
}
