/** Actors (issue 16): populations and lifecycles that would never end, or never fit in memory. */
import type { HostileCase } from '../types.ts'
import { HEAD } from './story.ts'

const actorStory = (population: string, states: string, start = 'a') =>
  `${HEAD}actors:\n  u:\n    ${population}\n    attributes: { id: uuid4() }\n    lifecycle:\n      start: ${start}\n      states: ${states}\nevents:\n  - on: u.a\n    source: s\n    event: e\n    data: { id: u.id, n: visit }\n`

const c = (
  id: string,
  title: string,
  entry: HostileCase['entry'],
  expect: HostileCase['expect'],
): HostileCase => ({
  id: `actors/${id}`,
  class: 'resources',
  title,
  entry,
  expect,
  maxMs: 20_000,
  maxMiB: 400,
  owner: 'run',
})

/** Each ends in bounded time and memory with a diagnostic. */
export const ACTOR_CASES: HostileCase[] = [
  c(
    'count-billion',
    'a billion actors present at the start',
    { kind: 'check', story: actorStory('count: 1000000000', '{ a: {} }') },
    { codes: ['limit/actors'] },
  ),
  c(
    'arrivals-flood',
    'arrivals at a million a second for two days',
    { kind: 'check', story: actorStory('arrivals: { rate: 1000000/second }', '{ a: {} }') },
    { codes: ['limit/actors'] },
  ),
  c(
    'zero-time-loop',
    'two states without `after` that only lead to each other',
    { kind: 'check', story: actorStory('count: 10', '{ a: { next: { b: 1 } }, b: { next: { a: 1 } } }') },
    { codes: ['actor/zero-time-loop'] },
  ),
  c(
    'endless-self-loop',
    'an actor re-entering its state every millisecond for two days',
    {
      kind: 'stream',
      story: actorStory('count: 3', '{ a: { next: { a: 1 }, after: duration(milliseconds=1) } }'),
      limit: 400_000,
    },
    { codes: ['limit/actor-visits'] },
  ),
  c(
    'nan-dwell',
    'a dwell time that is NaN',
    {
      kind: 'stream',
      story: actorStory('count: 3', '{ a: { next: { a: 1 }, after: "duration(hours=float(\'nan\'))" } }'),
      limit: 1000,
    },
    { anyCode: ['schedule/not-finite', 'runtime/not-finite', 'runtime/type-error'] },
  ),
]
