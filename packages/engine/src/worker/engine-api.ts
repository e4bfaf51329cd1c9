/** Binds the worker host to the real engine (kept apart from host.ts so the host's tests need no full engine). */
import { FAKER_PATHS, PYTHON_FAKER_NAMES } from '../expr/index.ts'
import { expectedTotal } from '../generate/expected-total.ts'
import { serializeChunks } from '../generate/serialize.ts'
import { csvColumns, serializeCsvChunks } from '../generate/serialize-csv.ts'
import { BUILTINS, checkStory, serializeNdjson, storyJsonSchema, streamStory } from '../index.ts'
import { loadStory } from '../story/load-story.ts'
import type { EngineApi, HostExport, HostStoryOptions } from './host.ts'
import type { BuiltinDoc, EngineCatalog, ExportFormat } from './protocol.ts'

let catalog: EngineCatalog | undefined

/** The real engine behind the protocol. */
export function realEngineApi(): EngineApi {
  return {
    checkStory: (text, options) => checkStory(text, options),
    streamStory: (text, options) => streamStory(text, options),
    catalog: () => (catalog ??= buildCatalog()),
    serializeNdjson,
    plannedEvents(text, options) {
      const { story } = loadStory(text, options)
      return story ? expectedTotal(story) : undefined
    },
    exportStory,
  }
}

/**
 * A whole run through the serializers `autosource generate` uses (packages/cli generate.ts): same
 * stream, same columns, same chunks of text, so the studio's file equals the CLI's byte for byte.
 */
export function exportStory(text: string, options: HostStoryOptions, format: ExportFormat): HostExport {
  const run = streamStory(text, options)
  const story = run.story
  return {
    failed: run.failed || !story,
    diagnostics: run.diagnostics,
    planned: story && !run.failed ? expectedTotal(story) : undefined,
    chunks: (chunkChars) =>
      format === 'csv'
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
