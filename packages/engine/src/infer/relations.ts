import { pct } from './data-node.ts'
import type { FieldStats } from './field-stats.ts'
import { INFER_LIMITS } from './limits.ts'

/** One type's string fields by path, for finding id relations. */
export interface RelationInput {
  /** The definition id (an identifier) used in `ref(id.path)`. */
  id: string
  root: FieldStats
}

/** An id relation: `path` of a type's data reads the values of another type's id field. */
export interface Relation {
  text: string
  note: string
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Finds fields whose values are another type's ids: a field of type B where 90% or more of the
 * distinct values are values of a field of an earlier type A that is unique per event there.
 * Types are taken in order (earliest first) and a field that reads another type's ids is never
 * a target itself, so relations never form a cycle. Returns, per type id, path -> relation.
 */
export function findRelations(types: readonly RelationInput[]): Map<string, Map<string, Relation>> {
  const out = new Map<string, Map<string, Relation>>()
  const targets: Target[] = []
  // value -> the targets holding it: one pass over a field's values counts its hits in every target.
  const holders = new Map<string, number[]>()
  for (const type of types) {
    const found = new Map<string, Relation>()
    const fields = stringFields(type.root)
    for (const { path, stats } of fields) {
      const values = stringValues(stats)
      if (values.size < 3 || isEnumLike(stats, values.size)) continue
      const best = bestTarget(values, holders, targets, type.id)
      if (!best) continue
      // lookup(): a random earlier occurrence, as independent arrivals would meet ids that exist.
      const target = `${best.target.id}.${best.target.path.join('.')}`
      found.set(path.join('.'), {
        text: `lookup(${target})`,
        note: `id relation: ${pct(best.share)} of ${values.size} values are ${target} values`,
      })
    }
    out.set(type.id, found)
    for (const { path, stats } of fields) {
      if (found.has(path.join('.'))) continue
      const values = stringValues(stats)
      // A target is unique per event (an id), fully kept, and not an enum.
      if (stats.distinctOverflow || values.size < 3 || values.size < stats.strings * 0.95) continue
      const index = targets.push({ id: type.id, path, size: values.size }) - 1
      for (const v of values) {
        const list = holders.get(v)
        if (list) list.push(index)
        else holders.set(v, [index])
      }
    }
  }
  return out
}

interface Target {
  id: string
  path: string[]
  size: number
}

/** The target (of another type) holding 90% or more of `values`; ties go to the larger id set. */
function bestTarget(
  values: Set<string>,
  holders: Map<string, number[]>,
  targets: readonly Target[],
  ownId: string,
): { target: Target; share: number } | undefined {
  const hits = new Map<number, number>()
  for (const v of values) for (const t of holders.get(v) ?? []) hits.set(t, (hits.get(t) ?? 0) + 1)
  let best: { target: Target; share: number } | undefined
  for (const [index, count] of hits) {
    const target = targets[index]
    const share = count / values.size
    if (target.id === ownId || share < 0.9) continue
    if (!best || share > best.share || (share === best.share && target.size > best.target.size))
      best = { target, share }
  }
  return best
}

/** String-valued fields reachable through maps only (list items are not ref targets), with identifier paths. */
function stringFields(root: FieldStats): { path: string[]; stats: FieldStats }[] {
  const out: { path: string[]; stats: FieldStats }[] = []
  const walk = (stats: FieldStats, path: string[]): void => {
    if (path.length > INFER_LIMITS.maxFieldDepth) return
    for (const [key, child] of stats.fields) {
      if (!IDENT.test(key)) continue
      if (child.strings > 0 && child.strings >= child.objects)
        out.push({ path: [...path, key], stats: child })
      else if (child.objects > 0) walk(child, [...path, key])
    }
  }
  walk(root, [])
  return out
}

function stringValues(stats: FieldStats): Set<string> {
  const values = new Set<string>()
  for (const { value } of stats.distinct.values()) if (typeof value === 'string') values.add(value)
  return values
}

function isEnumLike(stats: FieldStats, distinct: number): boolean {
  return distinct <= INFER_LIMITS.maxEnum && distinct * 2 <= stats.strings
}
