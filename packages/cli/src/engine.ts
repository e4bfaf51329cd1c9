/**
 * The one place the CLI imports the engine from, so the CLI depends on the engine's public
 * entry points only. The share-link codec is loaded on demand by share-link.ts.
 */
export * from '@autosource/engine/node'
