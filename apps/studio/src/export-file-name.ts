/** File names of exports and shared `.yaml` files, from the story name (e.g. `seed-advanced-seed42.ndjson`). */
import type { ExportFormat } from '@autosource/engine/worker'

/** A story name as a safe, readable file-name stem: lowercase ASCII words joined by `-` (`story` when nothing is left). */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/g, '')
  return stem || 'story'
}

/** `<stem>-seed<N>.<format>`: the seed is in the name because the same story differs per seed. */
export function exportFileName(storyName: string, seed: number, format: ExportFormat): string {
  return `${fileStem(storyName)}-seed${seed}.${format}`
}

/** The MIME type of a download of each format. */
export function exportMimeType(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv' : format === 'json' ? 'application/json' : 'application/x-ndjson'
}
