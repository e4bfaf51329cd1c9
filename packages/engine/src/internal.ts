// `@autosource/engine/internal`: everything of the engine that is not its public API but that
// the studio, the CLI, the bench or tools use (the expression language's registries, the rng,
// schedule and zone helpers, the story loader's parts). No stability promise.
export * from './diagnostics/index.ts'
export {
  BUILTINS,
  builtinDocs,
  CONTEXT_NAMES,
  createRunFrame,
  ENVELOPE_FIELDS,
  FAKER_PATHS,
  isExpressionString,
  isFakerLocale,
  PYTHON_FAKER_NAMES,
  parseExpression,
  RuntimeIssues,
  renderGeneratorGuide,
} from './expr/index.ts'
export { sampleField } from './generate/run-test-story.ts'
export * from './index.ts'
export { compileEventSchema, SchemaRegistry } from './registry/schema-registry.ts'
export { hashString, Rng } from './runtime/rng.ts'
export type { OccurrenceScope, StoredOccurrence } from './runtime/scope.ts'
export * from './runtime/streams.ts'
export { formatIso, isValidTimeZone, strftime } from './schedule/zone.ts'
export * from './story/index.ts'
