/**
 * What the Inspector says about one field, from the provenance the engine recorded (never re-derived
 * here): links to the occurrences it read (ref, lookup, prev, the `after` parent) with accessible names,
 * the context values it used, and the schema violations of its definition.
 */
import type {
  FieldProvenance,
  OutlineEvent,
  PlainEvent,
  PositionedDiagnostic,
} from '@autosource/engine/worker'

/** A record, by definition and occurrence (the store's Selection). */
export interface RecordRef {
  def: number
  index: number
}

/** A link from a field to the occurrence it read. */
export interface ProvenanceLink {
  kind: 'ref' | 'lookup' | 'prev'
  /** The accessible name, e.g. `Go to referenced user.signup #3`. */
  label: string
  /** Short visible text, e.g. `user.signup #3`. */
  text: string
  /** The field read there (`user_id`), when known. */
  field: string
  target: RecordRef
  /** The envelope id of the occurrence read (the run store finds it by id past the preview). */
  eventId: string
  /** The value read, when the engine recorded it (prev) . */
  value?: unknown
  hasValue: boolean
}

/** How an event definition is named: its id (what `ref()` and `after:` use). */
export function definitionName(events: readonly OutlineEvent[] | undefined, def: number): string {
  const e = events?.[def]
  return e ? e.id : `definition ${def + 1}`
}

/** An occurrence as people count them: `user.signup #3` is the third (index 2). */
export function occurrenceName(events: readonly OutlineEvent[] | undefined, r: RecordRef): string {
  return `${definitionName(events, r.def)} #${r.index + 1}`
}

/** The links of one field's provenance: every ref/lookup read, then prev. */
export function provenanceLinks(
  p: FieldProvenance,
  events: readonly OutlineEvent[] | undefined,
): ProvenanceLink[] {
  const links: ProvenanceLink[] = []
  const seen = new Set<string>()
  for (const r of p.refs) {
    const key = `${r.via}|${r.def}|${r.index}|${r.field}`
    if (seen.has(key)) continue
    seen.add(key)
    const name = occurrenceName(events, r)
    links.push({
      kind: r.via,
      label: `Go to ${r.via === 'ref' ? 'referenced' : 'looked-up'} ${name}`,
      text: name,
      field: r.field,
      target: { def: r.def, index: r.index },
      eventId: r.eventId,
      hasValue: false,
    })
  }
  if (p.prev) {
    const name = occurrenceName(events, p.prev)
    links.push({
      kind: 'prev',
      label: `Go to previous ${name}`,
      text: name,
      field: p.prev.field,
      target: { def: p.prev.def, index: p.prev.index },
      eventId: p.prev.eventId,
      value: p.prev.value,
      hasValue: true,
    })
  }
  return links
}

/** The context values a field used, with this occurrence's values (`index` is 0-based, as in expressions). */
export function contextValues(
  p: FieldProvenance,
  event: PlainEvent,
  index: number,
): { name: string; value: string }[] {
  // A Map: a name that is not a context variable (`constructor`) must not find Object.prototype's.
  const values = new Map<string, string>([
    ['index', String(index)],
    ['timestamp', event.timestamp],
    ['org_id', event.org_id],
    ['source', event.source],
    ['event', event.event],
  ])
  return p.context.map((name) => ({ name, value: values.get(name) ?? '?' }))
}

/** The value at a dotted path (`metadata.checkout_id`, `items.0.sku`) of an event's data. */
export function valueAtPath(data: unknown, path: string): unknown {
  let v: unknown = data
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined
  }
  return v
}

/** A value on one line: strings quoted, long ones cut. */
export function formatValue(v: unknown, max = 120): string {
  const text = v === undefined ? 'undefined' : (JSON.stringify(v) ?? String(v))
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Schema-violation diagnostics of one definition (their span lies inside its span, in its file). */
export function violationsOf(
  diagnostics: readonly PositionedDiagnostic[],
  def: OutlineEvent,
): PositionedDiagnostic[] {
  return diagnostics.filter(
    (d) =>
      d.code === 'schema/violation' &&
      d.file === def.file &&
      d.span.start >= def.span.start &&
      d.span.end <= def.span.end,
  )
}

/** The span of a top-level field's value (own keys only: a field named `toString` is not a method). */
export function fieldSpanOf(
  def: OutlineEvent,
  field: string,
): OutlineEvent['fieldSpans'][string] | undefined {
  return Object.hasOwn(def.fieldSpans, field) ? def.fieldSpans[field] : undefined
}

/** The violations among `list` that point at this field's value (the rest concern the event as a whole). */
export function violationsOfField(
  list: readonly PositionedDiagnostic[],
  def: OutlineEvent,
  field: string,
): PositionedDiagnostic[] {
  const span = fieldSpanOf(def, field)
  if (!span) return []
  return list.filter((d) => d.span.start >= span.start && d.span.end <= span.end)
}

/** Events counted by violation diagnostics (each diagnostic counts one field and kind of problem). */
export function violationCount(list: readonly PositionedDiagnostic[]): number {
  return list.reduce((n, d) => n + (d.count ?? 1), 0)
}
