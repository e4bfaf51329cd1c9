import { type NetworkSinkOptions, type Sink, SinkError } from './sink.ts'

/** Placeholder for the sinks engineer's PostgreSQL sink (`--to postgres://...`); replaced at merge. */
export function createPostgresSink(_url: string, _options: NetworkSinkOptions): Sink {
  throw new SinkError('postgres:// delivery is not available in this build')
}
