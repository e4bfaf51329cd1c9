/**
 * The story loader, one concept per file:
 * - parse-file.ts: limits, seed-dialect masking, YAML parse, located tree (yaml-errors.ts: YAML errors)
 * - fragment.ts: data-only files
 * - shape-issues.ts: zod shape issues and placeholders -> diagnostics
 * - includes.ts: `include:` (resolver, caps, cycles, diamonds), merged into merged-parts.ts
 * - templates.ts: `use:` chains and deep `data` merge
 * - build-event.ts, build-events.ts (ids, funnels), build-schema.ts, build-story.ts: the typed story
 * - file-context.ts: per-file reporting (spans, de-duplication); messages.ts: shared messages
 */
import { capDiagnostics } from '../../diagnostics/cap-diagnostics.ts'
import { type Diagnostic, error, sortDiagnostics } from '../../diagnostics/diagnostic.ts'
import { truncateUser } from '../../diagnostics/user-text.ts'
import { checkArrivals } from '../actors/check-arrivals.ts'
import { checkRates } from '../rate/check-rates.ts'
import { buildStory } from './build-story.ts'
import { FileContext } from './file-context.ts'
import { isFragment, loadFragment } from './fragment.ts'
import { collectIncludes, summarizeIncludes } from './includes.ts'
import type { LoadOptions, LoadResult } from './load-options.ts'
import { MergedParts } from './merged-parts.ts'
import { locate, parseFile } from './parse-file.ts'
import { isPlainMap } from './raw-values.ts'
import { checkPlaceholders, checkShape } from './shape-issues.ts'

/**
 * Loads a story file into a typed story, collecting every problem at once (at most
 * MAX_DIAGNOSTICS of them, then one `limit/diagnostics`). Never throws.
 */
export function loadStory(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.file ?? 'story.yaml'
  const diagnostics: Diagnostic[] = []
  let result: LoadResult
  try {
    result = loadChecked(text, file, options, diagnostics)
  } catch (e) {
    // A bug must never take the editor or the CLI down: report it as a diagnostic.
    const reason = truncateUser(String((e as Error)?.message ?? e), 200)
    diagnostics.push(
      error('internal/error', `Internal error while loading: ${reason}`, file, { start: 0, end: 0 }),
    )
    result = { diagnostics }
  }
  return { ...result, diagnostics: capDiagnostics(result.diagnostics) }
}

function loadChecked(
  text: string,
  file: string,
  options: LoadOptions,
  diagnostics: Diagnostic[],
): LoadResult {
  const parsed = parseFile(file, text, diagnostics)
  if (!parsed) return { diagnostics: sortDiagnostics(diagnostics) }
  const root = parsed.tree.value
  if (root === null || root === undefined) {
    diagnostics.push(
      error(
        'story/not-a-map',
        'The story is empty',
        file,
        { start: 0, end: text.length },
        [],
        'Start with `org_id:`, `start_date:` and `events:`',
      ),
    )
    return { diagnostics }
  }
  if (!isPlainMap(root)) {
    diagnostics.push(
      error(
        'story/not-a-map',
        'A story must be a YAML mapping of keys to values',
        file,
        locate(parsed, []).value,
      ),
    )
    return { diagnostics }
  }
  if (isFragment(root)) return loadFragment(parsed, diagnostics)

  const ctx = new FileContext(parsed, diagnostics)
  checkPlaceholders(ctx, root)
  checkShape(ctx, root, false)
  const merged = new MergedParts()
  merged.included.add(file)
  collectIncludes(ctx, root, options, [{ key: file, file }], merged)
  merged.addFrom(ctx, root)
  const story = buildStory(ctx, root, merged)
  if (story) checkRates(story, diagnostics)
  if (story) checkArrivals(story, diagnostics)
  summarizeIncludes(merged, diagnostics)
  sortDiagnostics(diagnostics)
  if (!story || diagnostics.some((d) => d.severity === 'error'))
    return story ? { diagnostics, partial: story } : { diagnostics }
  return { story, diagnostics }
}
