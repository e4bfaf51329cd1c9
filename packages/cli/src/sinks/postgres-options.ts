import { DEFAULT_RETRY, type RetryPolicy } from './network-sink-retry.ts'
import { SinkError } from './sink.ts'

/**
 * What a `postgres://USER:PASS@HOST:PORT/DB?option=value` URL says. Our options (removed
 * before the URL goes to the driver; the rest, such as `sslmode`, are the driver's):
 * `batch=N` rows per COPY round (default 10000), `retries=N` attempts per COPY (default 5),
 * `schema=NAME` the PostgreSQL schema that holds the tables (default: the search path).
 */
export interface PostgresSettings {
  connectionString: string
  batch: number
  retry: RetryPolicy
  schema: string | undefined
  /** host:port/db for messages (never the password). */
  where: string
}

/** Reads a postgres:// (or postgresql://) URL; a bad option is a SinkError that names it. */
export function parsePostgresUrl(url: URL): PostgresSettings {
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new SinkError(`not a postgres:// URL: ${url.protocol}//${url.host}`)
  const driver = new URL(url.href)
  const take = (name: string) => {
    const v = driver.searchParams.get(name)
    driver.searchParams.delete(name)
    return v
  }
  const batch = positiveInt(take('batch'), 10_000, 'batch')
  const attempts = positiveInt(take('retries'), DEFAULT_RETRY.attempts, 'retries')
  const schema = take('schema') ?? undefined
  return {
    connectionString: driver.href,
    batch,
    retry: { ...DEFAULT_RETRY, attempts },
    schema,
    where: `${url.host}${url.pathname}`,
  }
}

function positiveInt(text: string | null, fallback: number, name: string): number {
  if (text === null) return fallback
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new SinkError(`postgres:// URL: ${name} must be a positive integer, got '${text}'`)
  return n
}
