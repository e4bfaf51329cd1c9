import { z } from 'zod'
import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { quoteUser } from '../diagnostics/user-text.ts'
import { logger } from '../log/logger.ts'
import type { DataNode, EventDef, EventSchema, SchemaField, Story } from '../story/types.ts'

const log = logger('autosource.sim.registry')

/** Most distinct (definition, field, kind) violations a run keeps; further kinds are only counted as invalid events. */
export const MAX_VIOLATION_KINDS = 1_000

/**
 * What the registry reads of a generated event: the definition and occurrence it came from and
 * its envelope. The generator's records have this shape (the registry sits below the generator
 * and does not import it).
 */
export interface CheckedRecord {
  /** Index of the definition in `story.events`. */
  def: number
  /** Occurrence number within the definition. */
  index: number
  event: { id: string; event: string; data: unknown }
}

/** Valid and invalid event counts of one event type. */
export interface SchemaCounts {
  valid: number
  invalid: number
}

/** One kind of violation, aggregated over the run. */
interface Violation {
  def: EventDef
  fieldPath: (string | number)[]
  message: string
  count: number
  firstIndex: number
  firstEventId: string
  firstValue: unknown
}

/**
 * The schema registry of a run: compiles the story's `schemas:` to zod once, validates
 * every generated event of a covered type, and turns violations into diagnostics that
 * point at the YAML of the field's expression, with a count and the first example.
 */
export class SchemaRegistry {
  private readonly byDef: (z.ZodType | undefined)[]
  private readonly violations = new Map<string, Violation>()
  /** Counts per event type, for the run summary (null prototype: an event type is data, even `__proto__`). */
  readonly counts: Record<string, SchemaCounts> = Object.create(null)
  /** Total invalid events. */
  invalidEvents = 0

  constructor(private readonly story: Story) {
    const compiled = new Map(story.schemas.map((s) => [s.key, compileEventSchema(s)]))
    // A schema keyed by a template name (a vendor pack's `segment/track`) also covers the events
    // that `use:` it under another event name (`event: Signed Up`).
    this.byDef = story.events.map(
      (e) =>
        compiled.get(`${e.source}/${e.event}`) ??
        compiled.get(e.event) ??
        (e.use ? compiled.get(e.use) : undefined),
    )
  }

  /** True when at least one definition has a schema. */
  get active(): boolean {
    return this.byDef.some((s) => s !== undefined)
  }

