import type { Writable } from 'node:stream'
import { formatCount, formatDuration } from '../progress.ts'
import type { SinkSummary } from '../sinks/sink.ts'

/** The progress line of a delivery on a TTY: sent, retried, failed, rate and latency p50/p99. */
export class DeliveryProgress {
  private lastDraw: number
  private drawn = false

  constructor(
    private readonly out: Writable,
    private readonly now: () => number,
    private readonly started = now(),
    private readonly intervalMs = 250,
  ) {
    this.lastDraw = started
  }

  /** Redraws at most every `intervalMs`. */
  update(handed: number, stats: SinkSummary | undefined): void {
    const t = this.now()
    if (t - this.lastDraw < this.intervalMs) return
    this.lastDraw = t
    this.out.write(`\r\x1b[K${deliveryLine(handed, stats, (t - this.started) / 1000)}`)
    this.drawn = true
  }

  /** Clears the line (the summary follows). */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }
}

/** `1,200 sent  3 retried  0 failed  480 events/s  p50 2 ms  p99 15 ms  elapsed 2s`. */
export function deliveryLine(handed: number, stats: SinkSummary | undefined, secs: number): string {
  const sent = stats?.sent ?? handed
  let text = `${formatCount(sent)} sent`
  if (stats) text += `  ${formatCount(stats.retried)} retried  ${formatCount(stats.failed)} failed`
  text += `  ${formatCount(secs > 0 ? sent / secs : 0)} events/s`
  if (stats?.latencyMs) text += `  p50 ${formatMs(stats.latencyMs.p50)}  p99 ${formatMs(stats.latencyMs.p99)}`
  return `${text}  elapsed ${formatDuration(secs)}`
}

/** Milliseconds with a precision that reads well: `0.4 ms`, `12 ms`. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}
