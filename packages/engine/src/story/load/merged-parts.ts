import type { DocPath } from '../../diagnostics/diagnostic.ts'
import type { FileContext } from './file-context.ts'
import { isPlainMap, own, type RawMap } from './raw-values.ts'

/** A raw definition (an event, template or schema) with the file it came from. */
export interface RawPart {
  ctx: FileContext
  raw: RawMap
  path: DocPath
}

/** One `include:` entry that joined files: every file it brought in (transitively). */
export interface IncludeEntry {
  ctx: FileContext
  path: DocPath
  entry: string
  files: Set<string>
}

/** Events, templates and schemas gathered from included files and this file, in order. */
export class MergedParts {
  events: RawPart[] = []
  templates = new Map<string, RawPart>()
  schemas: (RawPart & { key: string })[] = []
  /** Identity (real path, else name) of every file already joined: a file included twice (a diamond) joins once. */
  included = new Set<string>()
  /** Each `include:` entry that joined a file. */
  includeEntries: IncludeEntry[] = []
  /** Files read through `include:` and their bytes (UTF-16 units), for the per-story caps. */
  includedFiles = 0
  includedBytes = 0

  /** Adds the events, templates and schemas of one file. */
  addFrom(ctx: FileContext, root: RawMap): void {
    const events = own(root, 'events')
    if (Array.isArray(events)) {
      events.forEach((raw, i) => {
        if (isPlainMap(raw)) this.events.push({ ctx, raw, path: ['events', i] })
      })
    }
    const templates = own(root, 'templates')
    if (isPlainMap(templates)) {
      for (const [name, raw] of Object.entries(templates)) {
        if (isPlainMap(raw)) this.templates.set(name, { ctx, raw, path: ['templates', name] })
      }
    }
    const schemas = own(root, 'schemas')
    if (isPlainMap(schemas)) {
      for (const [key, raw] of Object.entries(schemas)) {
        if (isPlainMap(raw)) this.schemas.push({ ctx, key, raw, path: ['schemas', key] })
      }
    }
  }
}
