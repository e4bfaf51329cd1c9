/** Binds the worker host to the real engine (kept apart from host.ts so the host's tests need no full engine). */
import { BUILTINS } from '../expr/builtins.ts'
import { FAKER_PATHS, PYTHON_FAKER_NAMES } from '../expr/faker-bridge.ts'
import { hasFaults } from '../faults/fault-plan.ts'
import { expectedTotal } from '../generate/expected-total.ts'
import { type PreparedStory, prepareStory } from '../generate/prepare-story.ts'
import { serializeChunks, serializeNdjson } from '../generate/serialize.ts'
import { csvColumns, serializeCsvChunks } from '../generate/serialize-csv.ts'
import { runPrepared } from '../generate/stream-story.ts'
import { storyJsonSchema } from '../story/story-schema.ts'
import { faultedExport, markedRun } from './fault-marks.ts'
import type { EngineApi, HostExport, HostStoryOptions } from './host.ts'
import type { BuiltinDoc, EngineCatalog, ExportFormat } from './protocol.ts'

let catalog: EngineCatalog | undefined

/**
 * The real engine behind the protocol. A story is loaded and compiled once per text: the
 * host passes the same `key` for a check, a run, a plan and an export of one edit, and they
 * all use one prepared story (its program is immutable; each run has its own frame).
 */
export function realEngineApi(): EngineApi {
  let last: { key: string; prepared: PreparedStory } | undefined
  const prepared = (text: string, options: HostStoryOptions = {}): PreparedStory => {
    const key = options.key
    if (key !== undefined && last?.key === key) return last.prepared
    const p = prepareStory(text, options)
    last = key === undefined ? undefined : { key, prepared: p }
    return p
  }
  return {
    checkStory(text, options) {
      const p = prepared(text, options)
      const checked = p.check()
      // The studio shows its Faults toggle only for a story with `faults:`.
      return p.story && hasFaults(p.story)
        ? { ...checked, outline: { ...checked.outline, faults: true } }
        : checked
    },
    streamStory: (text, options = {}) => markedRun(runPrepared(prepared(text, options), options), options),
    catalog: () => (catalog ??= buildCatalog()),
    serializeNdjson,
    plannedEvents(text, options) {
      const { story } = prepared(text, options)
      return story ? expectedTotal(story) : undefined
    },
    exportStory: (text, options, format) => exportPrepared(prepared(text, options), options, format),
  }
}

/**
 * A whole run through the serializers `autosource generate` uses (packages/cli generate.ts): same
 * stream, same columns, same chunks of text, so the studio's file equals the CLI's byte for byte.
 */
export function exportStory(text: string, options: HostStoryOptions, format: ExportFormat): HostExport {
  return exportPrepared(prepareStory(text, options), options, format)
}

function exportPrepared(
  prepared: PreparedStory,
  options: HostStoryOptions,
  format: ExportFormat,
): HostExport {
  // Faults (issue 18) as `autosource generate` applies them, `--no-faults` as `noFaults`.
  const { run, chunks } = faultedExport(runPrepared(prepared, options), options)
  const story = run.story
  return {
    failed: run.failed || !story,
    diagnostics: run.diagnostics,
    planned: story && !run.failed ? expectedTotal(story) : undefined,
    chunks: (chunkChars) =>
      chunks
        ? chunks(format, format === 'csv' ? csvColumns(story!) : [], chunkChars)
        : format === 'csv'
          ? serializeCsvChunks(run, csvColumns(story!), chunkChars)
          : serializeChunks(run, format, chunkChars),
    summary: () => run.summary(),
  }
}

/** Function docs, faker names and the story JSON Schema, as plain data. */
export function buildCatalog(): EngineCatalog {
  const builtins: BuiltinDoc[] = BUILTINS.map((b) => {
    const params = b.params
      .map((p) => `- \`${p.name}\`${p.optional ? ' (optional)' : ''}: ${p.doc}`)
      .join('\n')
    const doc = [b.summary, params, b.returnsDoc ? `Returns ${b.returnsDoc}` : '']
      .filter(Boolean)
      .join('\n\n')
    const example = b.examples[0]?.expression
    return example === undefined
      ? { name: b.name, signature: b.signature, doc }
      : { name: b.name, signature: b.signature, doc, example }
  })
  return {
    builtins,
    // Python Faker names (`faker.name()`) are accepted too, as the seed writes them.
    fakerPaths: [...FAKER_PATHS, ...PYTHON_FAKER_NAMES.map((p) => p.name)],
    storySchema: storyJsonSchema(),
  }
}
