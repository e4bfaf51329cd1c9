import { UsageError } from '../cli-io.ts'

/** `--pace`: as fast as possible, or `factor` simulated seconds per wall-clock second (realtime = 1). */
export type Pace = { kind: 'asap' } | { kind: 'speed'; factor: number }

/** Parses `--pace asap|realtime|xN` (N > 0, decimals allowed: `x0.5` is half speed). */
export function parsePace(text: string | undefined): Pace {
  if (text === undefined || text === 'asap') return { kind: 'asap' }
  if (text === 'realtime') return { kind: 'speed', factor: 1 }
  const m = /^x(\d+(?:\.\d+)?)$/.exec(text)
  const factor = m ? Number(m[1]) : Number.NaN
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new UsageError(`--pace must be asap, realtime or xN (e.g. x60), got '${text}'`)
  return { kind: 'speed', factor }
}

/** Parses `--rate N/s` (also `N`, `N/m`, `N/h`) into events per second. */
export function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const m = /^(\d+(?:\.\d+)?)(?:\/(s|m|h))?$/.exec(text.trim())
  const perUnit = m ? Number(m[1]) : Number.NaN
  if (!(perUnit > 0) || !Number.isFinite(perUnit))
    throw new UsageError(`--rate must look like 500/s (or N/m, N/h), got '${text}'`)
  return perUnit / ({ s: 1, m: 60, h: 3600 }[m![2] as 's' | 'm' | 'h'] ?? 1)
}

/**
 * When each event may go out, for every sink alike. The pace maps simulated time onto the wall
 * clock from the first event on (that event goes at once); the rate spaces events at least
 * 1/rate seconds apart. Both together: the later of the two.
 */
export class Pacer {
  private wall0 = 0
  private sim0 = 0
  private started = false
  private nextSlot = Number.NEGATIVE_INFINITY

  constructor(
    private readonly pace: Pace,
    /** Events per second, or undefined for no cap. */
    private readonly rate: number | undefined,
    /** Monotonic wall clock in ms. */
    private readonly now: () => number,
  ) {}

  /** True when pacing never waits (asap, no rate): callers skip it entirely. */
  get idle(): boolean {
    return this.pace.kind === 'asap' && this.rate === undefined
  }

  /** Reserves the send time of the next event (simulated time `simMs`); returns how long to wait first. */
  reserve(simMs: number): number {
    const now = this.now()
    if (!this.started) {
      this.started = true
      this.wall0 = now
      this.sim0 = simMs
    }
    let due = now
    if (this.pace.kind === 'speed') due = Math.max(due, this.wall0 + (simMs - this.sim0) / this.pace.factor)
    if (this.rate !== undefined) {
      due = Math.max(due, this.nextSlot)
      this.nextSlot = due + 1000 / this.rate
    }
    return due - now
  }
}

/** Waits `ms`, or less when `signal` aborts (a stop must not wait for the next event's time). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
