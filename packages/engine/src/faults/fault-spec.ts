import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { parseLocalDate } from '../story/dates.ts'
import type { DataNode, LocalDateTime, SourceString } from '../story/types.ts'
import { dataPathKeys } from './field-path.ts'

/** The fault kinds of SPEC section 10, as they appear in the faults log. */
export const FAULT_KINDS = ['duplicate', 'late', 'drop', 'nullify', 'corrupt', 'drift'] as const
/** One of FAULT_KINDS. */
export type FaultKind = (typeof FAULT_KINDS)[number]

/** A place in a story file, for diagnostics. */
export interface FaultSite {
  file: string
  span: Span
  path: (string | number)[]
}

/** A duration option (`late_by`, `duplicate_after`) as written: seconds, or an expression. */
export type DurationSpec =
  | { kind: 'seconds'; value: number; site: FaultSite }
  | { kind: 'expr'; source: SourceString }

/** `drop:` or `nullify:` of one field path. */
export interface FieldRate {
  path: string
  keys: string[]
  rate: number
  site: FaultSite
}

/** One `drift:` step: from a local date-time on, renames and type changes. */
export interface DriftSpec {
  from: LocalDateTime
  fromText: string
  rename: { from: string; fromKeys: string[]; to: string; toKeys: string[]; site: FaultSite }[]
  type: { path: string; keys: string[]; to: 'string' | 'number' | 'integer' | 'boolean'; site: FaultSite }[]
}

/** One `faults:` block (story-wide or of one definition), checked for shape and values. */
export interface FaultSpec {
  duplicate?: number
  duplicateAfter?: DurationSpec
  late?: number
  lateBy?: DurationSpec
  drop?: FieldRate[]
  nullify?: FieldRate[]
  corrupt?: number
  drift?: DriftSpec[]
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean'])

function site(node: DataNode): FaultSite {
  return { file: node.file, span: node.span, path: node.path }
}

/**
 * Reads a `faults:` node into a FaultSpec. The zod shape has already reported unknown keys
 * and wrong types; this checks values: probabilities in [0, 1], field paths under `data.`,
 * drift dates. Problems go to `out` (with the value's span); bad entries are left out.
 */
export function readFaultSpec(node: DataNode, out: Diagnostic[]): FaultSpec {
  const spec: FaultSpec = {}
  if (node.kind !== 'map') return spec
  const probability = (key: string, v: DataNode): number | undefined => {
    if (v.kind !== 'literal' || typeof v.value !== 'number') return undefined
    if (!(v.value >= 0 && v.value <= 1)) {
      out.push(
        error(
          'story/invalid-probability',
          `\`${key}\` must be a probability between 0 and 1, not ${v.value}`,
          v.file,
          v.span,
          v.path,
          'e.g. `0.01` for one event in a hundred',
        ),
      )
      return undefined
    }
    return v.value
  }
  const duration = (v: DataNode): DurationSpec | undefined => {
    if (v.kind === 'string') return { kind: 'expr', source: v.value }
    if (v.kind === 'literal' && typeof v.value === 'number')
      return { kind: 'seconds', value: v.value, site: site(v) }
    return undefined
  }
  const fieldPath = (text: string, at: DataNode): string[] | undefined => {
    const keys = dataPathKeys(text)
    if (!keys) {
      out.push(
        error(
          'fault/unknown-field',
          `\`${text}\` is not a field path: faults apply to fields under \`data\``,
          at.file,
          at.span,
          at.path,
          'Write the path from the event, e.g. `data.email` or `data.address.city`',
        ),
      )
    }
    return keys
  }
  const rates = (key: string, v: DataNode): FieldRate[] | undefined => {
    if (v.kind !== 'map') return undefined
    const list: FieldRate[] = []
    for (const e of v.entries) {
      const keyNode: DataNode = { ...e.value, span: e.keySpan }
      const keys = fieldPath(e.key, keyNode)
      const rate = probability(`${key}: ${e.key}`, e.value)
      if (keys && rate !== undefined) list.push({ path: e.key, keys, rate, site: site(keyNode) })
    }
    return list
  }
  for (const { key, value } of node.entries) {
    switch (key) {
      case 'duplicate':
        spec.duplicate = probability(key, value)
        break
      case 'late':
        spec.late = probability(key, value)
        break
      case 'corrupt':
        spec.corrupt = probability(key, value)
        break
      case 'duplicate_after':
        spec.duplicateAfter = duration(value)
        break
      case 'late_by':
        spec.lateBy = duration(value)
        break
      case 'drop':
        spec.drop = rates(key, value)
        break
      case 'nullify':
        spec.nullify = rates(key, value)
        break
      case 'drift':
        if (value.kind === 'list') spec.drift = value.items.flatMap((item) => driftStep(item, fieldPath, out))
        break
    }
  }
  return spec
}

function driftStep(
  item: DataNode,
  fieldPath: (text: string, at: DataNode) => string[] | undefined,
  out: Diagnostic[],
): DriftSpec[] {
  if (item.kind !== 'map') return []
  const get = (k: string) => item.entries.find((e) => e.key === k)
  const fromEntry = get('from')
  if (!fromEntry) {
    out.push(
      error(
        'story/missing-key',
        'A `drift:` step needs `from:` (when the drift starts)',
        item.file,
        item.span,
        item.path,
        'e.g. `from: 2025-03-01`',
      ),
    )
    return []
  }
  const fromNode = fromEntry.value
  const fromText =
    fromNode.kind === 'string' ? fromNode.value.text : String((fromNode as { value?: unknown }).value)
  const from = parseLocalDate(fromText)
  if (!from) {
    out.push(
      error(
        'story/invalid-date',
        `\`${fromText}\` is not a valid date`,
        fromNode.file,
        fromNode.span,
        fromNode.path,
        'Write 2025-01-01 or 2025-01-01T09:00',
      ),
    )
    return []
  }
  const step: DriftSpec = { from, fromText, rename: [], type: [] }
  const rename = get('rename')?.value
  if (rename?.kind === 'map') {
    for (const e of rename.entries) {
      const keyNode: DataNode = { ...e.value, span: e.keySpan }
      const fromKeys = fieldPath(e.key, keyNode)
      if (e.value.kind !== 'string') continue
      const to = e.value.value.text
      const toKeys = fieldPath(to, e.value)
      if (!fromKeys || !toKeys) continue
      step.rename.push({ from: e.key, fromKeys, to, toKeys, site: site(keyNode) })
    }
  }
  const type = get('type')?.value
  if (type?.kind === 'map') {
    for (const e of type.entries) {
      const keyNode: DataNode = { ...e.value, span: e.keySpan }
      const keys = fieldPath(e.key, keyNode)
      const to = e.value.kind === 'string' ? e.value.value.text : ''
      if (!keys || !TYPES.has(to)) continue
      step.type.push({ path: e.key, keys, to: to as DriftSpec['type'][number]['to'], site: site(keyNode) })
    }
  }
  return [step]
}
