import type { DocPath } from '../../diagnostics/diagnostic.ts'
import type { EventSchema, SchemaField } from '../types.ts'
import type { FileContext } from './file-context.ts'
import { isPlainMap, own, type RawMap } from './raw-values.ts'

/** Builds one `schemas:` entry (the shape check already reported what is malformed). */
export function buildSchema(ctx: FileContext, key: string, raw: RawMap, path: DocPath): EventSchema {
  const fields = own(raw, 'fields')
  return {
    key,
    fields: isPlainMap(fields) ? schemaFields(ctx, fields, [...path, 'fields']) : [],
    strict: own(raw, 'strict') === true,
    span: ctx.loc(path).key ?? ctx.loc(path).value,
    file: ctx.file,
  }
}

function schemaFields(ctx: FileContext, raw: RawMap, path: DocPath): SchemaField[] {
  return Object.entries(raw).flatMap(([name, f]) => {
    if (!isPlainMap(f)) return []
    const p = [...path, name]
    const get = (k: string) => own(f, k)
    const en = get('enum')
    const min = get('min')
    const max = get('max')
    const fields = get('fields')
    const items = get('items')
    const field: SchemaField = {
      name,
      type: get('type') as SchemaField['type'],
      required: get('required') !== false,
      enum: Array.isArray(en) ? en : undefined,
      min: typeof min === 'number' ? min : undefined,
      max: typeof max === 'number' ? max : undefined,
      format: get('format') as SchemaField['format'],
      nullable: get('nullable') === true,
      fields: isPlainMap(fields) ? schemaFields(ctx, fields, [...p, 'fields']) : undefined,
      items: isPlainMap(items) ? schemaFields(ctx, itemsMap(items), p)[0] : undefined,
      span: ctx.loc(p).key ?? ctx.loc(p).value,
      file: ctx.file,
      path: p,
    }
    return [field]
  })
}

/** `{ items: <schema> }` as a raw map, so `items` builds like a field of that name. */
function itemsMap(items: RawMap): RawMap {
  const m: RawMap = Object.create(null)
  m.items = items
  return m
}
