import { hashString, Rng } from '../../runtime/rng.ts'
import { STREAM_RATE } from '../../runtime/streams.ts'

/**
 * The random stream of a rate definition's occurrence times: Rng(seed, hashString(id) ^
 * STREAM_RATE, 0), drawn sequentially (sfc32's period is far beyond any run). Keyed by the
 * definition id, so adding or moving other definitions never changes these times, and
 * distinct from every other stream (runtime/streams.ts).
 */
export { STREAM_RATE }

/** A uniform [0, 1) source for `createRateSchedule`, seeded by (story seed, definition id). */
export function rateUniform(seed: number, definitionId: string): () => number {
  const rng = new Rng(seed, hashString(definitionId) ^ STREAM_RATE, 0)
  return () => rng.next()
}
