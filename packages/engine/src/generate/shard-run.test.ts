import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileIncludeResolver } from '../node/file-resolver.ts'
import { prepareStory } from './prepare-story.ts'
import { serializeNdjson } from './serialize.ts'
import { mergeShardEnds, runShard, type ShardRunEnd } from './shard-run.ts'
import { blockWorker, createShardSelector } from './shard-selector.ts'
import { streamStory } from './stream-story.ts'

const ROOT = new URL('../../../../', import.meta.url).pathname
const NOT_RUNNABLE = /seed-format|seed-fields|(^|\/)(_|shared)[^/]*\.ya?ml$/

function storyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : storyFiles(full)
    return /\.ya?ml$/.test(name) && !NOT_RUNNABLE.test(name) ? [relative(ROOT, full)] : []
  })
}

/** Every construct whose values depend on earlier events, and problems counted per field. */
const DEPENDENT = `org_id: acme
start_date: 2025-01-01
end_date: 2025-01-03
timezone: Europe/Berlin
schemas:
  iot/reading:
    fields:
      n: { type: integer, max: 40 }
events:
  - id: product
    source: shop
    event: product
    repeat: 30
    frequency: hourly
    data:
      sku: uuid4()
      price: random(1, 100)
      noise: faker.name()
  - id: view
    source: shop
    event: view
    repeat: 300
    frequency: minutely
    jitter: duration(seconds=50)
    probability: 0.8
    data:
      product: lookup(product.sku)
      bad: 1 / 0
  - id: reading
    source: iot
    event: reading
    repeat: 90
    frequency: hourly
    data:
      n: "= (prev.n ?? 0) + 1"
      before: prev.n
  - id: signup
    source: app
    event: signup
    repeat: 60
    frequency: hourly
    when: random(0, 1) < 0.7
    data:
      user: uuid4()
      wait: random(1, 90)
  - id: order
    source: app
    event: order
    after: signup
    delay: duration(minutes=ref(signup.wait))
    probability: 0.6
    data:
      user: ref(signup.user)
      total: random(5, 500)
  - id: paid
    source: app
    event: paid
    after: order
    repeat: 2
    frequency: hourly
    data:
      total: ref(order.total)
      half: ref(order.total) / 0
  - id: visit
    source: web
    event: visit
    rate: 40/hour
    data:
      page: choice(['/', '/pricing'])
`

interface Source {
  name: string
  text: string
  file: string
}

const sources: Source[] = [
  ...storyFiles(join(ROOT, 'stories')).map((f) => ({
    name: f,
    file: f,
    text: readFileSync(join(ROOT, f), 'utf8'),
  })),
  { name: 'dependent constructs', file: 'dependent.yaml', text: DEPENDENT },
]

/** The whole run's NDJSON and diagnostics, from `parts` parts (each of `workers` workers) put back in block order. */
function reassembled(src: Source, shards: number, workers: number, blockSize: number) {
  const prepared = prepareStory(src.text, { file: src.file, resolveInclude: fileIncludeResolver(ROOT) })
  const blocks: { block: number; lines: string[] }[] = []
  const ends: ShardRunEnd[] = []
  for (let shard = 0; shard < shards; shard++) {
    for (let worker = 0; worker < workers; worker++) {
      const run = runShard(prepared, { shard, shards, worker, workers, blockSize })!
      for (let r = run.next(); r !== undefined; r = run.next()) {
        const block = shard + run.selector.ordinal * shards
        if (blocks.at(-1)?.block !== block) blocks.push({ block, lines: [] })
        blocks.at(-1)!.lines.push(`${serializeNdjson(r.event)}\n`)
      }
      ends.push(run.end())
    }
  }
  blocks.sort((a, b) => a.block - b.block)
  const merged = mergeShardEnds(prepared.diagnostics, ends)
  return { text: blocks.flatMap((b) => b.lines).join(''), ...merged }
}