  /** Validates one generated event (called for every event; cheap when its type has no schema). */
  check(record: CheckedRecord): void {
    const schema = this.byDef[record.def]
    if (!schema) return
    const type = record.event.event
    let counts = Object.hasOwn(this.counts, type) ? this.counts[type] : undefined
    if (!counts) {
      // defineProperty: an event type named `__proto__` is an ordinary key, not the prototype.
      counts = { valid: 0, invalid: 0 }
      Object.defineProperty(this.counts, type, {
        value: counts,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    const result = schema.safeParse(record.event.data)
    if (result.success) {
      counts.valid++
      return
    }
    counts.invalid++
    this.invalidEvents++
    const def = this.story.events[record.def]
    for (const issue of result.error.issues) {
      const fieldPath = issue.path as (string | number)[]
      const key = `${record.def}|${fieldPath.join('.')}|${issue.code}`
      const v = this.violations.get(key)
      if (v) {
        v.count++
        continue
      }
      // Distinct kinds are bounded (an invalid 100,000-item list is not 100,000 diagnostics).
      if (this.violations.size >= MAX_VIOLATION_KINDS) continue
      const value = valueAt(record.event.data, fieldPath)
      this.violations.set(key, {
        def,
        fieldPath,
        message: issue.message,
        count: 1,
        firstIndex: record.index,
        firstEventId: record.event.id,
        firstValue: value,
      })
      if (log.enabled('debug'))
        log.debug(`${def.id}#${record.index} violates ${fieldPath.join('.') || '(data)'}: ${issue.message}`)
    }
  }

  /** One diagnostic per (definition, field, kind of violation). */
  toDiagnostics(): Diagnostic[] {
    return [...this.violations.values()].map((v) => {
      const { span, path, file } = locateField(v.def, v.fieldPath)
      const field = v.fieldPath.length ? v.fieldPath.join('.') : '(data)'
      return {
        code: 'schema/violation',
        severity: 'warning' as const,
        message: `${quoteUser(v.def.id)} field ${quoteUser(field)}: ${v.message} in ${v.count} event(s); first at occurrence ${v.firstIndex} (id ${v.firstEventId}, value ${preview(v.firstValue)})`,
        file,
        span,
        path,
        count: v.count,
        hint: 'Change the expression, or the schema under `schemas:`',
      }
    })
  }
}

/** Compiles one `schemas:` entry to a zod object schema. */
export function compileEventSchema(schema: EventSchema): z.ZodType {
  return objectOf(schema.fields, schema.strict)
}

function objectOf(fields: SchemaField[], strict: boolean): z.ZodType {
  // Field names are the user's: a null-prototype shape, so `constructor` or `toString` is a field.
  const shape: Record<string, z.ZodType> = Object.create(null)
  // zod skips a shape key `__proto__`: that one field is checked by hand, as an own property.
  let proto: z.ZodType | undefined
  for (const f of fields) {
    if (f.name === '__proto__') proto = fieldSchema(f)
    else
      Object.defineProperty(shape, f.name, {
        value: fieldSchema(f),
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  const object = strict ? z.strictObject(shape) : z.looseObject(shape)
  if (!proto) return object
  const field = proto
  // Checked on the input (zod's output would not carry an own `__proto__`).
  return z.unknown().superRefine((input, ctx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      for (const issue of object.safeParse(input).error?.issues ?? [])
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
      return
    }
    const rest: Record<string, unknown> = Object.create(null)
    for (const [k, v] of Object.entries(input)) if (k !== '__proto__') rest[k] = v
    for (const issue of object.safeParse(rest).error?.issues ?? [])
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
    const value = Object.getOwnPropertyDescriptor(input, '__proto__')?.value
    for (const issue of field.safeParse(value).error?.issues ?? [])
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['__proto__', ...issue.path] })
  })
}

function fieldSchema(f: SchemaField): z.ZodType {
  let s: z.ZodType
  if (f.enum) {
    s = z.any().refine((v) => f.enum!.some((e) => e === v), {
      message: `expected one of ${f.enum.map((e) => JSON.stringify(e)).join(', ')}`,
    })
  } else {
    switch (f.type) {
      case 'string': {
        let str = z.string()
        if (f.format === 'uuid')
          str = str.regex(
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
            'expected a UUID',
          )
        else if (f.format === 'email')
          str = str.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an email address')
        else if (f.format === 'url') str = str.regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i, 'expected a URL')
        else if (f.format === 'date-time')
          str = str.regex(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
            'expected an ISO 8601 date-time',
          )
        if (f.min !== undefined) str = str.min(f.min)
        if (f.max !== undefined) str = str.max(f.max)
        s = str
        break
      }
      case 'integer':
      case 'number': {
        let num = f.type === 'integer' ? z.number().int() : z.number()
        if (f.min !== undefined) num = num.min(f.min)
        if (f.max !== undefined) num = num.max(f.max)
        s = num
        break
      }
      case 'boolean':
        s = z.boolean()
        break
      case 'object':
        s = f.fields ? objectOf(f.fields, false) : z.record(z.string(), z.unknown())
        break
      case 'array': {
        let arr = z.array(f.items ? fieldSchema(f.items) : z.unknown())
        if (f.min !== undefined) arr = arr.min(f.min)
        if (f.max !== undefined) arr = arr.max(f.max)
        s = arr
        break
      }
      default:
        s = z.unknown().refine((v) => v !== undefined, { message: 'required' })
    }
  }
  if (f.nullable) s = s.nullable()
  if (!f.required) s = s.optional()
  return s
}

/** The span of the field's expression in the YAML (the nearest data node on the path). */
function locateField(
  def: EventDef,
  fieldPath: (string | number)[],
): { span: Span; path: DocPath; file: string } {
  let node: DataNode = def.data
  for (const seg of fieldPath) {
    let next: DataNode | undefined
    if (node.kind === 'map') next = node.entries.find((e) => e.key === String(seg))?.value
    else if (node.kind === 'list' && typeof seg === 'number') next = node.items[seg]
    if (!next) break
    node = next
  }
  if (node === def.data)
    return { span: def.keySpans.data ?? def.span, path: [...def.path, 'data'], file: def.file }
  // The field may come from a template in another file (an include, a vendor pack): point there.
  return { span: node.span, path: node.path, file: node.file }
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let cur = data
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}

function preview(v: unknown): string {
  const s = v === undefined ? 'missing' : JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}
