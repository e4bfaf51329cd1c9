/** Binds the worker host to the real engine (kept apart from host.ts so the host's tests need no full engine). */
import { FAKER_PATHS, PYTHON_FAKER_NAMES } from '../expr/index.ts'
import { BUILTINS, checkStory, serializeNdjson, storyJsonSchema, streamStory } from '../index.ts'
import type { EngineApi } from './host.ts'
import type { BuiltinDoc, EngineCatalog } from './protocol.ts'

let catalog: EngineCatalog | undefined

/** The real engine behind the protocol. */
export function realEngineApi(): EngineApi {
  return {
    checkStory: (text, options) => checkStory(text, options),
    streamStory: (text, options) => streamStory(text, options),
    catalog: () => (catalog ??= buildCatalog()),
    serializeNdjson,
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