function whole(src: Source) {
  const run = streamStory(src.text, { file: src.file, resolveInclude: fileIncludeResolver(ROOT) })
  const text = [...run].map((e) => `${serializeNdjson(e)}\n`).join('')
  return { text, diagnostics: run.diagnostics, summary: run.summary() }
}

describe('sharded runs put back together are the whole run', () => {
  it('has the library and the dependent story', () => {
    expect(sources.map((s) => s.name)).toContain('stories/ecommerce.yaml')
    const w = whole(sources.at(-1)!)
    // The story exercises what it is meant to: problems counted per field, a schema, every event type.
    expect(w.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['runtime/division-by-zero', 'schema/violation']),
    )
    expect(Object.keys(w.summary.perType).sort()).toEqual(
      ['order', 'paid', 'product', 'reading', 'signup', 'view', 'visit'].sort(),
    )
  })
  for (const src of sources) {
    it(`${src.name}: 3 shards, and 2 shards x 2 workers, give the same bytes, diagnostics and counts`, {
      timeout: 120_000,
    }, () => {
      const w = whole(src)
      expect(w.text.length).toBeGreaterThan(0)
      for (const [shards, workers, size] of [
        [3, 1, 5],
        [2, 2, 64],
      ]) {
        const r = reassembled(src, shards, workers, size)
        expect(r.text === w.text, `${shards}x${workers} bytes`).toBe(true)
        expect(r.diagnostics).toEqual(w.diagnostics)
        expect(r.summary.total).toBe(w.summary.total)
        expect({ ...r.summary.perType }).toEqual({ ...w.summary.perType })
      }
    })
  }
})

describe('the block selector', () => {
  it('deals blocks round-robin and never splits one millisecond', () => {
    const parts = [0, 1, 2].map((shard) => createShardSelector({ shard, shards: 3, blockSize: 2 }))
    const times = [0, 0, 0, 1, 2, 2, 2, 2, 3, 4, 5.5, 5.9, 6]
    const owners = times.map((t) => {
      const owns = parts.map((p) => p.owns(t))
      expect(owns.filter(Boolean)).toHaveLength(1)
      return owns.indexOf(true)
    })
    // Blocks: [0,0,0] [1,2,2,2,2] [3,4] [5.5,5.9] [6]: a block ends after 2 candidates once the ms moves on.
    expect(owners).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 0, 0, 1])
    expect(parts.map((p) => p.ordinal)).toEqual([1, 1, 0])
  })

  it('gives worker 0 the head start, then deals round-robin within the shard', () => {
    // Shard 1 of 2 owns the run's blocks 1, 3, 5, ...: its ordinals 0, 1, 2, ...; 3 workers, head start 2.
    const parts = [0, 1, 2].map((worker) =>
      createShardSelector({ shard: 1, shards: 2, worker, workers: 3, blockSize: 1, headStart: 2 }),
    )
    const owners: number[] = []
    for (let t = 0; t < 16; t++) {
      const owns = parts.map((p) => p.owns(t))
      if (t % 2 === 0) expect(owns.some(Boolean), `block ${t} is shard 0's`).toBe(false)
      else {
        expect(owns.filter(Boolean)).toHaveLength(1)
        owners.push(owns.indexOf(true))
      }
    }
    // Ordinals 0 and 1 are the head start; from ordinal 2 on, (ordinal - 2) % 3.
    expect(owners).toEqual([0, 0, 0, 1, 2, 0, 1, 2])
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((o) => blockWorker(o, 3, 2))).toEqual(owners)
    expect(parts[0].ownsFirst).toBe(false)
    expect(() => createShardSelector({ shard: 0, shards: 1, headStart: -1 })).toThrow(RangeError)
  })

  it('rejects an impossible spec', () => {
    expect(() => createShardSelector({ shard: 3, shards: 3 })).toThrow(RangeError)
    expect(() => createShardSelector({ shard: 0, shards: 0 })).toThrow(RangeError)
    expect(() => createShardSelector({ shard: 0, shards: 2, worker: 1, workers: 1 })).toThrow(RangeError)
  })
})
