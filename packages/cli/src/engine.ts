/**
 * The one place the CLI imports the engine from, so the CLI depends on the engine's public
 * entry points only. The share-link codec is loaded on demand by share-link.ts.
 *
 * Every name is listed (no `export *`): the published build keeps the engine external, and a
 * star re-export of an external module becomes an object of getters there, one call per use (a
 * CPU profile of a million-event `generate` had 7% of its samples in them: serializeNdjson and
 * damageDelivered are read once per event).
 */

// The text-only streamStory: the CLI reads files itself, and a story's text (a share link's above
// all) must never be taken for a path to read, as the Node entry's streamStory does for `x.yaml`.
export { streamStory as streamStoryText } from '@autosource/engine'
export type {
  Diagnostic,
  EventSchema,
  FaultedRun,
  GeneratedRecord,
  HmacSha256Hex,
  LoadOptions,
  OutputFormat,
  PausableRecords,
  PreparedStory,
  SampleFormat,
  SampleText,
  SchemaField,
  ShardRun,
  ShardRunEnd,
  Story,
  StoryEvent,
  StoryRun,
  WebhookBodyMode,
  WebhookSigning,
} from '@autosource/engine/node'
export {
  BlockOrder,
  backoffMs,
  checkStory,
  createShardSelector,
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  damageDelivered,
  deliveredCsvRow,
  deliveryIdOf,
  expectedTotal,
  fileIncludeResolver,
  formatDiagnostic,
  formatIso,
  INFER_LIMITS,
  inferStory,
  isFaultedRun,
  isRetryableStatus,
  KeyedQueue,
  mergeShardEnds,
  packVendor,
  parseExpression,
  prepareStory,
  RUN_PAUSED,
  retryAfterMs,
  runShard,
  safeTerminalText,
  serializeChunks,
  serializeCsvChunks,
  serializeCsvRow,
  serializeDeliveredChunks,
  serializeNdjson,
  setLogLevel,
  setLogSink,
  shardBlockers,
  storyJsonSchema,
  streamStory,
  webCryptoHmac,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
  withFaults,
} from '@autosource/engine/node'
