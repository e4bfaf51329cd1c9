/** Messages between the studio and the run store worker (DuckDB-WASM holding the whole run). */
import type { StorySource } from '@autosource/engine/worker'
import type { LeafKind } from './flatten.ts'
import type { StoreTrace } from './store-trace.ts'

/** A column of the flat table `events_flat`. */
export interface StoreColumn {
  name: string
  kind: LeafKind
}

/** A query result as plain data (numbers, strings, booleans, null; timestamps as ISO text). */
export interface QueryResult {
  columns: { name: string; type: string }[]
  rows: unknown[][]
  /** More rows existed than the limit asked for. */
  truncated: boolean
}

/** Studio -> store. */
export type StoreRequest =
  | {
      type: 'load'
      loadId: number
      text: string
      seed?: number
      source: StorySource
      /** Keep at most this many events (the run's own total). */
      limit?: number
    }
  | { type: 'query'; id: number; sql: string; limit: number }
  /** What the engine records for the delivery at stream position `seq` (the run is generated again up to it). */
  | { type: 'trace'; id: number; seq: number }

/** Store -> studio. */
export type StoreReply =
  | { type: 'progress'; loadId: number; events: number; columns: StoreColumn[] }
  | { type: 'loaded'; loadId: number; events: number; columns: StoreColumn[] }
  | { type: 'load-failed'; loadId: number; message: string }
  | { type: 'result'; id: number; result: QueryResult }
  | { type: 'query-failed'; id: number; message: string }
  /** Null: the run held ends before `seq`, or a newer trace or load replaced this one. */
  | { type: 'traced'; id: number; trace: StoreTrace | null }
  | { type: 'trace-failed'; id: number; message: string }
