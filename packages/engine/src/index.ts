// Public API of the engine: what a program that generates events from stories needs. Named
// exports only; each has a one-line doc at its definition. Internals the studio and tools
// need (the expression language's registry, rng, schedule helpers) are in `./internal.ts`
// (`@autosource/engine/internal`). index.test.ts keeps a snapshot of this list.

// Delivery to webhook handlers (SPEC section 11): the request parts the CLI and the studio share
export { KeyedQueue } from './delivery/keyed-queue.ts'
export { backoffMs, isRetryableStatus, MAX_RETRY_WAIT_MS, retryAfterMs } from './delivery/retry-policy.ts'
export { webCryptoHmac } from './delivery/webcrypto-hmac.ts'
export {
  deliveryIdOf,
  githubHeaders,
  type HmacSha256Hex,
  PACK_VENDORS,
  packVendor,
  STRIPE_USER_AGENT,
  stringToSign,
  WEBHOOK_HEADER_NAMES,
  type WebhookBodyMode,
  type WebhookEvent,
  type WebhookHeaderInput,
  type WebhookSigning,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
} from './delivery/webhook-request.ts'
export { capDiagnostics } from './diagnostics/cap-diagnostics.ts'
// Diagnostics
export { codeFrame, formatDiagnostic } from './diagnostics/code-frame.ts'
export type { DiagnosticCode } from './diagnostics/codes.ts'
export { DIAGNOSTIC_CODES } from './diagnostics/codes.ts'
export {
  type Diagnostic,
  type DocPath,
  hasErrors,
  type Severity,
  sortDiagnostics,
} from './diagnostics/diagnostic.ts'
export { type LineCol, LineIndex } from './diagnostics/line-index.ts'
export { safeTerminalText } from './diagnostics/safe-text.ts'
export type { Span } from './diagnostics/span.ts'
// Program: compile once, run many times
export { compileStory } from './expr/compile-story.ts'
export type { StoryProgram } from './expr/compiled.ts'
// Expressions (for tools that evaluate a story expression of their own, e.g. `--key EXPR`)
export { parseExpression } from './expr/parser.ts'
// Running stories
// Faults (SPEC section 10): delivery order, duplicates, late events, damaged records, drift
export { FAULT_KINDS, type FaultKind } from './faults/fault-spec.ts'
export { BlockOrder, type BlockStep } from './generate/block-order.ts'
export { checkStory } from './generate/check-story.ts'
export {
  EventGenerator,
  type GeneratorContext,
  type GeneratorRegistration,
} from './generate/event-generator.ts'
export { expectedTotal } from './generate/expected-total.ts'
export {
  type FaultedRun,
  type FaultRunOptions,
  isFaultedRun,
  withFaults,
} from './generate/faulted-run.ts'
export { type PreparedStory, prepareStory } from './generate/prepare-story.ts'
export {
  DEFAULT_HISTORY_BYTES,
  DEFAULT_HISTORY_CAP,
  type GenerateOptions,
  type RunHooks,
} from './generate/run-options.ts'
export { type OutputFormat, serializeChunks, serializeNdjson } from './generate/serialize.ts'
export {
  csvColumns,
  csvColumnsByEvent,
  csvFileName,
  csvHeader,
  serializeCsvChunks,
  serializeCsvRow,
} from './generate/serialize-csv.ts'
export { damageDelivered, deliveredCsvRow, serializeDeliveredChunks } from './generate/serialize-delivered.ts'
export { shardBlockers } from './generate/shard-check.ts'
export { mergeShardEnds, runShard, type ShardRun, type ShardRunEnd } from './generate/shard-run.ts'
export {
  createShardSelector,
  SHARD_BLOCK_SIZE,
  type ShardSelector,
  type ShardSpec,
} from './generate/shard-selector.ts'
export {
  type PausableRecords,
  RUN_PAUSED,
  runPrepared,
  type StoryRun,
  type StreamOptions,
  streamStory,
} from './generate/stream-story.ts'
// Bootstrapping a story from sample events (`autosource infer`, the studio's "New from sample data")
export { type InferOptions, type InferResult, inferStory, type SampleText } from './infer/infer-story.ts'
export { INFER_LIMITS } from './infer/limits.ts'
export { formatOfFileName, type SampleFormat } from './infer/parse-samples.ts'
export { type LogLevel, setLogLevel, setLogSink } from './log/logger.ts'
export type { GeneratedRecord, RunSummary, StoryEvent } from './runtime/records.ts'
export type { FieldProvenance } from './runtime/scope.ts'
export { Duration } from './schedule/duration.ts'
export { formatIso } from './schedule/zone.ts'
export { ZonedTime } from './schedule/zoned-time.ts'
// Stories
export { type IncludeResolver, type LoadOptions, type LoadResult, loadStory } from './story/load-story.ts'
export { type StoryOutline, storyOutline } from './story/outline.ts'
export { storyJsonSchema } from './story/story-schema.ts'
export type { EventDef, EventSchema, SchemaField, Story } from './story/types.ts'
