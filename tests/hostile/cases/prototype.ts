/** Prototype pollution through user-chosen keys: every map keyed by a story string must be proto-safe. */
import type { HostileCase } from '../types.ts'
import { HEAD } from './story.ts'

const KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'prototype',
]

function story(key: string): string {
  return `${HEAD}schemas:
  ${key}/${key}:
    fields:
      ${key}: { type: integer }
templates:
  ${key}:
    source: ${key}
events:
  - id: ${key}
    use: ${key}
    event: ${key}
    repeat: 3
    every: duration(hours=1)
    data:
      ${key}: =1
  - id: child_${key}
    after: ${key}
    source: ${key}
    event: other
    data:
      v: ref(${key}.${key})
`
}

const base = () => ({
  class: 'prototype' as const,
  maxMs: 4000,
  maxMiB: 300,
  owner: 'story' as const,
  expect: { minEvents: 6 },
})

/** Each key as event type, source, id, template, schema key and field, through every entry point. */
export const PROTOTYPE_CASES: HostileCase[] = KEYS.flatMap((key): HostileCase[] => [
  {
    ...base(),
    id: `proto/${key}/stream`,
    title: `${key} everywhere, streamed as NDJSON`,
    entry: { kind: 'stream', story: story(key) },
    owner: 'run',
  },
  {
    ...base(),
    id: `proto/${key}/csv`,
    title: `${key} everywhere, serialized as CSV`,
    entry: { kind: 'stream', story: story(key), format: 'csv' },
    owner: 'run',
  },
  {
    ...base(),
    id: `proto/${key}/worker`,
    title: `${key} everywhere, through the worker's engine binding`,
    entry: { kind: 'worker', story: story(key) },
    owner: 'run',
  },
]).concat(
  KEYS.slice(0, 3).map(
    (key): HostileCase => ({
      ...base(),
      id: `proto/${key}/check`,
      title: `${key} everywhere, checked (validate, live markers)`,
      entry: { kind: 'check', story: story(key) },
      expect: {},
    }),
  ),
  [
    {
      id: 'proto/merge-key-proto',
      class: 'prototype',
      title: 'a YAML merge key that merges a __proto__ mapping',
      entry: {
        kind: 'stream',
        story: `${HEAD}base: &b\n  __proto__: { polluted: 1 }\nevents:\n  - id: a\n    source: s\n    event: e\n    data:\n      <<: *b\n      x: 1\n`,
      },
      expect: {},
      maxMs: 4000,
      maxMiB: 300,
      owner: 'story',
    },
    {
      id: 'proto/data-map-literal',
      class: 'prototype',
      title: "a map literal with '__proto__' and 'constructor' keys in an expression",
      entry: {
        kind: 'stream',
        story: `${HEAD}events:\n  - id: a\n    source: s\n    event: e\n    data:\n      m: "={'__proto__': {'polluted': 1}, 'constructor': 2}"\n      w: "=weighted({'__proto__': 1, 'toString': 1})"\n      s: "=switch('__proto__', {'__proto__': 'p', default: 'd'})"\n`,
      },
      expect: { minEvents: 1 },
      maxMs: 4000,
      maxMiB: 300,
      owner: 'expr',
    },
    {
      id: 'proto/lookup-proto',
      class: 'prototype',
      title: 'lookup()/ref() of a field named __proto__ on an event named constructor',
      entry: {
        kind: 'stream',
        story: `${HEAD}events:\n  - id: constructor\n    source: s\n    event: e\n    repeat: 2\n    every: duration(hours=1)\n    data:\n      __proto__: =1\n  - id: b\n    source: s\n    event: f\n    repeat: 2\n    every: duration(hours=1)\n    offset: duration(minutes=30)\n    data:\n      v: lookup(constructor.__proto__)\n      w: ref(constructor.__proto__)\n`,
      },
      expect: { minEvents: 4 },
      maxMs: 4000,
      maxMiB: 300,
      owner: 'run',
    },
  ],
)
