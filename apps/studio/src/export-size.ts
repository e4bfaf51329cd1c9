/** Sizes of exports: the download cap and how sizes read. */

/**
 * The largest export a download (Blob) may hold: 1.5 GiB. Chromium keeps big blobs out of the tab, but
 * the parts still pass through memory, and a browser's blob storage is bounded (about 2 GiB on 64-bit
 * desktops, less on phones). Bigger exports stream to a file ("Save as…") or go through the CLI.
 */
export const EXPORT_BLOB_MAX_BYTES = 1.5 * 1024 ** 3

/** 1536 -> "1.5 KB"; binary units, as file managers show them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}
