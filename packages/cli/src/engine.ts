/**
 * The one place the CLI imports the engine from, so the CLI depends on the engine's public
 * entry points only. The share-link codec is loaded on demand by share-link.ts.
 */

// The text-only streamStory: the CLI reads files itself, and a story's text (a share link's above
// all) must never be taken for a path to read, as the Node entry's streamStory does for `x.yaml`.
export { streamStory as streamStoryText } from '@autosource/engine'
export * from '@autosource/engine/node'
