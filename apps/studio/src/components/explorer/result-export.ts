/** A query result as a downloadable file (CSV or JSON), and the download itself. */
import type { QueryResult } from './store-protocol.ts'

/** The result as CSV (header row, RFC 4180 quoting) or JSON (an array of objects). */
export function resultText(result: QueryResult, format: 'csv' | 'json'): string {
  const names = result.columns.map((c) => c.name)
  if (format === 'json')
    return JSON.stringify(
      result.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))),
      null,
      2,
    )
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `${[names, ...result.rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`
}

/** Saves text as a file through a temporary link. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
