import type { Diagnostic } from '../../diagnostics/diagnostic.ts'
import { BUILTIN_TEMPLATES, builtinPack } from '../../packs/index.ts'
import { FileContext } from './file-context.ts'
import type { MergedParts } from './merged-parts.ts'
import { type ParsedFile, parseFile } from './parse-file.ts'
import { isPlainMap } from './raw-values.ts'

/** Names of every built-in vendor template (`stripe/customer.created`, ...), for "did you mean". */
export const BUILTIN_TEMPLATE_NAMES: readonly string[] = BUILTIN_TEMPLATES.map((t) => t.name)

// Vendor packs are large and never change: each is parsed once per process, not per load.
const packFiles = new Map<string, ParsedFile | undefined>()

/** A vendor pack's parsed file (cached; packs parse without problems, tested in packs/). */
function parsedPack(pack: { file: string; text: string }, out: Diagnostic[]): ParsedFile | undefined {
  if (!packFiles.has(pack.file)) packFiles.set(pack.file, parseFile(pack.file, pack.text, out))
  return packFiles.get(pack.file)
}

/**
 * Joins the built-in vendor pack (packs/) that defines template `name`, like an included file:
 * its templates and schemas join, but the story's own templates and `schemas:` keep winning over
 * the pack's. False when no pack defines `name` or the pack has already joined.
 */
export function joinVendorPack(name: string, merged: MergedParts, out: Diagnostic[]): boolean {
  const pack = builtinPack(name)
  const parsed = pack && !merged.included.has(pack.file) && parsedPack(pack, out)
  if (!pack || !parsed || !isPlainMap(parsed.tree.value)) return false
  merged.included.add(pack.file)
  const own = { templates: new Map(merged.templates), schemas: merged.schemas.splice(0) }
  merged.addFrom(new FileContext(parsed, out), parsed.tree.value)
  for (const [n, t] of own.templates) merged.templates.set(n, t)
  merged.schemas.push(...own.schemas)
  return true
}
