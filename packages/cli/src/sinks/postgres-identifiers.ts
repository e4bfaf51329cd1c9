/**
 * Safe SQL names for any event type or field name: PostgreSQL identifiers are at most 63
 * bytes (longer ones are cut silently, so two long names could meet) and cannot hold NUL;
 * everything else is fine inside double quotes, with quotes doubled.
 */

/** Longest identifier PostgreSQL keeps (NAMEDATALEN - 1). */
const MAX_BYTES = 63

/** The identifier a name becomes: NUL replaced, long names cut and tagged with a hash of the whole. */
export function pgName(name: string): string {
  let clean = name.replace(/\0/g, '_')
  if (clean === '') clean = '_'
  if (Buffer.byteLength(clean) <= MAX_BYTES) return clean
  const tag = `_${fnv1a(clean)}`
  let cut = ''
  for (const ch of clean) {
    if (Buffer.byteLength(cut + ch) + tag.length > MAX_BYTES) break
    cut += ch
  }
  return cut + tag
}

/** `"name"` with inner quotes doubled: the only quoting a PostgreSQL identifier needs. */
export function quoteIdent(name: string): string {
  return `"${pgName(name).replace(/"/g, '""')}"`
}

/** A schema-qualified table name, each part quoted. */
export function qualifiedTable(schema: string | undefined, table: string): string {
  return schema === undefined ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`
}

/** 32-bit FNV-1a of a string's UTF-16 units, as 8 hex digits (stable, no dependency). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

const COPY_SPECIAL = /[\\\t\n\r]/

/** A value for COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  if (!COPY_SPECIAL.test(value)) return value
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  )
}

/** COPY's text-format NULL. */
export const COPY_NULL = '\\N'
