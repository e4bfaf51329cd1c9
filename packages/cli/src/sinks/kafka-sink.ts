import { type NetworkSinkOptions, type Sink, SinkError } from './sink.ts'

/** Placeholder for the sinks engineer's Kafka sink (`--to kafka://HOST:PORT/TOPIC`); replaced at merge. */
export function createKafkaSink(_url: string, _options: NetworkSinkOptions): Sink {
  throw new SinkError('kafka:// delivery is not available in this build')
}
