import { type FileSinkOptions, type Sink, SinkError } from './sink.ts'

/** Placeholder for the sinks engineer's Parquet writer (`--format parquet --out x.parquet`); replaced at merge. */
export function createParquetSink(_path: string, _options: FileSinkOptions): Sink {
  throw new SinkError('--format parquet is not available in this build')
}
