/** Samples kept for percentiles: enough for a stable p99, flat in memory on an endless `--follow`. */
const MAX_SAMPLES = 20_000

/** Latencies of acknowledged sends, for p50/p99 (reservoir-sampled past MAX_SAMPLES; the progress line sorts them 4 times a second). */
export class LatencyRecorder {
  private readonly samples: number[] = []
  private seen = 0

  add(ms: number): void {
    this.seen++
    if (this.samples.length < MAX_SAMPLES) this.samples.push(ms)
    else {
      // Reservoir sampling: every send has the same chance to be kept. Not part of any output bytes.
      const i = Math.floor(Math.random() * this.seen)
      if (i < MAX_SAMPLES) this.samples[i] = ms
    }
  }

  /** p50 and p99 in ms (nearest rank), or undefined before the first sample. */
  percentiles(): { p50: number; p99: number } | undefined {
    if (this.samples.length === 0) return undefined
    const sorted = [...this.samples].sort((a, b) => a - b)
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
    return { p50: at(0.5), p99: at(0.99) }
  }
}
