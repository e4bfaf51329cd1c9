import { describe, expect, it } from 'vitest'
import * as engine from './index.ts'
import * as internal from './internal.ts'

// The root entry is the engine's public API. Adding a name is a decision (update the list
// here and in CONTEXT.md); internals go to `./internal.ts` instead.
const PUBLIC = [
  'BlockOrder',
  'DEFAULT_HISTORY_BYTES',
  'DEFAULT_HISTORY_CAP',
  'DIAGNOSTIC_CODES',
  'Duration',
  'EventGenerator',
  'FAULT_KINDS',
  'INFER_LIMITS',
  'LineIndex',
  'RUN_PAUSED',
  'SHARD_BLOCK_SIZE',
  'ZonedTime',
  'capDiagnostics',
  'checkStory',
  'codeFrame',
  'compileStory',
  'createShardSelector',
  'csvColumns',
  'csvColumnsByEvent',
  'csvFileName',
  'csvHeader',
  'damageDelivered',
  'deliveredCsvRow',
  'expectedTotal',
  'formatDiagnostic',
  'formatIso',
  'formatOfFileName',
  'hasErrors',
  'inferStory',
  'isFaultedRun',
  'loadStory',
  'mergeShardEnds',
  'parseExpression',
  'prepareStory',
  'runPrepared',
  'runShard',
  'safeTerminalText',
  'serializeChunks',
  'serializeCsvChunks',
  'serializeCsvRow',
  'serializeDeliveredChunks',
  'serializeNdjson',
  'setLogLevel',
  'setLogSink',
  'shardBlockers',
  'sortDiagnostics',
  'storyJsonSchema',
  'storyOutline',
  'streamStory',
  'withFaults',
  'KeyedQueue',
  'MAX_RETRY_WAIT_MS',
  'PACK_VENDORS',
  'STRIPE_USER_AGENT',
  'WEBHOOK_HEADER_NAMES',
  'backoffMs',
  'deliveryIdOf',
  'githubHeaders',
  'isRetryableStatus',
  'packVendor',
  'retryAfterMs',
  'stringToSign',
  'webCryptoHmac',
  'webhookBody',
  'webhookHeaders',
  'webhookOrderKey',
]

describe('engine entry points', () => {
  it('the root exports exactly the public API (runtime names; types are checked by tsc)', () => {
    expect(Object.keys(engine).sort()).toEqual(PUBLIC.toSorted())
  })

  it('the internal entry has everything public and the internals the tools use', () => {
    for (const name of PUBLIC) expect(internal, name).toHaveProperty(name)
    for (const name of ['BUILTINS', 'FAKER_PATHS', 'Rng', 'parseExpression', 'createRunFrame', 'STREAM_ID'])
      expect(internal, name).toHaveProperty(name)
  })
})
