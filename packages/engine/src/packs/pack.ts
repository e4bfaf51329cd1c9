import { stringify } from 'yaml'
import { type Fields, toDataMap, toSchemaMap } from './field-spec.ts'

/** One built-in template: `use: <name>` in any story. */
export interface PackTemplate {
  /** `<vendor>/<event>`, e.g. `stripe/invoice.paid`. */
  name: string
  source: string
  /** The envelope's event type (a story may override it; the pack's schema still applies). */
  event: string
  /** The complete payload, field by field (values in the story language). */
  data: Fields
  /** One line for docs and autocomplete. */
  doc: string
  /** Event ids (default ids) whose occurrences this template reads with `ref()`. */
  reads: string[]
}

/** A vendor's pack: its templates, joined to a story like an include the first time one is used. */
export interface Pack {
  vendor: string
  /** The file name its templates and schemas are reported under (`packs/stripe.yaml`). */
  file: string
  templates: PackTemplate[]
}

/**
 * The pack as story YAML: `templates:` (source, event, data) and `schemas:` (one strict schema per
 * template, keyed by the template's name, which is also `source/event`). The loader parses it like
 * an included file, so pack templates get the same checks, spans and determinism as a story's own.
 */
export function packYaml(pack: Pack): string {
  const templates: Record<string, unknown> = {}
  const schemas: Record<string, unknown> = {}
  for (const t of pack.templates) {
    templates[t.name] = { source: t.source, event: t.event, data: toDataMap(t.data) }
    schemas[t.name] = { strict: true, fields: toSchemaMap(t.data) }
  }
  const head = `# Built-in ${pack.vendor} templates (generated from packages/engine/src/packs/).\n`
  return head + stringify({ templates, schemas }, { lineWidth: 0, aliasDuplicateObjects: false })
}
