import { setFlagsFromString } from 'node:v8'

/*
 * V8's allocation-site pretenuring, switched off for a process whose main thread generates a part
 * of a `--workers` run next to worker threads. That thread walks every candidate but builds only
 * half of them, so its long-lived objects (the history later events read) are a larger share of
 * what it allocates between two scavenges; in about a third of the runs V8 then decided to
 * allocate whole sites' objects, most of them short-lived, straight in the old generation
 * (`--trace-pretenuring-statistics`: sites of 1,800-3,300 objects "=> tenure"). The old
 * generation then grew by 110 MB of garbage per second and its concurrent marking took the cores
 * the parts need: the same 1M-event run took 1.72-1.83 s (3.2-3.3 CPU-s) instead of 1.33-1.46 s
 * (2.5-2.7 CPU-s), 3 runs in 10. With pretenuring off, 0 in 10; a single thread's run is the same
 * speed either way. Only how V8 places objects changes, never a value: the bytes are the same.
 *
 * The flag is read when V8 collects, so setting it after start takes effect for the rest of the
 * process (its worker threads included); the pool sets it before the run allocates.
 */
/** Called by a pool that generates on this thread and on worker threads at once (again: no change). */
export function tuneGcForParallelParts(): void {
  setFlagsFromString('--no-allocation-site-pretenuring')
}
