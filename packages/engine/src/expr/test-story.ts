/**
 * Test helpers: builds Story objects without the loader, and a tiny day-by-day runner
 * (one occurrence per definition per day) with a simple ref/lookup resolver.
 */
import type { DocPath } from '../diagnostics/diagnostic.ts'
import { hashString, Rng } from '../generate/rng.ts'
import type { FieldProvenance, OccurrenceScope, RefResolver, StoredOccurrence } from '../generate/scope.ts'
import type { DataEntry, DataNode, EventDef, OptionValue, SourceString, Story } from '../story/types.ts'
import { compileStory } from './compile-story.ts'
import type { CompiledStory } from './compiled.ts'

/** A SourceString whose text starts at `base` in `file` (toFile = i => base + i). */
export function sourceString(text: string, base = 0, file = 'test.yaml', path: DocPath = []): SourceString {
  return { text, file, span: { start: base, end: base + text.length }, path, toFile: (i) => base + i }
}

/** A definition as tests write it: JS values for data, strings for expressions. */
export interface TestDef {
  id?: string
  source?: string
  event?: string
  data: Record<string, unknown>
  when?: string
  offset?: string
  delay?: string
  jitter?: string
  every?: string
  after?: string
}

/** Builds a Story; the fake file text holds every string at the offset its SourceString maps to. */
export function testStory(
  defs: TestDef[],
  options: { seed?: number; locale?: string; timezone?: string } = {},
): Story {
  let file = ''
  const FILE = 'test.yaml'
  const str = (text: string, path: DocPath): SourceString => {
    file += `${path.join('.')}: `
    const s = sourceString(text, file.length, FILE, path)
    file += `${text}\n`
    return s
  }
  const node = (v: unknown, path: DocPath): DataNode => {
    const at = { start: file.length, end: file.length }
    if (typeof v === 'string') {
      const s = str(v, path)
      return { kind: 'string', value: s, span: s.span, file: FILE, path }
    }
    if (Array.isArray(v))
      return { kind: 'list', items: v.map((x, i) => node(x, [...path, i])), span: at, file: FILE, path }
    if (v !== null && typeof v === 'object') {
      const entries: DataEntry[] = Object.entries(v).map(([key, value]) => ({
        key,
        keySpan: at,
        value: node(value, [...path, key]),
      }))
      return { kind: 'map', entries, span: at, file: FILE, path }
    }
    return { kind: 'literal', value: v as number | boolean | null, span: at, file: FILE, path }
  }
  const option = (v: string | undefined, path: DocPath): OptionValue | undefined =>
    v === undefined ? undefined : { kind: 'expr', source: str(v, path) }
  const events: EventDef[] = defs.map((d, index) => {
    const path: DocPath = ['events', index]
    const data = node(d.data, [...path, 'data']) as DataNode & { kind: 'map' }
    return {
      index,
      id: d.id ?? d.event ?? `e${index}`,
      source: d.source ?? 'test',
      event: d.event ?? d.id ?? `e${index}`,
      offsetDays: 0,
      repeat: 1,
      probability: 1,
      data,
      when: option(d.when, [...path, 'when']),
      offset: option(d.offset, [...path, 'offset']),
      delay: option(d.delay, [...path, 'delay']),
      jitter: option(d.jitter, [...path, 'jitter']),
      every: option(d.every, [...path, 'every']),
      after: d.after,
      file: FILE,
      span: { start: 0, end: 0 },
      keySpans: {},
      path,
    }
  })
  const story: Story = {
    orgId: 'example_org',
    start: { year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    timezone: options.timezone ?? 'UTC',
    seed: options.seed ?? 42,
    locale: options.locale ?? 'en',
    events,
    schemas: [],
    file: FILE,
    sources: {},
  }
  story.sources[FILE] = file
  return story
}

/** Same index if stored, else the latest at or before the time; lookup: a random earlier one. */
export class TestRefs implements RefResolver {
  readonly history = new Map<number, StoredOccurrence[]>()

  ref(def: number, scope: OccurrenceScope): StoredOccurrence | undefined {
    const list = this.history.get(def) ?? []
    const same = list.find((o) => o.index === scope.index)
    if (same && same.timeMs <= scope.timeMs) return same
    let best: StoredOccurrence | undefined
    for (const o of list) if (o.timeMs <= scope.timeMs) best = o
    return best
  }

  lookup(def: number, scope: OccurrenceScope): StoredOccurrence | undefined {
    const list = (this.history.get(def) ?? []).filter((o) => o.timeMs <= scope.timeMs)
    return list.length ? list[Math.floor(scope.rng.next() * list.length)] : undefined
  }
}

/** Result of `runStory`: rows per definition, plus provenance when asked. */
export interface TestRun {
  compiled: CompiledStory
  rows: Record<string, unknown>[][]
  provenance: FieldProvenance[][]
}

/** Compiles (throwing on diagnostics) and resolves `days` occurrences of every definition, one per day. */
export function runStory(story: Story, days: number, options: { provenance?: boolean } = {}): TestRun {
  const { compiled, diagnostics } = compileStory(story)
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`story has errors: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  }
  const refs = new TestRefs()
  const rows: Record<string, unknown>[][] = story.events.map(() => [])
  const provenance: FieldProvenance[][] = []
  const prev: (StoredOccurrence | null)[] = story.events.map(() => null)
  const rng = new Rng()
  const start = Date.UTC(2025, 0, 1)
  for (let i = 0; i < days; i++) {
    story.events.forEach((def, d) => {
      const cd = compiled.defs[d]
      rng.reseed(story.seed, hashString(def.id), i)
      const prov: FieldProvenance[] | null = options.provenance ? [] : null
      const scope: OccurrenceScope = {
        rng,
        index: i,
        timeMs: start + i * 86_400_000 + d,
        timezone: story.timezone,
        prev: prev[d],
        parent: null,
        refs,
        provenance: prov,
      }
      const data = cd.resolveData(scope)
      if (cd.when && !cd.when(scope, data)) return
      rows[d].push(data)
      if (prov) provenance.push(prov)
      const fields: Record<string, unknown> = {}
      for (const k of cd.keptFields) fields[k] = data[k]
      const occ: StoredOccurrence = {
        def: def.index,
        index: i,
        timeMs: scope.timeMs,
        eventId: `${def.id}-${i}`,
        fields,
      }
      prev[d] = occ
      const list = refs.history.get(def.index) ?? []
      list.push(occ)
      refs.history.set(def.index, list)
    })
  }
  return { compiled, rows, provenance }
}

/** Compiles a one-definition story and returns the diagnostics (for error tests). */
export function diagnose(data: Record<string, unknown>, more: TestDef[] = [], extra: Partial<TestDef> = {}) {
  const story = testStory([{ id: 'main', ...extra, data }, ...more])
  return { story, ...compileStory(story) }
}

/** Evaluates `= expr` (or a data string) `n` times as field `x` of a one-definition story. */
export function evalField(text: string, n = 1, seed = 42, siblings: Record<string, unknown> = {}): unknown[] {
  const story = testStory([{ id: 'main', data: { ...siblings, x: text } }], { seed })
  return runStory(story, n).rows[0].map((r) => r.x)
}

/** Resolves field `x` (written as `text`) for occurrences 0..n-1 without keeping history (for statistics). */
export function sampleField(text: string, n: number, seed = 42): unknown[] {
  const story = testStory([{ id: 'main', data: { x: text } }], { seed })
  const { compiled, diagnostics } = compileStory(story)
  if (diagnostics.length) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('; '))
  const def = compiled.defs[0]
  const rng = new Rng()
  const scope: OccurrenceScope = {
    rng,
    index: 0,
    timeMs: Date.UTC(2025, 0, 1),
    timezone: 'UTC',
    prev: null,
    parent: null,
    refs: new TestRefs(),
    provenance: null,
  }
  const out = new Array(n)
  const key = hashString('main')
  for (let i = 0; i < n; i++) {
    rng.reseed(seed, key, i)
    scope.index = i
    out[i] = def.resolveData(scope).x
  }
  return out
}
