import { classifyString } from '../expr/classify.ts'
import type { DataNode } from './data-node.ts'

/** A YAML double-quoted scalar: JSON's escapes, plus the characters YAML would read as line breaks. */
export function yamlQuote(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0085\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** A mapping key: plain when it is a simple name, else quoted. */
export function yamlKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(key)
    ? key
    : yamlQuote(key)
}

/** A comment's text, on one line. */
export function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ')
}

/** A literal data value: a string the engine would read as an expression gets the `\` escape. */
function literalText(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value)
  const escaped = value.startsWith('\\') || classifyString(value).kind !== 'literal' ? `\\${value}` : value
  return yamlQuote(escaped)
}

/** One line's value and comment for a scalar node. */
function scalar(node: DataNode): string {
  if (node.kind === 'expr') return yamlQuote(node.text)
  if (node.kind === 'literal') return literalText(node.value)
  return node.kind === 'map' ? '{}' : '[]'
}

function isEmptyCollection(node: DataNode): boolean {
  return (
    (node.kind === 'map' && node.entries.length === 0) || (node.kind === 'list' && node.items.length === 0)
  )
}

/** Writes a `data:` map's entries at `indent`, each with its comment. */
export function renderEntries(entries: readonly [string, DataNode][], indent: string, out: string[]): void {
  for (const [key, node] of entries) renderNode(`${indent}${yamlKey(key)}:`, node, indent, out)
}

function renderNode(head: string, node: DataNode, indent: string, out: string[]): void {
  const note = `  # ${commentText(node.note)}`
  if (node.kind === 'map' && node.entries.length > 0) {
    out.push(`${head}${note}`)
    renderEntries(node.entries, `${indent}  `, out)
  } else if (node.kind === 'list' && node.items.length > 0) {
    out.push(`${head}${note}`)
    for (const item of node.items) renderItem(item, `${indent}  `, out)
  } else out.push(`${head} ${scalar(node)}${note}`)
}

function renderItem(node: DataNode, indent: string, out: string[]): void {
  if (node.kind === 'map' && node.entries.length > 0) {
    const [first, ...rest] = node.entries
    renderNode(`${indent}- ${yamlKey(first[0])}:`, first[1], `${indent}  `, out)
    renderEntries(rest, `${indent}  `, out)
  } else if (node.kind === 'list' && !isEmptyCollection(node)) {
    // A list in a list: written in flow style would lose the comments, so nest it under a dash.
    out.push(`${indent}-  # ${commentText(node.note)}`)
    for (const item of node.items) renderItem(item, `${indent}  `, out)
  } else out.push(`${indent}- ${scalar(node)}  # ${commentText(node.note)}`)
}
