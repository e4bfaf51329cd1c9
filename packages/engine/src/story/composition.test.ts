import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { LineIndex } from '../diagnostics/line-index.ts'
import { type IncludeResolver, loadStory } from './load-story.ts'
import type { DataNode } from './types.ts'

const lines = (...l: string[]) => `${l.join('\n')}\n`

/** Plain JS of a data node, for comparisons. */
function plain(node: DataNode): unknown {
  if (node.kind === 'map') return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]))
  if (node.kind === 'list') return node.items.map(plain)
  if (node.kind === 'string') return node.value.text
  return node.value
}

/** A fake file system: paths resolve relative to the including file's directory, like in Node. */
function fakeFs(files: Record<string, string>): { resolve: IncludeResolver; calls: [string, string][] } {
  const calls: [string, string][] = []
  const resolve: IncludeResolver = (path, from) => {
    calls.push([path, from])
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : ''
    const parts: string[] = []
    for (const p of (dir + path).split('/')) {
      if (p === '..') parts.pop()
      else if (p !== '.') parts.push(p)
    }
    const file = parts.join('/')
    return file in files ? { file, text: files[file] } : undefined
  }
  return { resolve, calls }
}

/** `file:line:column code` of each diagnostic. */
function where(files: Record<string, string>, ds: Diagnostic[]): string[] {
  return ds.map((d) => {
    const p = new LineIndex(files[d.file]).position(d.span.start)
    return `${d.file}:${p.line}:${p.column} ${d.code}`
  })
}

describe('templates and use', () => {
  const text = lines(
    'org_id: acme', // 1
    'start_date: 2025-01-01', // 2
    'templates:', // 3
    '  base:', // 4
    '    source: posthog', // 5
    '    event: user.signup', // 6
    '    repeat: 5', // 7
    '    data:', // 8
    '      plan: free', // 9
    '      tags: [a, b]', // 10
    '      address: {city: Paris, zip: "75001"}', // 11
    '  pro:', // 12
    '    use: base', // 13
    '    data:', // 14
    '      plan: pro', // 15
    'events:', // 16
    '  - use: base', // 17
    '    repeat: 2', // 18
    '    data:', // 19
    '      tags: [c]', // 20
    '      address: {zip: "10115", country: DE}', // 21
    '      extra: uuid4()', // 22
    '  - id: pro_signup', // 23
    '    use: pro', // 24
  )

  it('an event starts from its template; its own keys win', () => {
    const result = loadStory(text)
    expect(result.diagnostics).toEqual([])
    const [basic, pro] = result.story!.events
    expect([basic.id, basic.source, basic.event, basic.repeat, basic.use]).toEqual([
      'user.signup',
      'posthog',
      'user.signup',
      2,
      'base',
    ])
    expect([pro.id, pro.source, pro.event, pro.repeat, pro.use]).toEqual([
      'pro_signup',
      'posthog',
      'user.signup',
      5,
      'pro',
    ])
  })

  it('data merges deeply, the event wins key by key, lists are replaced', () => {
    const [basic, pro] = loadStory(text).story!.events
    expect(plain(basic.data)).toEqual({
      plan: 'free',
      tags: ['c'],
      address: { city: 'Paris', zip: '10115', country: 'DE' },
      extra: 'uuid4()',
    })
    // Key order: the template's keys first, then the event's new ones.
    expect(basic.data.entries.map((e) => e.key)).toEqual(['plan', 'tags', 'address', 'extra'])
    // Templates build on each other: pro = base + { plan: pro }.
    expect(plain(pro.data)).toEqual({
      plan: 'pro',
      tags: ['a', 'b'],
      address: { city: 'Paris', zip: '75001' },
    })
  })

  it('each merged value keeps the span of the file text it came from', () => {
    const [basic] = loadStory(text).story!.events
    const idx = new LineIndex(text)
    const line = (key: string) => {
      const e = basic.data.entries.find((x) => x.key === key)!
      return idx.position(e.value.span.start).line
    }
    expect([line('plan'), line('tags'), line('extra')]).toEqual([9, 20, 22])
    const address = basic.data.entries.find((x) => x.key === 'address')!.value
    if (address.kind !== 'map') throw new Error('expected a map')
    const at = Object.fromEntries(address.entries.map((e) => [e.key, idx.position(e.value.span.start).line]))
    expect(at).toEqual({ city: 11, zip: 21, country: 21 })
  })

  it('a problem inside a template points into the template, once, and names the event', () => {
    const broken = text.replace('    repeat: 5', '    repeat: 0').replace('    repeat: 2\n', '')
    const result = loadStory(broken)
    const repeats = result.diagnostics.filter((d) => d.code === 'story/invalid-repeat')
    // Two events use `base` (one through `pro`): one diagnostic, at the template's line 7.
    expect(repeats).toHaveLength(1)
    expect(new LineIndex(broken).position(repeats[0].span.start)).toEqual({ line: 7, column: 13 })
    expect(repeats[0].message).toContain('template `base`')
    expect(repeats[0].message).toContain('used by `user.signup`')
  })

  it('unknown keys in a template are reported in the template; templates have no `id`', () => {
    const broken = text.replace(
      '    event: user.signup\n',
      '    event: user.signup\n    id: x\n    frequncy: daily\n',
    )
    const result = loadStory(broken)
    const idx = new LineIndex(broken)
    expect(result.diagnostics.map((d) => `${d.code}@${idx.position(d.span.start).line}`)).toEqual([
      'story/unknown-key@7',
      'story/unknown-key@8',
    ])
    expect(result.diagnostics[1].hint).toContain('`frequency`')
  })

  it('an event whose template gives no source says so', () => {
    const t = lines(
      'org_id: a',
      'start_date: 2025-01-01',
      'templates:',
      '  t: {event: e}',
      'events:',
      '  - use: t',
    )
    const result = loadStory(t)
    expect(result.diagnostics.map((d) => d.code)).toEqual(['story/missing-key'])
    expect(result.diagnostics[0].message).toContain('`source`')
    expect(result.diagnostics[0].message).toContain('template `t`')
  })

  it('unknown template, also inside a template, with did-you-mean', () => {
    const t = lines(
      'org_id: a',
      'start_date: 2025-01-01',
      'templates:',
      '  base: {source: s, event: e}',
      '  pro: {use: bsae}',
      'events:',
      '  - use: pro',
    )
    const result = loadStory(t)
    expect(where({ 'story.yaml': t }, result.diagnostics)).toEqual(['story.yaml:5:14 story/unknown-template'])
    expect(result.diagnostics[0].hint).toContain('`base`')
  })
})

