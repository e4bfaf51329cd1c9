import type { Span } from '../../diagnostics/span.ts'
import type { Expr } from '../ast.ts'
import { ExprRuntimeError, isPlainMap, toText, typeOf } from '../values.ts'
import { copyValue, listOrRest } from './args.ts'
import type { Builtin, Rng } from './types.ts'

/** A cumulative weight table for `weighted`, or a problem message. */
export function weightTable(
  values: unknown[],
  weights: unknown[],
): { values: unknown[]; cumulative: number[] } | string {
  if (values.length === 0) return 'weighted() needs at least one value'
  if (values.length !== weights.length) return 'weighted() needs as many weights as values'
  const cumulative: number[] = []
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (typeof w !== 'number' || !Number.isFinite(w))
      return `weight of \`${toText(values[i])}\` must be a number`
    if (w < 0) return `weight of \`${toText(values[i])}\` is negative (${w})`
    total += w
    cumulative.push(total)
  }
  if (total <= 0) return 'weighted() needs a positive total weight'
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total
  return { values, cumulative }
}

function pickWeighted(rng: Rng, t: { values: unknown[]; cumulative: number[] }): unknown {
  const u = rng.next()
  const cum = t.cumulative
  // Binary search: large tables stay fast.
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (u < cum[mid]) hi = mid
    else lo = mid + 1
  }
  return t.values[lo]
}

/** The values and weights of `weighted({...})` or `weighted([values], [weights])` arguments. */
function weightedParts(a: unknown, b: unknown): [unknown[], unknown[]] | string {
  if (b === undefined) {
    if (!isPlainMap(a)) return `weighted() takes a map {value: weight}, not ${typeOf(a)}`
    const keys = Object.keys(a)
    return [keys, keys.map((k) => a[k])]
  }
  if (!Array.isArray(a) || !Array.isArray(b)) return 'weighted(values, weights) takes two lists'
  return [a, b]
}

function mapEntryValues(
  e: Expr | undefined,
): { values: unknown[]; spans: Span[]; weights: Expr[] } | undefined {
  if (e?.type !== 'map') return undefined
  return {
    values: e.entries.map((x) => x.keyValue),
    spans: e.entries.map((x) => x.keySpan),
    weights: e.entries.map((x) => x.value),
  }
}

