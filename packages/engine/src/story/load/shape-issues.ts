import type { DocPath } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import { includedShape, KNOWN_KEYS, storyShape } from '../story-schema.ts'
import { FREQUENCIES } from '../types.ts'
import { pathKey } from '../yaml-tree.ts'
import type { FileContext } from './file-context.ts'
import {
  DATE_HINT,
  emptyEvents,
  invalidProbability,
  invalidRepeat,
  missingKey,
  suggestion,
} from './messages.ts'
import { describePath, describeValue, getAt, isPlainMap, own, type RawMap } from './raw-values.ts'

// The type words of the seed's format reference (`org_id: string`, `start_date: date`).
const PLACEHOLDERS = new Set([
  'string',
  'date',
  'int',
  'integer',
  'number',
  'float',
  'bool',
  'boolean',
  'expression',
  'datetime',
])

/** The seed's format reference writes types where values go: say so instead of "invalid date". */
export function checkPlaceholders(ctx: FileContext, root: RawMap): void {
  const check = (value: unknown, path: DocPath) => {
    if (typeof value === 'string' && PLACEHOLDERS.has(value)) {
      ctx.err(
        'story/placeholder',
        `\`${value}\` is a type placeholder from the format reference, not a value`,
        path,
        `Replace it with a real ${value === 'date' ? 'date such as 2025-01-01' : value === 'int' ? 'integer' : 'value'}`,
      )
    }
  }
  for (const key of ['org_id', 'start_date', 'end_date', 'timezone']) check(own(root, key), [key])
  const events = own(root, 'events')
  if (Array.isArray(events)) {
    events.forEach((ev, i) => {
      if (!isPlainMap(ev)) return
      for (const key of ['source', 'event', 'offset_days', 'repeat', 'frequency'])
        check(own(ev, key), ['events', i, key])
    })
  }
}

/** Shape check against the zod schema: unknown keys (with did-you-mean), wrong types, missing keys. */
export function checkShape(ctx: FileContext, root: RawMap, included: boolean): void {
  const result = (included ? includedShape : storyShape).safeParse(root)
  if (result.success) return
  for (const issue of result.error.issues) {
    const path = issue.path as DocPath
    if (ctx.reported.has(pathKey(path))) continue
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        // `x-` keys at the top level hold YAML anchors to reuse (`x-common: &common`), as in compose files.
        if (path.length === 0 && key.startsWith('x-')) continue
        unknownKey(ctx, [...path, key], key, knownKeysAt(path))
      }
      continue
    }
    const value = getAt(root, path)
    const parent = getAt(root, path.slice(0, -1))
    const present = isPlainMap(parent) ? Object.hasOwn(parent, String(path[path.length - 1])) : true
    const last = String(path[path.length - 1] ?? '')
    if (!present) {
      const where = path.slice(0, -1)
      const m = missingKey(last, where.length ? describePath(where) : '')
      ctx.err('story/missing-key', m.message, where, m.hint, true, true)
    } else if (last === 'repeat') {
      const m = invalidRepeat(describeValue(value))
      ctx.err('story/invalid-repeat', m.message, path, m.hint)
    } else if (last === 'probability' && typeof value === 'number') {
      const m = invalidProbability(value)
      ctx.err('story/invalid-probability', m.message, path, m.hint)
    } else if (last === 'frequency' && issue.code === 'invalid_value') {
      const v = String(value)
      ctx.err(
        'story/unknown-frequency',
        `Unknown frequency ${quoteUser(v)}`,
        path,
        suggestion(
          ctx.out,
          v,
          FREQUENCIES,
          'Use minutely, hourly, daily, weekly or monthly, or `every: duration(...)`',
        ),
      )
    } else if ((last === 'start_date' || last === 'end_date') && path.length === 1) {
      ctx.err(
        'story/invalid-date',
        `\`${last}\` must be a date, not ${describeValue(value)}`,
        path,
        DATE_HINT,
      )
    } else if (last === 'events' && path.length === 1 && value === null) {
      const m = emptyEvents()
      ctx.err('story/empty-events', m.message, path, m.hint)
    } else if (last === 'events' && path.length === 1 && !Array.isArray(value)) {
      ctx.err(
        'story/wrong-type',
        '`events` must be a list of event definitions',
        path,
        'Write each event as `- source: ...`',
      )
    } else {
      ctx.err('story/wrong-type', `${describePath(path)}: ${wrongTypeMessage(issue, value)}`, path)
    }
  }
}

function unknownKey(ctx: FileContext, path: DocPath, key: string, known: readonly string[]): void {
  ctx.err(
    'story/unknown-key',
    `Unknown key ${quoteUser(key)}${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ''}`,
    path,
    suggestion(ctx.out, key, known, `Known keys: ${known.join(', ')}`),
    true,
  )
}

function knownKeysAt(path: DocPath): readonly string[] {
  if (path[path.length - 1] === 'faults') return KNOWN_KEYS.faults
  if (path[path.length - 3] === 'faults') return KNOWN_KEYS.drift
  if (path.length === 0) return KNOWN_KEYS.story
  if (path[0] === 'events') return KNOWN_KEYS.event
  if (path[0] === 'templates') return KNOWN_KEYS.template
  if (path[0] === 'actors') return actorKeysAt(path)
  if (path[0] === 'schemas') return path.length === 2 ? KNOWN_KEYS.schema : KNOWN_KEYS.field
  return []
}

function actorKeysAt(path: DocPath): readonly string[] {
  if (path.length === 2) return KNOWN_KEYS.actor
  if (path[2] === 'arrivals') return KNOWN_KEYS.arrivals
  if (path[2] === 'lifecycle') return path.length === 3 ? KNOWN_KEYS.lifecycle : KNOWN_KEYS.state
  return []
}

function wrongTypeMessage(
  issue: { code: string; message: string; expected?: unknown },
  value: unknown,
): string {
  const got = describeValue(value)
  if (issue.code === 'invalid_type')
    return `expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, got ${got}`
  return `${issue.message.replace(/^Invalid input: /, '')} (got ${got})`
}
