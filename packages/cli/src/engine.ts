/**
 * The one place the CLI imports the engine from, so the CLI depends on the engine's public
 * entry points only (plus the CSV serializer until the engine index exports it). The share-link
 * codec is loaded on demand by share-link.ts.
 */
export * from '@autosource/engine/node'
export {
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  serializeCsvChunks,
  serializeCsvRow,
} from '../../engine/src/generate/serialize-csv.ts'
