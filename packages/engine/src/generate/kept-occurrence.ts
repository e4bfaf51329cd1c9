import { Rng } from '../runtime/rng.ts'
import type { ActorView } from '../runtime/scope.ts'
import { STREAM_ID } from '../runtime/streams.ts'
import type { StoredInternal } from './ref-resolver.ts'

/** Draws the envelope id of occurrence `at` of the stream `key` (runtime/streams.ts: `key ^ STREAM_ID`). */
export type EventIdDrawer = (key: number, at: number) => string

/**
 * An event-id drawer with its own generator: an id drawn late (while another definition's
 * fields are being resolved, by `ref(x.id)`) must not disturb the run's generator.
 */
export function eventIdDrawer(seed: number): EventIdDrawer {
  const rng = new Rng()
  return (key, at) => {
    rng.reseed(seed, key ^ STREAM_ID, at)
    return rng.uuid4()
  }
}

/**
 * An occurrence kept for `ref`, `lookup`, `prev` and funnels. Its envelope id is drawn when first
 * read: a part of a sharded run (`--workers`, `--shard`) keeps every occurrence that later events
 * read, including the many it does not emit, and drawing a uuid for each of those was an eighth
 * of the work every part repeats. The id is the one the emitting part draws (same stream).
 */
export class KeptOccurrence implements StoredInternal {
  constructor(
    public def: number,
    public index: number,
    public timeMs: number,
    public fields: Record<string, unknown>,
    public parentOcc: StoredInternal | null,
    public actor: ActorView | null,
    public visit: number,
    private id: string | undefined,
    private readonly draw: EventIdDrawer,
    private readonly key: number,
    private readonly at: number,
  ) {}

  get eventId(): string {
    if (this.id === undefined) this.id = this.draw(this.key, this.at)
    return this.id
  }
}
