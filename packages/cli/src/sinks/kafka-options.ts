import type { StoryEvent } from '../engine.ts'
import { compileTopicTemplate } from './kafka-topic.ts'
import { DEFAULT_RETRY, type RetryPolicy } from './network-sink-retry.ts'
import { SinkError } from './sink.ts'

/**
 * What a `kafka://HOST:PORT/TOPIC?option=value` URL says. Query options (all optional):
 * `compression=none|gzip`, `idempotent=true|false` (default true), `acks=all|1|0` (default all),
 * `batch=N` messages per produce request (default 1000), `retries=N` attempts per batch
 * (default 5), `headers=source,event` which envelope fields go in message headers (any of
 * id, org_id, source, event, timestamp; `none` for no headers; default source,event: the two
 * cost about 40% more CPU per message than none), `brokers=H:P,H:P` more bootstrap
 * brokers, `client_id=NAME`.
 */
export interface KafkaSettings {
  brokers: string[]
  topic: (event: StoryEvent) => string
  compression: 'none' | 'gzip'
  idempotent: boolean
  acks: -1 | 0 | 1
  batch: number
  /** Envelope fields sent as headers, in this order. */
  headers: HeaderField[]
  retry: RetryPolicy
  clientId: string
}

/** Envelope fields that may become message headers. */
export type HeaderField = 'id' | 'org_id' | 'source' | 'event' | 'timestamp'
const HEADER_FIELDS: readonly HeaderField[] = ['id', 'org_id', 'source', 'event', 'timestamp']

const KNOWN = new Set([
  'compression',
  'idempotent',
  'acks',
  'batch',
  'retries',
  'headers',
  'brokers',
  'client_id',
])

/** Reads a kafka:// URL; anything it cannot use is a SinkError that names the option. */
export function parseKafkaUrl(url: URL): KafkaSettings {
  if (url.protocol !== 'kafka:') throw new SinkError(`not a kafka:// URL: ${url.href}`)
  if (!url.hostname) throw new SinkError('kafka:// URL needs a broker: kafka://HOST:PORT/TOPIC')
  for (const key of url.searchParams.keys())
    if (!KNOWN.has(key))
      throw new SinkError(`kafka:// URL: unknown option '${key}' (known: ${[...KNOWN].join(', ')})`)
  const q = url.searchParams
  const brokers = [`${url.hostname}:${url.port || '9092'}`]
  for (const b of (q.get('brokers') ?? '').split(',')) if (b.trim()) brokers.push(b.trim())
  const compression = q.get('compression') ?? 'none'
  if (compression !== 'none' && compression !== 'gzip')
    throw new SinkError(`kafka:// URL: compression must be none or gzip, got '${compression}'`)
  const idempotent = flag(q.get('idempotent'), true, 'idempotent')
  const acksText = q.get('acks') ?? 'all'
  const acks =
    acksText === 'all' || acksText === '-1' ? -1 : acksText === '1' ? 1 : acksText === '0' ? 0 : undefined
  if (acks === undefined) throw new SinkError(`kafka:// URL: acks must be all, 1 or 0, got '${acksText}'`)
  if (idempotent && acks !== -1) throw new SinkError('kafka:// URL: an idempotent producer needs acks=all')
  const batch = positiveInt(q.get('batch'), 1000, 'batch')
  const attempts = positiveInt(q.get('retries'), DEFAULT_RETRY.attempts, 'retries')
  return {
    headers: headerFields(q.get('headers')),
    brokers,
    topic: compileTopicTemplate(decodeURIComponent(url.pathname.replace(/^\//, ''))),
    compression,
    idempotent,
    acks,
    batch,
    retry: { ...DEFAULT_RETRY, attempts },
    clientId: q.get('client_id') ?? 'autosource',
  }
}

function headerFields(text: string | null): HeaderField[] {
  if (text === null) return ['source', 'event']
  if (text === 'none' || text === '') return []
  const fields = text.split(',').map((f) => f.trim())
  for (const f of fields)
    if (!(HEADER_FIELDS as readonly string[]).includes(f))
      throw new SinkError(`kafka:// URL: headers takes ${HEADER_FIELDS.join(', ')} or none, got '${f}'`)
  return fields as HeaderField[]
}

function flag(text: string | null, fallback: boolean, name: string): boolean {
  if (text === null) return fallback
  if (text === 'true' || text === '1') return true
  if (text === 'false' || text === '0') return false
  throw new SinkError(`kafka:// URL: ${name} must be true or false, got '${text}'`)
}

function positiveInt(text: string | null, fallback: number, name: string): number {
  if (text === null) return fallback
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new SinkError(`kafka:// URL: ${name} must be a positive integer, got '${text}'`)
  return n
}
