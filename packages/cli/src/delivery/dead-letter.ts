import { closeSync, openSync, writeSync } from 'node:fs'

/**
 * `--dead-letter FILE`: one NDJSON line per event that failed for good,
 * `{"reason":"HTTP 400","event":{...}}`, appended (a rerun adds to it) and written synchronously,
 * so the file is complete when the summary says how many failed.
 */
export class DeadLetterFile {
  private fd: number | undefined
  count = 0

  constructor(readonly path: string) {}

  /** Appends one failed event (`line` is its NDJSON form). */
  write(line: string, reason: string): void {
    this.fd ??= openSync(this.path, 'a')
    writeSync(this.fd, `{"reason":${JSON.stringify(reason)},"event":${line}}\n`)
    this.count++
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}
