/**
 * The one place the CLI imports the engine from, so the CLI depends on the engine's public
 * entry points only (plus the CSV serializer and the share-link codec until the engine index
 * exports them).
 */
export * from '@autosource/engine/node'
export {
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  serializeCsvChunks,
  serializeCsvRow,
} from '../../engine/src/generate/serialize-csv.ts'
export { decodeShareLink, encodeShareLink } from '../../engine/src/share/index.ts'
