/**
 * The random streams of a run and how each is derived from the seed: the determinism
 * contract. Same story + seed = same bytes depends on every constant and formula here;
 * changing any of them changes output (update the goldens and say so in the changelog).
 *
 * Every stream is an `Rng` reseeded from (seed, stream key, occurrence) or forked from an
 * occurrence's stream by a key (`Rng.fork`), so no value depends on how many draws happened
 * elsewhere. Keys are 32-bit; `defKey` is the definition's stream key, `hashString(def.id)`,
 * so streams follow an event's id, not its position in the file.
 *
 * | stream | derivation |
 * |---|---|
 * | occurrence data | `reseed(seed, defKey, index)` |
 * | one top-level field | occurrence stream `.fork(hashString(field))` |
 * | a nested value (`props.email`, `items.0`) | field stream `.fork(hashString(path))` |
 * | `when:` | occurrence stream `.fork(hashString('\0when'))` |
 * | `offset:` `delay:` `jitter:` `every:` value | the schedule stream below `.fork(hashString('\0' + name))` |
 * | a custom generator's expression | occurrence stream `.fork(hashString('\0' + text))` |
 * | `probability:` draw | `reseed(seed, defKey ^ STREAM_CHANCE, index)` |
 * | envelope `id` | `reseed(seed, defKey ^ STREAM_ID, index)` |
 * | `lookup(target)` pick | `reseed(seed, defKey ^ STREAM_LOOKUP ^ imul(target + 1, 0x9e3779b1), index)` |
 * | root `offset:` of occurrence k | `reseed(seed, defKey ^ STREAM_SCHEDULE, k)` |
 * | root `jitter:` of occurrence k | `reseed(seed, defKey ^ STREAM_SCHEDULE ^ STREAM_JITTER, k)` |
 * | `after:` child `delay:` | `reseed(seed, defKey ^ STREAM_SCHEDULE, parent.index * 65537 + parent.def)` |
 * | `after:` child `jitter:` of occurrence k | as root jitter, with `childSeriesKey(defKey, parent.index)` as defKey |
 * | `every:` (once, before the run) | `new Rng(story.seed, defKey, 0)`: the story's seed, not an overriding run seed |
 * | `rate:` occurrence times (one sequential stream) | `new Rng(seed, defKey ^ STREAM_RATE, 0)` |
 * | actor k of a type: its attributes | `reseed(seed, actorKey, k)`, `actorKey = hashString('\0actor:' + name) ^ STREAM_ACTOR` |
 * | actor k's popularity weight | the attributes stream `.fork(hashString('\0popularity'))` |
 * | actor k's step n (dwell time, `next` weights, the choice) | `reseed(seed, actorStepKey(actorKey, n), k)`; the choice `.fork(hashString('\0next'))` |
 * | arrival times of a type (`arrivals:`) | `new Rng(seed, hashString('\0actor:' + name) ^ STREAM_RATE, 0)`, sequential |
 * | an event `on:` a state, entered at actor k's step n | as a definition's occurrence, with `actorEventKey(defKey, n)` as defKey and k as index |
 * | `pick(type)` in an occurrence | the occurrence stream `.fork(hashString('\0pick') ^ imul(type + 1, 0x9e3779b1))` |
 * | `faults:` decisions of occurrence k | `reseed(seed, defKey ^ STREAM_FAULTS, k)`, one fork per decision (faults/fault-streams.ts) |
 */

/** Schedule draws (offset, delay, jitter) of a definition. */
export const STREAM_SCHEDULE = 0x5bd1e995
/** The `probability:` draw of an occurrence. */
export const STREAM_CHANCE = 0x27d4eb2d
/** The envelope `id` of an occurrence. */
export const STREAM_ID = 0x165667b1
/** `lookup()` picks. */
export const STREAM_LOOKUP = 0x61c88647
/** Jitter, within the schedule stream. */
export const STREAM_JITTER = 0x9e3779b9
/** Occurrence times of a `rate:` definition (schedule/rate). */
export const STREAM_RATE = 0xa54ff53a
/** Fault decisions of an occurrence (faults/). */
export const STREAM_FAULTS = 0x3c6ef372

/** Actors (SPEC section 9): the attributes of each actor of a type. */
export const STREAM_ACTOR = 0x1b873593
/** Actors: each step of an actor's lifecycle. */
export const STREAM_ACTOR_STEP = 0xcc9e2d51
/** Actors: an event's occurrences on an actor's state entries. */
export const STREAM_ACTOR_EVENT = 0xe6546b64

/** Stream key of an actor type, from its name. */
export function actorStreamKey(nameHash: number): number {
  return nameHash ^ STREAM_ACTOR
}

/** Stream key of step `n` (0-based state entry) of an actor type's actors. */
export function actorStepKey(actorKey: number, n: number): number {
  return actorKey ^ STREAM_ACTOR_STEP ^ Math.imul(n + 1, 0x9e3779b1)
}

/** Definition stream key of an event's occurrence on an actor's step `n` (the actor index is the occurrence). */
export function actorEventKey(defKey: number, n: number): number {
  return defKey ^ STREAM_ACTOR_EVENT ^ Math.imul(n + 1, 0x85ebca6b)
}

/** Stream key of a `lookup(target)` pick from definition stream `defKey`. */
export function lookupStreamKey(defKey: number, target: number): number {
  return defKey ^ STREAM_LOOKUP ^ Math.imul(target + 1, 0x9e3779b1)
}

/** Occurrence number of the delay stream of an `after:` child, from its parent occurrence. */
export function childDelayOccurrence(parentIndex: number, parentDef: number): number {
  return parentIndex * 65_537 + parentDef
}

/** Definition stream key of an `after:` child's series under one parent occurrence (its jitter). */
export function childSeriesKey(defKey: number, parentIndex: number): number {
  return defKey ^ (parentIndex * 2_654_435_761)
}

/** Fork key of a top-level option's value (`when`, `offset`, `delay`, `jitter`, `every`): `'\0' + name`. */
export function optionForkText(name: string): string {
  return `\0${name}`
}
