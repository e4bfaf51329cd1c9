import type { DriftSpec } from './fault-spec.ts'
import { getPath, hasPath, withoutPath, withPath } from './field-path.ts'

/** A value converted to a drifted type (`"42"` for a number that became a string, and so on). */
export function convertTo(value: unknown, to: DriftSpec['type'][number]['to']): unknown {
  if (value === null || value === undefined) return value ?? null
  switch (to) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    case 'number': {
      const n = typeof value === 'boolean' ? Number(value) : Number(value)
      return Number.isFinite(n) ? n : null
    }
    case 'integer': {
      const n = Number(value)
      return Number.isFinite(n) ? Math.trunc(n) : null
    }
    case 'boolean':
      return typeof value === 'string' ? value !== '' && value !== 'false' && value !== '0' : Boolean(value)
  }
}

/**
 * One drift step applied to an event's data (a copy; the clean data is untouched): renames
 * first, then type changes. Undefined when the event has none of the step's fields.
 */
export function applyDrift(
  data: Record<string, unknown>,
  step: DriftSpec,
):
  | {
      data: Record<string, unknown>
      changes: { rename?: Record<string, string>; type?: Record<string, string> }
    }
  | undefined {
  let out = data
  const rename: Record<string, string> = {}
  const type: Record<string, string> = {}
  for (const r of step.rename) {
    if (!hasPath(out, r.fromKeys)) continue
    const value = getPath(out, r.fromKeys)
    const without = withoutPath(out, r.fromKeys)!
    const moved = withPath(without, r.toKeys, value)
    if (!moved) continue
    out = moved
    rename[r.from] = r.to
  }
  for (const c of step.type) {
    if (!hasPath(out, c.keys)) continue
    out = withPath(out, c.keys, convertTo(getPath(out, c.keys), c.to))!
    type[c.path] = c.to
  }
  if (out === data) return undefined
  const changes: { rename?: Record<string, string>; type?: Record<string, string> } = {}
  if (Object.keys(rename).length) changes.rename = rename
  if (Object.keys(type).length) changes.type = type
  return { data: out, changes }
}