describe('include', () => {
  const files: Record<string, string> = {
    'stories/main.yaml': lines(
      'org_id: main_org', // 1
      'start_date: 2025-03-01', // 2
      'timezone: Europe/Berlin', // 3
      'seed: 7', // 4
      'include: [shared/common.yaml]', // 5
      'events:', // 6
      '  - use: stripe_charge', // 7
      '    after: signup', // 8
    ),
    'stories/shared/common.yaml': lines(
      'org_id: ignored_org', // 1
      'start_date: 2020-01-01', // 2
      'timezone: Asia/Tokyo', // 3
      'include: [../parts/base.yaml]', // 4
      'templates:', // 5
      '  stripe_charge:', // 6
      '    source: stripe', // 7
      '    event: charge.created', // 8
      'schemas:', // 9
      '  charge.created:', // 10
      '    fields:', // 11
      '      amount: {type: integer}', // 12
      'events:', // 13
      '  - id: signup', // 14
      '    source: posthog', // 15
      '    event: user.signup', // 16
    ),
    'stories/parts/base.yaml': lines('events:', '  - source: datadog', '    event: host.metric'),
  }

  it('events, templates and schemas of included files join; the including file keeps its own settings', () => {
    const { resolve, calls } = fakeFs(files)
    const result = loadStory(files['stories/main.yaml'], {
      file: 'stories/main.yaml',
      resolveInclude: resolve,
    })
    expect(result.diagnostics).toEqual([])
    const s = result.story!
    expect([s.orgId, s.start.year, s.timezone, s.seed]).toEqual(['main_org', 2025, 'Europe/Berlin', 7])
    // Included events first (depth first), then this file's.
    expect(s.events.map((e) => [e.id, e.file])).toEqual([
      ['host.metric', 'stories/parts/base.yaml'],
      ['signup', 'stories/shared/common.yaml'],
      ['charge.created', 'stories/main.yaml'],
    ])
    expect(s.events.map((e) => e.index)).toEqual([0, 1, 2])
    expect(s.events[2].source).toBe('stripe')
    expect(s.events[2].after).toBe('signup')
    expect(s.schemas.map((x) => [x.key, x.file])).toEqual([['charge.created', 'stories/shared/common.yaml']])
    expect(Object.keys(s.sources).sort()).toEqual(Object.keys(files).sort())
    // Paths are passed as written, with the including file: the resolver makes them relative.
    expect(calls).toEqual([
      ['shared/common.yaml', 'stories/main.yaml'],
      ['../parts/base.yaml', 'stories/shared/common.yaml'],
    ])
  })

  it('a file included twice (a diamond) joins once', () => {
    const diamond = {
      'a.yaml': lines('org_id: a', 'start_date: 2025-01-01', 'include: [b.yaml, c.yaml]', 'events: []'),
      'b.yaml': lines('include: [d.yaml]'),
      'c.yaml': lines('include: [d.yaml]'),
      'd.yaml': lines('events:', '  - source: s', '    event: e'),
    }
    const result = loadStory(diamond['a.yaml'], { file: 'a.yaml', resolveInclude: fakeFs(diamond).resolve })
    expect(result.diagnostics).toEqual([])
    expect(result.story!.events.map((e) => e.id)).toEqual(['e'])
  })

  it('errors inside an included file are reported there, and counted at the include line', () => {
    const broken: Record<string, string> = {
      ...files,
      'stories/parts/base.yaml': lines('events:', '  - source: datadog', '    evnt: x'),
    }
    const result = loadStory(broken['stories/main.yaml'], {
      file: 'stories/main.yaml',
      resolveInclude: fakeFs(broken).resolve,
    })
    expect(where(broken, result.diagnostics)).toEqual([
      'stories/main.yaml:5:11 story/include-error',
      'stories/parts/base.yaml:2:5 story/missing-key',
      'stories/parts/base.yaml:3:5 story/unknown-key',
      'stories/shared/common.yaml:4:11 story/include-error',
    ])
    expect(result.diagnostics[0].message).toContain('2 error(s)')
  })

  it('duplicate ids across files point at the duplicate and name the other file', () => {
    const dup: Record<string, string> = {
      ...files,
      'stories/main.yaml': files['stories/main.yaml'].replace(
        '  - use: stripe_charge',
        '  - id: signup\n    use: stripe_charge',
      ),
    }
    const result = loadStory(dup['stories/main.yaml'], {
      file: 'stories/main.yaml',
      resolveInclude: fakeFs(dup).resolve,
    })
    expect(where(dup, result.diagnostics)).toEqual(['stories/main.yaml:7:9 story/duplicate-id'])
    expect(result.diagnostics[0].message).toContain('stories/shared/common.yaml')
  })

  it('missing files and cycles point at the include entry', () => {
    const cyc = {
      'a.yaml': lines('org_id: a', 'start_date: 2025-01-01', 'include: [b.yaml, nope.yaml]', 'events: []'),
      'b.yaml': lines('include: [a.yaml]', 'events:', '  - source: s', '    event: e'),
    }
    const result = loadStory(cyc['a.yaml'], { file: 'a.yaml', resolveInclude: fakeFs(cyc).resolve })
    expect(where(cyc, result.diagnostics)).toEqual([
      'a.yaml:3:11 story/include-error',
      'a.yaml:3:19 story/include-missing',
      'b.yaml:1:11 story/include-cycle',
    ])
    expect(result.diagnostics[2].message).toBe('Include cycle: a.yaml -> b.yaml -> a.yaml')
  })

  it('a resolver that throws is a diagnostic, and no resolver is one too', () => {
    const text = lines(
      'org_id: a',
      'start_date: 2025-01-01',
      'include: [x.yaml]',
      'events:',
      '  - {source: s, event: e}',
    )
    const thrown = loadStory(text, {
      resolveInclude: () => {
        throw new Error('EACCES: permission denied')
      },
    })
    expect(thrown.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['story/include-missing', 'Cannot read `x.yaml`: EACCES: permission denied'],
    ])
    expect(loadStory(text).diagnostics.map((d) => d.code)).toEqual(['story/include-missing'])
  })

  it('an included file with a YAML error is reported in that file', () => {
    const bad: Record<string, string> = {
      'a.yaml': files['stories/parts/base.yaml'].replace(
        'events:',
        'org_id: a\nstart_date: 2025-01-01\ninclude: [b.yaml]\nevents:',
      ),
      'b.yaml': 'events: [\n',
    }
    const result = loadStory(bad['a.yaml'], { file: 'a.yaml', resolveInclude: fakeFs(bad).resolve })
    expect(result.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('b.yaml yaml/syntax')
    expect(result.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('a.yaml story/include-error')
  })
})
