/**
 * Pack payloads are written once as typed field specs: each field holds the story-language value
 * (a literal or an expression, exactly as a story would write it) and its type, so the same
 * declaration gives both the template's `data` and the pack's `schemas:` entry.
 */

/** The schema types a field may have (the `schemas:` vocabulary). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array'

/** One payload field: its story value and its schema. */
export interface Field {
  /** The story value (literal or expression text); unset for an object built from `fields`. */
  value?: unknown
  type?: FieldType
  nullable?: boolean
  /** False when the field may be missing (only used by overrides the vendor leaves out). */
  required?: boolean
  enum?: unknown[]
  format?: 'uuid' | 'email' | 'date-time' | 'url'
  fields?: Fields
  items?: Field
}

/** The fields of an object, in the vendor's key order. */
export type Fields = Record<string, Field>

/** A string value (literal or expression). */
export const str = (value: unknown, format?: Field['format']): Field =>
  format ? { value, type: 'string', format } : { value, type: 'string' }
/** A string or null. */
export const nstr = (value: unknown = null): Field => ({ value, type: 'string', nullable: true })
/** An integer value (unix seconds, minor units, counts). */
export const int = (value: unknown): Field => ({ value, type: 'integer' })
/** An integer or null. */
export const nint = (value: unknown = null): Field => ({ value, type: 'integer', nullable: true })
/** A number value. */
export const num = (value: unknown): Field => ({ value, type: 'number' })
/** A boolean value. */
export const bool = (value: unknown): Field => ({ value, type: 'boolean' })
/** A boolean or null. */
export const nbool = (value: unknown = null): Field => ({ value, type: 'boolean', nullable: true })
/** A value that is one of a fixed set (the first is the default when no value is given). */
export const oneOf = (values: unknown[], value: unknown = values[0]): Field => ({
  value,
  enum: values,
})
/** A fixed value (`object: customer`). */
export const is = (value: string | number | boolean): Field => ({ value, enum: [value] })
/** A value the vendor leaves untyped here: any value, null included. */
export const any = (value: unknown = null): Field => ({ value, nullable: true })
/** A nested object built field by field (overridable field by field). */
export const obj = (fields: Fields): Field => ({ type: 'object', fields })
/** A nested object or null, written as one value (`null`, or an expression). */
export const nobj = (value: unknown = null, fields?: Fields): Field => ({
  value,
  type: 'object',
  nullable: true,
  fields,
})
/** An object written as one value (a literal map or an expression), with its fields' schema. */
export const objv = (value: unknown, fields?: Fields): Field => ({ value, type: 'object', fields })
/** A list: a literal, an expression, or fields per item. */
export const list = (value: unknown, items?: Field): Field => ({ value, type: 'array', items })
/** A list or null. */
export const nlist = (value: unknown = null, items?: Field): Field => ({
  value,
  type: 'array',
  nullable: true,
  items,
})

/** The `data` value of a field for the template (nested objects become maps). */
export function toData(f: Field): unknown {
  if (f.value !== undefined) return f.value
  if (f.fields) return toDataMap(f.fields)
  return null
}

/** The `data` map of some fields. */
export function toDataMap(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, f] of Object.entries(fields)) out[k] = toData(f)
  return out
}

/** The `schemas:` field entry of a field (the story format's field schema). */
export function toSchema(f: Field): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (f.enum) out.enum = f.enum
  else if (f.type) out.type = f.type
  if (f.format) out.format = f.format
  if (f.nullable) out.nullable = true
  if (f.required === false) out.required = false
  if (f.fields && !f.enum) out.fields = toSchemaMap(f.fields)
  if (f.items) out.items = toSchema(f.items)
  return out
}

/** The `schemas:` `fields` map of some fields. */
export function toSchemaMap(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, f] of Object.entries(fields)) out[k] = toSchema(f)
  return out
}

/**
 * The same fields, each read from another event with `ref(<path>.<key>)`, except `changes`
 * (which are set as given). This is how a later event repeats the object an earlier one made:
 * `invoice.paid` is the `invoice.finalized` invoice with a new status.
 */
export function copyFields(fields: Fields, path: string, changes: Fields = {}): Fields {
  const out: Fields = {}
  for (const [k, f] of Object.entries(fields)) {
    out[k] = Object.hasOwn(changes, k) ? changes[k] : { ...f, value: `ref(${path}.${k})` }
  }
  for (const [k, f] of Object.entries(changes)) if (!Object.hasOwn(out, k)) out[k] = f
  return out
}

/** The fields, with some replaced (the order of `fields` is kept; new keys go last). */
export function withFields(fields: Fields, changes: Fields): Fields {
  const out: Fields = { ...fields }
  for (const [k, f] of Object.entries(changes)) out[k] = f
  return out
}
