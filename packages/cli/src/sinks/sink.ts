import type { EventSchema, StoryEvent } from '../engine.ts'

/**
 * One destination for generated events (`--to URL`, or a file writer that is not plain text).
 * The generate command opens a sink, writes every event in output order, then closes it.
 * Writes may apply backpressure by returning a promise; a sink never drops an event silently:
 * what it cannot deliver for good it hands to `deadLetter` and counts as failed.
 */
export interface Sink {
  /** Connects, creates tables or topics, opens files. Throws a `SinkError` with a clear message. */
  open(): Promise<void>
  /**
   * Accepts one event; `line` is its serialized NDJSON form (without the newline), also what the
   * dead letter gets. `corrupt` is set for a corrupt delivery (`faults:`): byte sinks send
   * `corrupt(text)` instead of the text (an HTTP body, a Kafka value); row sinks store the row.
   */
  write(event: StoryEvent, line: string, corrupt?: Corrupt): void | Promise<void>
  /** Flushes what was accepted and releases the connection. Called once, also after a stop. */
  close(): Promise<SinkSummary>
}

/** Cuts a corrupt delivery's serialized text short (see delivery/delivery-order.ts). */
export type Corrupt = (text: string) => string

/** What a sink reports at the end (and in the progress line while running). */
export interface SinkSummary {
  /** Events the destination acknowledged. */
  sent: number
  /** Extra attempts made after transient failures. */
  retried: number
  /** Events that failed for good (each went to the dead-letter file when one was given). */
  failed: number
  /** Latency percentiles of acknowledged sends in milliseconds, when the sink measures them. */
  latencyMs?: { p50: number; p99: number }
}

/** Options every sink gets from the generate command's flags. */
export interface SinkOptions {
  /** `--dead-letter FILE`: receives one NDJSON line per event that failed for good. */
  deadLetter?: (line: string, reason: string) => void
  /** `--concurrency N` (HTTP) or in-flight batches (Kafka/PostgreSQL). */
  concurrency: number
  /** A stop was requested (Ctrl-C, SIGTERM): finish in-flight work, accept nothing new. */
  signal: AbortSignal
}

/** A failure to open or use a sink, with a message written for the user (no stack trace). */
export class SinkError extends Error {
  override name = 'SinkError'
}

/**
 * Options of the network sinks (`kafka://`, `postgres://`). The generate command builds them from
 * its flags; the factories are `createKafkaSink(url, options)` in kafka-sink.ts and
 * `createPostgresSink(url, options)` in postgres-sink.ts, both returning a `Sink`.
 */
export interface NetworkSinkOptions extends SinkOptions {
  /** `--key EXPR` compiled by the generate command (default: the event id). */
  key: (event: StoryEvent) => string
  /** The story's declared output schemas by event type (typed columns), from `story.schemas`. */
  schemas: readonly EventSchema[]
}

/**
 * Options of the file sinks that are not plain text: `createParquetSink(path, options)` in
 * parquet-sink.ts (`--format parquet --out x.parquet`).
 */
export interface FileSinkOptions {
  /** The story's declared output schemas by event type (typed columns), from `story.schemas`. */
  schemas: readonly EventSchema[]
  signal: AbortSignal
  /** Parquet: false sends the lines through a temp file instead of a pipe (the Windows way; tests). */
  pipe?: boolean
}
