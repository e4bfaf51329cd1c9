import { INFER_LIMITS } from './limits.ts'

/** What was seen of one field (or one list's items) across the samples of an event type. */
export interface FieldStats {
  /** Times the field was present (null included); its parent's `objects` is how often it could be. */
  present: number
  nulls: number
  strings: number
  integers: number
  floats: number
  booleans: number
  trues: number
  objects: number
  arrays: number
  /** Distinct non-null primitive values (keyed by type + text) and how often each was seen, capped. */
  distinct: Map<string, { value: string | number | boolean; count: number }>
  /** True once more distinct values were seen than `distinct` keeps. */
  distinctOverflow: boolean
  /** Numbers kept for fitting a distribution (the first ones, up to the cap). */
  numbers: number[]
  /** Strings kept for recognising formats (the first ones, up to the cap). */
  sampleStrings: string[]
  /** Most decimals a float had (capped at 6). */
  decimals: number
  /** Fields of object values, in first-seen order. */
  fields: Map<string, FieldStats>
  /** Items of list values, all merged. */
  items: FieldStats | undefined
  /** Lengths of list values. */
  lengths: number[]
  /** Values deeper than the field depth limit. */
  tooDeep: number
}

/** An empty FieldStats. */
export function newStats(): FieldStats {
  return {
    present: 0,
    nulls: 0,
    strings: 0,
    integers: 0,
    floats: 0,
    booleans: 0,
    trues: 0,
    objects: 0,
    arrays: 0,
    distinct: new Map(),
    distinctOverflow: false,
    numbers: [],
    sampleStrings: [],
    decimals: 0,
    fields: new Map(),
    items: undefined,
    lengths: [],
    tooDeep: 0,
  }
}

/** Counts how many field paths a type has, to cap them. */
export interface FieldBudget {
  left: number
  overflowed: boolean
}

/** Adds the fields of one object value to `stats.fields`. */
function addObject(
  stats: FieldStats,
  obj: Record<string, unknown>,
  depth: number,
  budget: FieldBudget,
): void {
  for (const key of Object.keys(obj)) {
    let child = stats.fields.get(key)
    if (!child) {
      if (budget.left <= 0) {
        budget.overflowed = true
        continue
      }
      budget.left--
      child = newStats()
      stats.fields.set(key, child)
    }
    addValue(child, obj[key], depth + 1, budget)
  }
}

/** Adds one value (present) to a field's stats. */
export function addValue(stats: FieldStats, v: unknown, depth: number, budget: FieldBudget): void {
  stats.present++
  if (v === null || v === undefined) {
    stats.nulls++
    return
  }
  if (depth > INFER_LIMITS.maxFieldDepth && typeof v === 'object') {
    stats.tooDeep++
    return
  }
  if (Array.isArray(v)) {
    stats.arrays++
    if (stats.lengths.length < INFER_LIMITS.maxNumbers) stats.lengths.push(v.length)
    stats.items ??= newStats()
    for (const item of v.slice(0, 100)) {
      addValue(stats.items, item, depth + 1, budget)
    }
    return
  }
  if (typeof v === 'object') {
    stats.objects++
    addObject(stats, v as Record<string, unknown>, depth, budget)
    return
  }
  if (typeof v === 'string') {
    stats.strings++
    if (stats.sampleStrings.length < INFER_LIMITS.maxNumbers) stats.sampleStrings.push(v)
    countDistinct(stats, `s${v}`, v)
  } else if (typeof v === 'number') {
    if (Number.isInteger(v)) stats.integers++
    else {
      stats.floats++
      stats.decimals = Math.max(stats.decimals, decimalsOf(v))
    }
    if (stats.numbers.length < INFER_LIMITS.maxNumbers && Number.isFinite(v)) stats.numbers.push(v)
    countDistinct(stats, `n${v}`, v)
  } else if (typeof v === 'boolean') {
    stats.booleans++
    if (v) stats.trues++
    countDistinct(stats, `b${v}`, v)
  }
}

function countDistinct(stats: FieldStats, key: string, value: string | number | boolean): void {
  const seen = stats.distinct.get(key)
  if (seen) seen.count++
  else if (stats.distinct.size < INFER_LIMITS.maxDistinct) stats.distinct.set(key, { value, count: 1 })
  else stats.distinctOverflow = true
}

function decimalsOf(v: number): number {
  const text = String(v)
  const dot = text.indexOf('.')
  return dot < 0 || text.includes('e') ? 6 : Math.min(6, text.length - dot - 1)
}
