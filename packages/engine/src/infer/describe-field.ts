import { type DataNode, exprString, float, num, pct, sureness } from './data-node.ts'
import { describeStrings } from './describe-string.ts'
import type { FieldStats } from './field-stats.ts'
import { fitNumbers } from './fit-number.ts'
import { INFER_LIMITS } from './limits.ts'
import { median } from './string-format.ts'

/** What describing a field needs besides its stats. */
export interface DescribeContext {
  /** A replacement expression for a field path (an id relation), if there is one. */
  relationFor: (path: readonly string[]) => { text: string; note: string } | undefined
  /** Epoch ms of the samples' first and last times: numbers near them are unix times. */
  window: { first: number; last: number } | undefined
}

/**
 * The data node for one field from what was seen of it: a constant, an enum with its observed
 * weights, a format's generator, a fitted distribution, a nested map or a list; `parentCount` is
 * how often the field could have been present (so missing counts as null).
 */
export function describeField(
  stats: FieldStats,
  parentCount: number,
  key: string,
  path: readonly string[],
  context: DescribeContext,
): DataNode {
  const nonNull = stats.present - stats.nulls - stats.tooDeep
  const missing = parentCount - stats.present
  const nullShare = parentCount > 0 ? 1 - nonNull / parentCount : 0
  const presence = missing > 0 ? `; missing in ${pct(missing / parentCount)} (written as null)` : ''
  if (stats.tooDeep > 0 && nonNull <= 0)
    return {
      kind: 'literal',
      value: null,
      note: `nested deeper than ${INFER_LIMITS.maxFieldDepth} levels: not inferred`,
    }
  if (nonNull <= 0)
    return { kind: 'literal', value: null, note: `always null (${stats.present} samples${presence})` }
  const nulls = nullShare > 0 ? `; null in ${pct(nullShare)}` : ''
  const dominant = dominantKind(stats)
  const mixed = dominant.share < 1 ? `; mixed types, ${pct(dominant.share)} ${dominant.kind}` : ''
  const tail = `${nulls}${mixed}${presence}`
  if (dominant.kind === 'object') {
    const entries: [string, DataNode][] = [...stats.fields].map(([k, child]) => [
      k,
      describeField(child, stats.objects, k, [...path, k], context),
    ])
    return { kind: 'map', entries, note: `object${tail}` }
  }
  if (dominant.kind === 'array') return describeList(stats, key, path, context, tail)
  const relation = context.relationFor(path)
  if (relation) return wrapNull({ kind: 'expr', ...relation }, nullShare, tail)
  const enumNode = describeEnum(stats, nonNull, nullShare, dominant.kind)
  if (enumNode) return { ...enumNode, note: enumNode.note + mixed + presence }
  return wrapNull(describeScalar(stats, key, dominant.kind, context), nullShare, tail)
}

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array'

function dominantKind(stats: FieldStats): { kind: Kind; share: number } {
  const counts: [Kind, number][] = [
    ['string', stats.strings],
    ['number', stats.integers + stats.floats],
    ['boolean', stats.booleans],
    ['object', stats.objects],
    ['array', stats.arrays],
  ]
  const total = counts.reduce((s, [, c]) => s + c, 0)
  const [kind, count] = counts.reduce((best, c) => (c[1] > best[1] ? c : best))
  return { kind, share: count / total }
}

function describeList(
  stats: FieldStats,
  key: string,
  path: readonly string[],
  context: DescribeContext,
  tail: string,
): DataNode {
  const length = Math.min(5, median(stats.lengths))
  const items = stats.items
  if (!items || length === 0) return { kind: 'list', items: [], note: `list, usually empty${tail}` }
  const item = describeField(items, items.present, key, [...path, '[]'], context)
  const note = `list of ${length} item${length === 1 ? '' : 's'} (median length of ${stats.lengths.length})${tail}`
  return { kind: 'list', items: Array.from({ length }, () => item), note }
}

