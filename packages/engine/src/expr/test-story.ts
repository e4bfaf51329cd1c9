/**
 * Test helpers: builds Story objects without the loader. Running them goes through the real
 * engine (generate/run-test-story.ts): there is one ref/lookup implementation, not two.
 */
import type { DocPath } from '../diagnostics/diagnostic.ts'
import type { DataEntry, DataNode, EventDef, OptionValue, SourceString, Story } from '../story/types.ts'
import { compileStory } from './compile-story.ts'

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

/** Compiles a one-definition story and returns the diagnostics (for error tests). */
export function diagnose(data: Record<string, unknown>, more: TestDef[] = [], extra: Partial<TestDef> = {}) {
  const story = testStory([{ id: 'main', ...extra, data }, ...more])
  return { story, ...compileStory(story) }
}
