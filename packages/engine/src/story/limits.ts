/**
 * Largest story file the loader reads (bigger files are a `limit/file-size` diagnostic).
 * In a module of its own so that light importers (the share-link codec in the studio's main
 * bundle) do not pull in the loader, YAML, zod and faker.
 */
export const MAX_STORY_BYTES = 2_000_000
