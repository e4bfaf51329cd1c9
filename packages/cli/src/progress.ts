import type { Writable } from 'node:stream'

/** Redraws a one-line progress report on a terminal: events, events/s, and ETA or elapsed time. */
export class Progress {
  private lastDraw: number
  private drawn = false

  constructor(
    private readonly out: Writable,
    private readonly now: () => number,
    /** Total events when it is known before the run (ETA); undefined shows elapsed time instead. */
    private readonly total: number | undefined,
    private readonly started = now(),
    private readonly intervalMs = 250,
  ) {
    this.lastDraw = started
  }

  /** Called often (once per output chunk); redraws at most every `intervalMs`. */
  update(count: number): void {
    const t = this.now()
    if (t - this.lastDraw < this.intervalMs) return
    this.lastDraw = t
    this.out.write(`\r\x1b[K${this.line(count, t)}`)
    this.drawn = true
  }

  /** Clears the line and prints a final one. */
  finish(count: number): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    const t = this.now()
    const secs = (t - this.started) / 1000
    this.out.write(
      `${formatCount(count)} events in ${formatDuration(secs)} (${formatCount(rate(count, secs))} events/s)\n`,
    )
  }

  /** Clears the line without a summary (failed or interrupted runs). */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }

  /** The text of the progress line at time `t`. */
  line(count: number, t: number): string {
    const secs = (t - this.started) / 1000
    const perSec = rate(count, secs)
    let text = `${formatCount(count)}`
    if (this.total !== undefined) text += `/${formatCount(this.total)}`
    text += ` events  ${formatCount(perSec)} events/s  `
    if (this.total !== undefined && perSec > 0)
      text += `ETA ${formatDuration(Math.max(0, this.total - count) / perSec)}`
    else text += `elapsed ${formatDuration(secs)}`
    return text
  }
}

function rate(count: number, secs: number): number {
  return secs > 0 ? Math.round(count / secs) : 0
}

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** Seconds as "4s", "2m05s", "1h02m". */
export function formatDuration(secs: number): string {
  const s = Math.round(secs)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}
