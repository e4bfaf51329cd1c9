import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkStory } from '../generate/check-story.ts'
import { fileIncludeResolver, serializeNdjson, streamStory } from '../node/index.ts'
import type { StoryEvent } from '../runtime/records.ts'
import { inferStory } from './infer-story.ts'

/*
 * The promise of `autosource infer`, checked against every library story: generate samples,
 * infer a story from them, generate from that, and compare. The inferred story must check with
 * no errors, and its events must have the samples' event types (in rough proportion), data keys,
 * value types, enum values and id relations.
 */
// Stories whose samples have id relations between types (checked to be found, not only to hold).
const WITH_RELATIONS = new Set(['saas-funnel.yaml', 'ecommerce.yaml'])
const STORIES = new URL('../../../../stories/', import.meta.url).pathname
const NOT_RUNNABLE = new Set(['seed-format.yaml', 'seed-fields.yaml'])
const PARTS = /(^|\/)(_|shared)[^/]*\.ya?ml$/
const SAMPLES = 1500
// Vendor payloads are large (a GitHub event is ~15 KB): a few MB of samples are plenty.
const SAMPLE_BYTES = 3_000_000

function storyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : storyFiles(full)
    return /\.ya?ml$/.test(name) ? [relative(STORIES, full)] : []
  })
}

function samplesOf(file: string): { events: StoryEvent[]; lines: string[] } {
  const run = streamStory(readFileSync(join(STORIES, file), 'utf8'), {
    file: join('stories', file),
    resolveInclude: fileIncludeResolver(),
    limit: SAMPLES,
  })
  const events: StoryEvent[] = []
  const lines: string[] = []
  let bytes = 0
  for (const record of run) {
    const line = serializeNdjson(record)
    events.push(record as StoryEvent)
    lines.push(line)
    bytes += line.length
    if (bytes > SAMPLE_BYTES) break
  }
  return { events, lines }
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

function byType(events: readonly StoryEvent[]): Map<string, StoryEvent[]> {
  const out = new Map<string, StoryEvent[]>()
  for (const e of events) {
    const list = out.get(e.event) ?? []
    list.push(e)
    out.set(e.event, list)
  }
  return out
}

/** Per top-level data key: the value kinds seen (null left out) and the distinct values (capped). */
function fieldProfile(
  events: readonly StoryEvent[],
): Map<string, { kinds: Set<string>; values: Set<string> }> {
  const out = new Map<string, { kinds: Set<string>; values: Set<string> }>()
  for (const e of events) {
    for (const [k, v] of Object.entries(e.data)) {
      const p = out.get(k) ?? { kinds: new Set(), values: new Set() }
      if (v !== null) p.kinds.add(kindOf(v))
      if (p.values.size < 1000) p.values.add(JSON.stringify(v))
      out.set(k, p)
    }
  }
  return out
}

/** Top-level `field: "lookup(def.field)"` lines of an inferred story, with the event types of both ends. */
function topLevelLookups(
  text: string,
): { event: string; field: string; targetEvent: string; targetField: string }[] {
  const events = new Map<string, string>()
  for (const m of text.matchAll(/^ {2}- id: (\S+)\n {4}source: .*\n {4}event: (".*")$/gm))
    events.set(m[1], JSON.parse(m[2]))
  const out: { event: string; field: string; targetEvent: string; targetField: string }[] = []
  let current = ''
  for (const line of text.split('\n')) {
    const def = /^ {2}- id: (\S+)$/.exec(line)
    if (def) current = def[1]
    const m = /^ {6}(\w+): "lookup\((\w+)\.(\w+)\)"/.exec(line)
    if (m)
      out.push({
        event: events.get(current) ?? '',
        field: m[1],
        targetEvent: events.get(m[2]) ?? '',
        targetField: m[3],
      })
  }
  return out
}

const files = storyFiles(STORIES).filter((f) => !NOT_RUNNABLE.has(f) && !PARTS.test(f))

describe('infer: round trip through every library story', () => {
  it('finds the library', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  for (const file of files) {
    // Generous timeouts: a hang guard on a slow, shared machine, not a speed assertion.
    it(`${file}: the inferred story checks and generates look-alike events`, () => {
      const { events: samples, lines } = samplesOf(file)
      const inferred = inferStory(lines.join('\n'), { file: 'samples.ndjson' })
      expect(inferred.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      if (WITH_RELATIONS.has(file)) expect(topLevelLookups(inferred.text).length).toBeGreaterThan(0)
      const check = checkStory(inferred.text, { file: 'inferred.yaml' })
      expect(check.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([])
      const run = streamStory(inferred.text, { file: 'inferred.yaml', limit: SAMPLES * 3 })
      const generated = [...run].map((r) => r as StoryEvent)
      expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([])

      const want = byType(samples)
      const got = byType(generated)
      // Every type with a fair number of samples comes back, in rough proportion; no new types.
      for (const type of got.keys()) expect(want.has(type), `unexpected type ${type}`).toBe(true)
      for (const [type, list] of want) {
        if (list.length < 20) continue
        const share = list.length / samples.length
        const back = (got.get(type)?.length ?? 0) / Math.max(1, generated.length)
        expect(back, `share of ${type}`).toBeGreaterThan(share * 0.5)
        expect(back, `share of ${type}`).toBeLessThan(share * 1.6 + 0.02)
      }
      // An id relation holds in the generated events: every value is one of the target's values.
      for (const r of topLevelLookups(inferred.text)) {
        const ids = new Set((got.get(r.targetEvent) ?? []).map((e) => e.data[r.targetField]))
        for (const e of got.get(r.event) ?? [])
          if (e.data[r.field] !== null)
            expect(ids, `${r.event}.${r.field} -> ${r.targetEvent}`).toContain(e.data[r.field])
      }
      for (const [type, list] of want) {
        const back = got.get(type)
        if (!back || back.length < 5) continue
        const sampleFields = fieldProfile(list)
        const generatedFields = fieldProfile(back)
        // The same data keys, each with a value kind the samples had.
        expect([...generatedFields.keys()].sort(), `keys of ${type}`).toEqual([...sampleFields.keys()].sort())
        for (const [key, profile] of generatedFields) {
          const sample = sampleFields.get(key)
          if (!sample) continue
          for (const kind of profile.kinds) expect(sample.kinds, `${type}.${key}: ${kind}`).toContain(kind)
          // A field with a few repeated values (an enum) keeps to them.
          if (
            sample.values.size <= 8 &&
            list.length >= 40 &&
            !sample.kinds.has('object') &&
            !sample.kinds.has('array')
          )
            for (const v of profile.values)
              if (v !== 'null') expect(sample.values, `${type}.${key}`).toContain(v)
        }
      }
    }, 120_000)
  }
})
