import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml'
import type { DiagnosticCode } from '../diagnostics/codes.ts'
import type { DocPath } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { quoteUser } from '../diagnostics/user-text.ts'
import type { DialectValue } from './seed-dialect.ts'
import type { SourceString } from './types.ts'

/**
 * Limits that keep hostile YAML from hanging or crashing the loader (documented in docs/stories.md).
 * `maxNodes` counts values reached through aliases (`*a`): the text itself is bounded by the file
 * size limit, alias expansion is not (the "billion laughs" attack).
 */
export const YAML_LIMITS = { maxDepth: 64, maxNodes: 50_000 }

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
  /** Problems found while walking; `limit/*` ones stop the walk (the tree is then incomplete). */
  problems: { code: DiagnosticCode; message: string; span: Span }[]
}

/** Key of a document path in the location maps. */
export function pathKey(path: DocPath): string {
  return path.join('\u0000')
}

/**
 * Converts a parsed document into plain JS, recording spans. We walk the nodes ourselves
 * (instead of `toJS()`) to keep spans, to count alias expansions (alias bombs), to cap depth,
 * and so a key named `__proto__` (or `constructor`) is an ordinary own property of a
 * null-prototype object.
 */
export function buildYamlTree(
  doc: Document,
  file: string,
  text: string,
  dialect: Map<number, DialectValue>,
): YamlTree {
  const tree: YamlTree = { value: undefined, locations: new Map(), strings: new Map(), problems: [] }
  let expanded = 0
  let stopped = false
  // `Alias.resolve(doc)` searches the whole document on every call: resolve each alias node once.
  const resolved = new Map<unknown, unknown>()

  // `key` is always `pathKey(path)`, built step by step (joining every path again is the hot spot).
  const walk = (
    node: unknown,
    path: DocPath,
    key: string,
    depth: number,
    keySpan?: Span,
    aliasSpan?: Span,
    inFlow = false,
  ): unknown => {
    if (stopped) return null
    if (aliasSpan && ++expanded > YAML_LIMITS.maxNodes) {
      stopped = true
      tree.problems.push({
        code: 'limit/alias-count',
        message: `Aliases expand to more than ${YAML_LIMITS.maxNodes} values (an "alias bomb"?)`,
        span: aliasSpan,
      })
      return null
    }
    if (depth > YAML_LIMITS.maxDepth) {
      stopped = true
      tree.problems.push({
        code: 'limit/depth',
        message: `Values are nested deeper than ${YAML_LIMITS.maxDepth} levels`,
        span: aliasSpan ?? keySpan ?? headOf(spanOf(node as Node), text),
      })
      return null
    }
    if (node == null) {
      // `key:` with no value: null, located at the key.
      if (keySpan) tree.locations.set(key, { value: { start: keySpan.end, end: keySpan.end }, key: keySpan })
      return null
    }
    if (isAlias(node)) {
      if (!resolved.has(node)) {
        const target = node.resolve(doc)
        resolved.set(node, target)
        // The yaml package quietly makes an unknown alias null: say so.
        if (!target) {
          tree.problems.push({
            code: 'yaml/syntax',
            message: `Alias ${quoteUser(`*${node.source}`)} has no anchor ${quoteUser(`&${node.source}`)} before it`,
            span: spanOf(node),
          })
        }
      }
      const here = aliasSpan ?? spanOf(node)
      return walk(resolved.get(node), path, key, depth + 1, keySpan, here)
    }
    const own = spanOf(node as Node)
    const span = aliasSpan ?? own
    tree.locations.set(key, keySpan ? { value: span, key: keySpan } : { value: span })
    const child = (seg: string | number) => (path.length === 0 ? String(seg) : `${key}\u0000${seg}`)
    if (isMap(node)) {
      // Null prototype: a key `constructor` or `toString` is data, never an inherited method.
      const out: Record<string, unknown> = Object.create(null)
      const merges: { value: unknown; keySpan: Span }[] = []
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          // A YAML merge key `<<: *base` (or a list of aliases): applied after the explicit keys, which win.
          merges.push({ value: pair.value, keySpan: aliasSpan ?? spanOf(keyNode) })
          continue
        }
        const k = isScalar(keyNode) ? String(keyNode.value) : keyNode == null ? '' : sourceText(keyNode, text)
        const kSpan = aliasSpan ?? (keyNode ? spanOf(keyNode) : span)
        if (Object.hasOwn(out, k)) {
          // Checked here with a hash (the yaml package's own check compares every pair of keys).
          tree.problems.push({
            code: 'yaml/duplicate-key',
            message: `Map keys must be unique: ${quoteUser(k)} appears more than once`,
            span: kSpan,
          })
          continue
        }
        const value = walk(
          pair.value,
          [...path, k],
          child(k),
          depth + 1,
          kSpan,
          aliasSpan,
          node.flow === true,
        )
        // defineProperty: a key named `__proto__` is data, not a prototype change.
        Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true })
      }
      for (const m of merges) {
        const sources = isSeq(m.value) ? m.value.items : [m.value]
        for (const src of sources) {
          if (isAlias(src) && !resolved.has(src)) resolved.set(src, src.resolve(doc))
          const target = isAlias(src) ? resolved.get(src) : src
          if (!isMap(target)) {
            tree.problems.push({
              code: 'yaml/syntax',
              message: 'A merge key `<<` takes an alias of a mapping (or a list of them)',
              span: src ? spanOf(src as Node) : m.keySpan,
            })
            continue
          }
          const at = isAlias(src) ? spanOf(src) : m.keySpan
          for (const pair of target.items) {
            const keyNode = pair.key as Node | null
            const k = isScalar(keyNode) ? String(keyNode.value) : ''
            if (Object.hasOwn(out, k)) continue
            const value = walk(pair.value, [...path, k], child(k), depth + 1, m.keySpan, aliasSpan ?? at)
            Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true })
          }
        }
      }
      return out
    }
    if (isSeq(node)) {
      return node.items.map((item, i) =>
        walk(item, [...path, i], child(i), depth + 1, undefined, aliasSpan, node.flow === true),
      )
    }
    if (isScalar(node)) {
      // A seed-dialect call is found by where its own node starts, also when reached through an alias.
      const dialectValue = dialect.get(own.start)
      if (dialectValue) {
        const start = aliasSpan ? aliasSpan.start : dialectValue.start
        const end = aliasSpan ? aliasSpan.end : dialectValue.end
        tree.strings.set(key, {
          text: dialectValue.text,
          file,
          span: { start, end },
          path,
          // Through an alias, positions land on the alias (`*a`), where the value is used.
          toFile: aliasSpan ? (i) => Math.min(start + i, end) : (i) => start + i,
        })
        return dialectValue.text
      }
      const v = node.value
      if (inFlow && !aliasSpan && node.type === 'PLAIN' && typeof v === 'string' && opensMoreThanCloses(v)) {
        // `{x: random(1, 2)}`: YAML splits the call at its comma into `random(1` and a key `2)`.
        tree.problems.push({
          code: 'yaml/unquoted-call',
          message: `${quoteUser(v)} is a call cut short: inside \`{...}\` or \`[...]\`, YAML splits unquoted values at commas`,
          span,
        })
      }
      if (typeof v === 'string') {
        tree.strings.set(key, sourceString(v, node, span, file, text, path))
      }
      return v
    }
    return null
  }

  tree.value = walk(doc.contents, [], '', 0)
  return tree
}

/**
 * The text of a complex key (`? [a, b]`) as written. Not `String(node)`: that converts the node
 * to JS, which expands aliases and throws on a merge key inside it.
 */
function sourceText(node: Node, text: string): string {
  const r = node.range
  return r ? text.slice(r[0], Math.min(r[1], r[0] + 200)) : ''
}

/** True when a text has more `(` than `)`: a call that was cut off. */
function opensMoreThanCloses(v: string): boolean {
  let depth = 0
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '(') depth++
    else if (v[i] === ')') depth--
  }
  return depth > 0
}

/** The first line of a span: a caret line for a value that may run over many lines. */
function headOf(span: Span, text: string): Span {
  const nl = text.indexOf('\n', span.start)
  const end = nl < 0 || nl > span.end ? span.end : nl > span.start && text[nl - 1] === '\r' ? nl - 1 : nl
  return { start: span.start, end: Math.max(span.start, end) }
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
function sourceString(
  value: string,
  node: Scalar,
  span: Span,
  file: string,
  text: string,
  path: DocPath,
): SourceString {
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
