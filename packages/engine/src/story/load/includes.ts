import { type Diagnostic, type DocPath, error } from '../../diagnostics/diagnostic.ts'
import { quoteUser, truncateUser } from '../../diagnostics/user-text.ts'
import { MAX_INCLUDED_BYTES, MAX_INCLUDED_FILES, MAX_STORY_BYTES } from '../limits.ts'
import { FileContext } from './file-context.ts'
import type { IncludeFound, LoadOptions } from './load-options.ts'
import type { MergedParts } from './merged-parts.ts'
import { parseFile } from './parse-file.ts'
import { isPlainMap, own, type RawMap } from './raw-values.ts'
import { checkShape } from './shape-issues.ts'

/** The files being included right now, outermost first (for cycles): identity and name. */
type IncludeStack = { key: string; file: string }[]

/**
 * Reads `include:` (recursively), adding the included files' parts before this file's.
 * Returns every file this file brought in, so errors in them can be summed up at the include line.
 */
export function collectIncludes(
  ctx: FileContext,
  root: RawMap,
  options: LoadOptions,
  stack: IncludeStack,
  merged: MergedParts,
): Set<string> {
  const all = new Set<string>()
  const list = own(root, 'include')
  if (!Array.isArray(list)) return all
  list.forEach((entry, i) => {
    if (typeof entry !== 'string') return
    const path: DocPath = ['include', i]
    const files = includeOne(ctx, entry, path, options, stack, merged)
    if (!files) return
    for (const f of files) all.add(f)
    merged.includeEntries.push({ ctx, path, entry, files })
  })
  return all
}

/** One `include:` entry: resolves, checks the limits, parses and recurses; the files it joined. */
function includeOne(
  ctx: FileContext,
  entry: string,
  path: DocPath,
  options: LoadOptions,
  stack: IncludeStack,
  merged: MergedParts,
): Set<string> | undefined {
  const name = quoteUser(entry)
  if (options.fromLink) {
    ctx.err(
      'story/include-in-link',
      `A story opened from a share link cannot include ${name}: a link carries only its own text`,
      path,
      'Paste the included templates and data into the story itself before sharing it',
    )
    return undefined
  }
  if (!options.resolveInclude) {
    ctx.err('story/include-missing', `Cannot include ${name}: includes are not available here`, path)
    return undefined
  }
  const budget = MAX_INCLUDED_BYTES - merged.includedBytes
  const maxBytes = Math.max(0, Math.min(MAX_STORY_BYTES, budget))
  let found: ReturnType<NonNullable<LoadOptions['resolveInclude']>>
  try {
    found = options.resolveInclude(entry, ctx.file, {
      maxBytes,
      isIncluded: (key) => merged.included.has(key),
    })
  } catch (e) {
    const reason = truncateUser(String((e as Error)?.message ?? e), 200)
    ctx.err('story/include-missing', `Cannot read ${name}: ${reason}`, path)
    return undefined
  }
  if (!found) {
    ctx.err(
      'story/include-missing',
      `Included file ${name} was not found`,
      path,
      'Paths are relative to this file',
    )
    return undefined
  }
  if ('refused' in found) {
    const overBudget = maxBytes < MAX_STORY_BYTES && /larger than/.test(found.refused)
    ctx.err(
      'limit/include-file',
      `Cannot include ${name}: ${found.refused}`,
      path,
      overBudget
        ? `The included files of one story may hold ${MAX_INCLUDED_BYTES} bytes together; include fewer or smaller files`
        : (found.hint ?? 'Include only regular .yaml or .yml files'),
    )
    return undefined
  }
  return joinFile(ctx, entry, path, found, options, stack, merged)
}

/** Adds a resolved file (unless it already joined), after the per-story caps. */
function joinFile(
  ctx: FileContext,
  entry: string,
  path: DocPath,
  found: IncludeFound,
  options: LoadOptions,
  stack: IncludeStack,
  merged: MergedParts,
): Set<string> | undefined {
  const key = found.key ?? found.file
  // By identity, and by name (the main file is known by its name only).
  if (stack.some((s) => s.key === key || s.file === found.file)) {
    const chain = [...stack.map((s) => s.file), found.file].map((f) => truncateUser(f)).join(' -> ')
    ctx.err('story/include-cycle', `Include cycle: ${chain}`, path, 'Remove one of the includes')
    return undefined
  }
  // Included twice through different files (or names): it already joined.
  if (merged.included.has(key) || merged.included.has(found.file)) return undefined
  if (found.text === undefined) {
    ctx.err('story/include-missing', `Included file ${quoteUser(entry)} could not be read`, path)
    return undefined
  }
  if (merged.includedFiles + 1 > MAX_INCLUDED_FILES) {
    ctx.err(
      'limit/include-file',
      `Cannot include ${quoteUser(entry)}: this story already includes ${MAX_INCLUDED_FILES} files, the most one story may include`,
      path,
      'Merge some of the included files into one',
    )
    return undefined
  }
  if (merged.includedBytes + found.text.length > MAX_INCLUDED_BYTES) {
    ctx.err(
      'limit/include-file',
      `Cannot include ${quoteUser(entry)}: the included files of this story would hold more than ${MAX_INCLUDED_BYTES} bytes`,
      path,
      'Include fewer or smaller files',
    )
    return undefined
  }
  merged.included.add(key)
  merged.included.add(found.file)
  merged.includedFiles++
  merged.includedBytes += found.text.length
  const files = new Set<string>([found.file])
  const child = parseFile(found.file, found.text, ctx.out)
  if (child && isPlainMap(child.tree.value)) {
    const childCtx = new FileContext(child, ctx.out)
    checkShape(childCtx, child.tree.value, true)
    const inner = collectIncludes(
      childCtx,
      child.tree.value,
      options,
      [...stack, { key, file: found.file }],
      merged,
    )
    for (const f of inner) files.add(f)
    merged.addFrom(childCtx, child.tree.value)
  } else if (child) {
    ctx.out.push(
      error('story/not-a-map', 'An included story must be a YAML mapping of keys to values', found.file, {
        start: 0,
        end: 0,
      }),
    )
  }
  return files
}

/** Problems inside included files are reported there, and summed up once at each include line. */
export function summarizeIncludes(merged: MergedParts, out: Diagnostic[]): void {
  if (merged.includeEntries.length === 0) return
  // Errors per file, counted once (not once per include entry).
  const errorsByFile = new Map<string, number>()
  for (const d of out) {
    if (d.severity !== 'error' || d.code === 'story/include-error') continue
    errorsByFile.set(d.file, (errorsByFile.get(d.file) ?? 0) + 1)
  }
  for (const { ctx, path, entry, files } of merged.includeEntries) {
    let count = 0
    for (const f of files) count += errorsByFile.get(f) ?? 0
    if (count) ctx.err('story/include-error', `Included file ${quoteUser(entry)} has ${count} error(s)`, path)
  }
}
