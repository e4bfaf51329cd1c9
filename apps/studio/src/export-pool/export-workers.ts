/**
 * How many Web Workers the studio's export uses (issue 22): one per core but the one the page
 * keeps, at most 4 (docs/studio.md, Export). A debug setting overrides it, to try the pool on a
 * small machine or to force the single worker: `?exportWorkers=N` in the page address, or
 * localStorage `autosource.exportWorkers` = N (the address wins). Below 2, the export runs on the
 * engine's single worker.
 */

/** The localStorage key of the debug setting. */
export const EXPORT_WORKERS_KEY = 'autosource.exportWorkers'
/** The URL parameter of the debug setting. */
export const EXPORT_WORKERS_PARAM = 'exportWorkers'
/** The most workers the setting may ask for (each compiles the story and walks the whole schedule). */
export const EXPORT_WORKERS_MAX = 16

/** What the choice reads of the browser (injected, so it is tested in Node). */
export interface ExportWorkersEnv {
  hardwareConcurrency: number | undefined
  /** The page address's query (`location.search`). */
  search: string
  /** The stored setting, or null. */
  stored: string | null
}

/** The number of export workers for `env`: the debug setting when valid, else min(cores - 1, 4), at least 1. */
export function exportWorkerCount(env: ExportWorkersEnv): number {
  const asked =
    parseSetting(new URLSearchParams(env.search).get(EXPORT_WORKERS_PARAM)) ?? parseSetting(env.stored)
  if (asked !== undefined) return asked
  const cores = env.hardwareConcurrency
  const n = typeof cores === 'number' && Number.isFinite(cores) ? Math.floor(cores) - 1 : 1
  return Math.max(1, Math.min(n, 4))
}

function parseSetting(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 ? Math.min(n, EXPORT_WORKERS_MAX) : undefined
}

/** The browser's env, read at every export (a changed setting applies to the next one). */
export function browserExportWorkersEnv(): ExportWorkersEnv {
  let stored: string | null = null
  try {
    stored = window.localStorage.getItem(EXPORT_WORKERS_KEY)
  } catch {
    // Storage can be blocked (privacy settings): the default applies.
  }
  return { hardwareConcurrency: navigator.hardwareConcurrency, search: window.location.search, stored }
}