/** Low-cardinality values: a constant, or `weighted({...})` with the observed shares (null among them). */
function describeEnum(
  stats: FieldStats,
  nonNull: number,
  nullShare: number,
  kind: Kind,
): DataNode | undefined {
  if (kind === 'boolean' || stats.distinctOverflow) return undefined
  const values = [...stats.distinct.values()].filter(
    (v) => typeof v.value === (kind === 'number' ? 'number' : 'string'),
  )
  const d = values.length
  if (d === 0 || d > INFER_LIMITS.maxEnum) return undefined
  const repeated = kind === 'number' ? d <= 10 && d * 5 <= nonNull : d * 2 <= nonNull
  if (d > 1 && !repeated) return undefined
  if (values.some((v) => String(v.value).length > INFER_LIMITS.maxEnumChars)) return undefined
  const n = values.reduce((s, v) => s + v.count, 0)
  const how = `${n} samples; ${sureness(1, n)}`
  if (d === 1 && nullShare === 0) {
    const value = values[0].value
    return { kind: 'literal', value, note: `always ${JSON.stringify(value).slice(0, 40)} (${how})` }
  }
  const total = n / (1 - nullShare)
  values.sort((a, b) => b.count - a.count)
  const parts = values.map((v) => `${literalKey(v.value)}: ${num(v.count / total)}`)
  if (nullShare > 0) parts.push(`null: ${num(nullShare)}`)
  const label = d === 1 ? 'one value or null' : `enum of ${d} values`
  return {
    kind: 'expr',
    text: `weighted({${parts.join(', ')}})`,
    note: `${label}, observed weights (${how})`,
  }
}

function literalKey(v: string | number | boolean): string {
  return typeof v === 'string' ? exprString(v) : String(v)
}

function describeScalar(
  stats: FieldStats,
  key: string,
  kind: Kind,
  context: DescribeContext,
): { kind: 'expr'; text: string; note: string } {
  if (kind === 'boolean') {
    const p = stats.trues / stats.booleans
    if (p === 0 || p === 1)
      return {
        kind: 'expr',
        text: p === 1 ? '= true' : '= false',
        note: `always ${p === 1} (${stats.booleans} samples)`,
      }
    return {
      kind: 'expr',
      text: `bool(${num(p)})`,
      note: `boolean, true in ${pct(p)} (${stats.booleans} samples)`,
    }
  }
  if (kind === 'string') return { kind: 'expr', ...describeStrings(stats, key) }
  return { kind: 'expr', ...describeNumbers(stats, context) }
}

/** True when every value lies within a day of the samples' time span (scaled to ms by `unit`). */
function nearWindow(min: number, max: number, unit: number, context: DescribeContext): boolean {
  const w = context.window
  const day = 86_400_000
  return w !== undefined && min * unit >= w.first - day && max * unit <= w.last + day
}

function describeNumbers(stats: FieldStats, context: DescribeContext): { text: string; note: string } {
  const values = stats.numbers
  const n = values.length
  const integers = stats.floats === 0
  const min = Math.min(...values)
  const max = Math.max(...values)
  if (integers && min >= 1e9 && max < 4e9 && nearWindow(min, max, 1000, context))
    return { text: "datetime('unix')", note: `unix time in seconds (${n} samples)` }
  if (integers && min >= 1e12 && max < 4e12 && nearWindow(min, max, 1, context))
    return { text: "datetime('unix_ms')", note: `unix time in milliseconds (${n} samples)` }
  const fit = fitNumbers(values)
  const range = `${num(min)}..${num(max)}`
  const how = `KS distance ${num(fit.distance)}; ${sureness(1 - fit.distance * 3, n)}`
  const d = stats.decimals
  // A normal draw is kept inside the observed range (its tails would otherwise give e.g. negative counts).
  const clamp = (x: string): string => `min(${num(max)}, max(${num(min)}, ${x}))`
  let draw: string
  if (fit.kind === 'uniform')
    draw = integers ? `random(${num(min)}, ${num(max)})` : `round(random(${float(min)}, ${float(max)}), ${d})`
  else if (fit.kind === 'normal') {
    const g = `gaussian(${num(fit.mean)}, ${num(fit.sd)})`
    draw = clamp(integers ? `round(${g})` : `round(${g}, ${d})`)
  } else {
    const g = `lognormal(${num(fit.mu)}, ${num(fit.sigma)})`
    draw = integers ? `round(${g})` : `round(${g}, ${d})`
  }
  const type = integers ? 'integer' : 'number'
  return { text: draw, note: `${type} ${range}, ${fit.kind} fit (${how})` }
}

/** Makes a field null in `share` of the events, as often as the samples were. */
function wrapNull(node: { kind: 'expr'; text: string; note: string }, share: number, tail: string): DataNode {
  const note = node.note + tail
  if (share <= 0) return { ...node, note }
  const inner = node.text.startsWith('=') ? node.text.slice(1).trim() : node.text
  return { kind: 'expr', text: `= bool(${num(share)}) ? null : ${inner}`, note }
}
