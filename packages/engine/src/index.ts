// Public API of the engine. Named exports only; each has a one-line doc at its definition.
export * from './diagnostics/index.ts'
export {
  BUILTINS,
  builtinDocs,
  CONTEXT_NAMES,
  compileStory,
  ENVELOPE_FIELDS,
  FAKER_PATHS,
  isExpressionString,
  isFakerLocale,
  PYTHON_FAKER_NAMES,
  parseExpression,
  RuntimeIssues,
} from './expr/index.ts'
export {
  corruptText,
  type DeliveredRecord,
  deliveredCsvRow,
  FAULT_KINDS,
  type FaultedRun,
  type FaultKind,
  type FaultNote,
  type FaultRunOptions,
  faultLogLines,
  hasFaults,
  injectFaults,
  isFaultedRun,
  MAX_FAULT_DELAY_MS,
  prepareFaults,
  serializeDeliveredChunks,
  withFaults,
} from './faults/index.ts'
export { checkStory } from './generate/check-story.ts'
export {
  EventGenerator,
  type GeneratorContext,
  type GeneratorRegistration,
} from './generate/event-generator.ts'
export { expectedTotal } from './generate/expected-total.ts'
export { Rng } from './generate/rng.ts'
export type { FieldProvenance, OccurrenceScope, StoredOccurrence } from './generate/scope.ts'
export { type OutputFormat, serializeChunks, serializeNdjson } from './generate/serialize.ts'
export {
  csvColumns,
  csvColumnsByEvent,
  csvDataColumns,
  csvHeader,
  serializeCsvChunks,
  serializeCsvRow,
} from './generate/serialize-csv.ts'
export type {
  GeneratedRecord,
  GenerateOptions,
  RunHooks,
  RunSummary,
  StoryEvent,
} from './generate/story-run.ts'
export { DEFAULT_HISTORY_CAP } from './generate/story-run.ts'
export { prepareStory, type StoryRun, type StreamOptions, streamStory } from './generate/stream-story.ts'
export { type LogLevel, logger, setLogLevel, setLogSink } from './log/logger.ts'
export { compileEventSchema, SchemaRegistry } from './registry/schema-registry.ts'
export { Duration } from './schedule/duration.ts'
export { formatIso, isValidTimeZone, strftime } from './schedule/zone.ts'
export { ZonedTime } from './schedule/zoned-time.ts'
export {
  type DecodeShareLinkResult,
  decodeShareLink,
  encodeShareLink,
  MAX_SHARE_LINK_LENGTH,
  MAX_SHARE_PAYLOAD_BYTES,
  MAX_SHARE_TEXT_LENGTH,
  SHARE_LINK_PREFIX,
  SHARE_LINK_WARN_LENGTH,
  type ShareErrorCode,
  type ShareLinkAdvice,
  type ShareLinkError,
  type SharePayload,
  shareLinkAdvice,
} from './share/index.ts'
export * from './story/index.ts'
export { type StoryOutline, storyOutline } from './story/outline.ts'