/** Picking one value: uniform, weighted, or by case. */
export const CHOICE_BUILTINS: Record<string, Builtin> = {
  choice: {
    name: 'choice',
    signature: 'choice(list)',
    summary: 'A uniform pick from a list (or from the arguments: `choice(a, b, c)`).',
    params: [{ name: 'items', types: ['list', 'any'], doc: 'a list, or several values', rest: true }],
    returns: 'any',
    returnsDoc: 'one of the items',
    random: true,
    examples: [
      { expression: "choice(['free', 'pro', 'enterprise'])" },
      { expression: "choice('heads', 'tails')" },
    ],
    impl: (c, args, site) => {
      const items = listOrRest(args, site.span, 'choice')
      if (items.length === 0)
        throw new ExprRuntimeError('runtime/type-error', 'choice() of an empty list', site.span)
      return items[Math.floor(c.rng.next() * items.length)]
    },
    compile: ({ rest }) => {
      const only = rest.length === 1 ? rest[0] : undefined
      if (only?.constant && Array.isArray(only.value) && only.value.length > 0) {
        const items = only.value
        const n = items.length
        // Items are constants: copy lists/maps so no two events share one object.
        return (c) => copyValue(items[Math.floor(c.rng.next() * n)])
      }
      return undefined
    },
    check: (_args, rest) =>
      rest.length === 1 && rest[0].type === 'list' && rest[0].items.length === 0
        ? [{ code: 'expr/arguments', message: 'choice() of an empty list', span: rest[0].span }]
        : [],
  },
  weighted: {
    name: 'weighted',
    signature: 'weighted({value: weight, ...})',
    summary:
      'A weighted pick. Weights are normalised (they need not sum to 1); a negative weight is an error. Also `weighted([values], [weights])`. Number keys (`{1: 0.5, 2: 0.5}`) give numbers.',
    params: [
      { name: 'choices', types: ['map', 'list'], doc: 'a map from value to weight (or a list of values)' },
      { name: 'weights', types: ['list'], doc: 'weights, when `choices` is a list', optional: true },
    ],
    returns: 'any',
    returnsDoc: 'one of the values',
    random: true,
    examples: [
      { expression: "weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})" },
      { expression: "weighted(['a', 'b'], [3, 1])" },
    ],
    impl: (c, [a, b], site) => {
      const parts = weightedParts(a, b)
      const t = typeof parts === 'string' ? parts : weightTable(parts[0], parts[1])
      if (typeof t === 'string') throw new ExprRuntimeError('runtime/type-error', t, site.span)
      return pickWeighted(c.rng, t)
    },
    compile: ({ args: [a, b] }) => {
      let values: unknown[] | undefined
      let weights: unknown[] | undefined
      // A map literal keeps its keys as written: number keys give numbers.
      const entries = mapEntryValues(a?.node)
      if (b === undefined && entries && entries.weights.every((w) => w.type === 'number')) {
        values = entries.values
        weights = entries.weights.map((w) => (w.type === 'number' ? w.value : 0))
      } else if (a?.constant && b?.constant && Array.isArray(a.value) && Array.isArray(b.value)) {
        values = a.value
        weights = b.value
      }
      if (!values || !weights) return undefined
      const t = weightTable(values, weights)
      if (typeof t === 'string') return undefined
      return (c) => copyValue(pickWeighted(c.rng, t))
    },
    check: ([a, b]) => {
      const out: { code: string; message: string; span: Span }[] = []
      const entries = mapEntryValues(a)
      if (b === undefined && entries) {
        entries.weights.forEach((w, i) => {
          if (w.type === 'number' && w.value < 0) {
            out.push({
              code: 'expr/negative-weight',
              message: `weight of \`${String(entries.values[i])}\` is negative (${w.value})`,
              span: w.span,
            })
          }
        })
        if (entries.values.length === 0)
          out.push({ code: 'expr/arguments', message: 'weighted() needs at least one value', span: a!.span })
      }
      if (b?.type === 'list') {
        for (const w of b.items) {
          if (w.type === 'number' && w.value < 0)
            out.push({ code: 'expr/negative-weight', message: `weight ${w.value} is negative`, span: w.span })
        }
        if (a?.type === 'list' && a.items.length !== b.items.length) {
          out.push({
            code: 'expr/arguments',
            message: 'weighted() needs as many weights as values',
            span: b.span,
          })
        }
      }
      return out
    },
  },
  switch: {
    name: 'switch',
    signature: 'switch(value, {case: result, ..., default: x})',
    summary:
      "Maps a value to a result. Cases are compared as text (`1` matches `'1'`); `default` is used when nothing matches (none and no default: a runtime problem, the field becomes null). Only the chosen result is evaluated.",
    params: [
      { name: 'value', types: 'any', doc: 'the value to look up' },
      { name: 'cases', types: ['map'], doc: 'a map from case to result, optionally with `default`' },
    ],
    returns: 'any',
    returnsDoc: 'the matching result',
    random: false,
    examples: [
      { expression: "switch('pro', {'free': 0, 'pro': 99, 'enterprise': 499})" },
      { expression: "switch('trial', {'pro': 99, default: 0})" },
    ],
    impl: (_c, [value, cases], site) => {
      if (!isPlainMap(cases))
        throw new ExprRuntimeError(
          'runtime/type-error',
          `switch() cases must be a map, not ${typeOf(cases)}`,
          site.span,
        )
      const key = toText(value)
      if (Object.hasOwn(cases, key)) return cases[key]
      if (Object.hasOwn(cases, 'default')) return cases.default
      throw new ExprRuntimeError(
        'runtime/no-case',
        `switch() has no case for \`${key}\` and no default`,
        site.span,
      )
    },
    compile: ({ args: [value, cases], span }) => {
      if (!value || !cases || cases.node.type !== 'map') return undefined
      // Lazy branches: only the matching result runs (and draws randomness).
      const branches = cases.entries
      if (!branches) return undefined
      const fallback = branches.get('default')
      const v = value.evaluate
      return (c) => {
        const key = toText(v(c))
        const b = branches.get(key) ?? fallback
        if (!b)
          throw new ExprRuntimeError(
            'runtime/no-case',
            `switch() has no case for \`${key}\` and no default`,
            span,
          )
        return b(c)
      }
    },
  },
}
