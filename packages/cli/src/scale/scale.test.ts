import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { REPO_ROOT, tempDir } from '../test-fixtures.ts'

// Bytes of `--workers 2` (real worker threads), and of the merged `--shard k/3` parts, against the
// plain run through the real CLI: three library stories (actors and packs, prev() chains, rates) and
// a story with every construct whose values depend on earlier events. Every library story's parts
// and blocks are compared with the whole run in the engine (generate/shard-run.test.ts); running all
// of them here too, through threads that each compile from source, cost CI two and a half minutes.
// faulty-orders has its own test below (its faults cannot be sharded).
const THROUGH_THE_CLI = /(^|\/)(saas-funnel|iot-telemetry|ops-incidents)\.yaml$/
const NOT_RUNNABLE = /seed-format|seed-fields|faulty-orders|(^|\/)(_|shared)[^/]*\.ya?ml$/

function storyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : storyFiles(full)
    return /\.ya?ml$/.test(name) && !NOT_RUNNABLE.test(name) ? [relative(REPO_ROOT, full)] : []
  })
}

const DEPENDENT = `org_id: acme
start_date: 2025-01-01
end_date: 2025-01-02
timezone: America/New_York
events:
  - id: product
    source: shop
    event: product
    repeat: 20
    frequency: hourly
    data:
      sku: uuid4()
      name: faker.name()
  - id: view
    source: shop
    event: view
    repeat: 200
    frequency: minutely
    jitter: duration(seconds=50)
    probability: 0.8
    data:
      product: lookup(product.sku)
      bad: 1 / 0
  - id: reading
    source: iot
    event: reading
    repeat: 40
    frequency: hourly
    data:
      n: "= (prev.n ?? 0) + 1"
  - id: signup
    source: app
    event: signup
    repeat: 30
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
    data:
      total: ref(order.total)
`

async function cli(args: string[], cwd = REPO_ROOT) {
  const io = memoryIo(cwd)
  const code = await runCli(args, io)
  return { code, out: io.stdout.text, err: io.stderr.text }
}

const dir = tempDir({ 'dependent.yaml': DEPENDENT })
const library = storyFiles(join(REPO_ROOT, 'stories'))
const stories = [...library.filter((f) => THROUGH_THE_CLI.test(f)), join(dir, 'dependent.yaml')]

describe('--workers and --shard give the bytes of the plain run', () => {
  it('has the library', () => {
    expect(library).toContain('stories/mobile-app.yaml')
    expect(stories).toHaveLength(4)
  })
  for (const story of stories) {
    const name = relative(REPO_ROOT, story)
    it(`${name}`, { timeout: 300_000 }, async () => {
      const plain = await cli(['generate', story])
      expect(plain.code).toBe(0)
      expect(plain.out.length).toBeGreaterThan(0)
      const workers = await cli(['generate', story, '--workers', '2'])
      expect(workers.code).toBe(0)
      expect(workers.out === plain.out, 'workers bytes').toBe(true)
      expect(workers.err).toBe(plain.err)
      const parts: string[] = []
      for (const k of [1, 2, 3]) {
        const part = join(dir, `${name.replace(/\W/g, '_')}-${k}.ndjson`)
        const r = await cli(['generate', story, '--shard', `${k}/3`, '--out', part, '--quiet'])
        expect(r.code).toBe(0)
        parts.push(part)
      }
      const merged = await cli(['merge', parts[2], parts[0], parts[1]])
      expect(merged.err).toBe('')
      expect(merged.out === plain.out, 'merged bytes').toBe(true)
    })
  }
})

describe('formats, limits and what cannot be split', () => {
  const story = 'stories/ecommerce.yaml'

  it('JSON and CSV through 3 workers, and a limit cut inside a chunk', { timeout: 300_000 }, async () => {
    for (const format of ['json', 'csv']) {
      const plain = await cli(['generate', story, '-f', format])
      const workers = await cli(['generate', story, '-f', format, '--workers', '3'])
      expect(workers.out === plain.out, format).toBe(true)
    }
    const plain = await cli(['generate', story, '--limit', '1001'])
    const workers = await cli(['generate', story, '--limit', '1001', '--workers', '2'])
    expect(workers.out === plain.out).toBe(true)
  })

  it('CSV parts merge, and --limit on merge is the plain run with --limit', {
    timeout: 300_000,
  }, async () => {
    const plain = await cli(['generate', story, '-f', 'csv'])
    const parts = [1, 2].map((k) => join(dir, `csv-${k}.csv`))
    for (const [i, part] of parts.entries())
      expect((await cli(['generate', story, '-f', 'csv', '--shard', `${i + 1}/2`, '--out', part])).code).toBe(
        0,
      )
    expect((await cli(['merge', ...parts])).out === plain.out).toBe(true)
    const limited = await cli(['generate', story, '--limit', '500'])
    const nd = [1, 2].map((k) => join(dir, `lim-${k}.ndjson`))
    for (const [i, part] of nd.entries())
      await cli(['generate', story, '--shard', `${i + 1}/2`, '--out', part])
    expect((await cli(['merge', '--limit', '500', ...nd])).out).toBe(limited.out)
  })

  it('merge refuses a part given twice and a part out of order', async () => {
    const part = join(dir, 'twice.ndjson')
    await cli(['generate', 'stories/seed-advanced.yaml', '--shard', '1/1', '--out', part])
    const twice = await cli(['merge', part, part])
    expect(twice.code).toBe(1)
    expect(twice.err).toMatch(/both hold .*not disjoint/)
    const lines = readFileSync(part, 'utf8').split('\n').filter(Boolean)
    const backwards = join(dir, 'backwards.ndjson')
    writeFileSync(backwards, `${[...lines].reverse().join('\n')}\n`)
    const r = await cli(['merge', backwards])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/goes back in time/)
  })

  it('faults: --shard is an error naming faults:, --workers runs on one thread and says why', {
    timeout: 300_000,
  }, async () => {
    const faulty = 'stories/faulty-orders.yaml'
    const shard = await cli(['generate', faulty, '--shard', '1/2'])
    expect(shard.code).toBe(1)
    expect(shard.out).toBe('')
    expect(shard.err).toMatch(/scale\/not-shardable: `faults:` prevents --shard/)
    const plain = await cli(['generate', faulty])
    const workers = await cli(['generate', faulty, '--workers', '2'])
    expect(workers.out === plain.out).toBe(true)
    expect(workers.err).toMatch(/--workers 2: generating on one thread: the story has `faults:`/)
    // With --no-faults the ground truth shards like any story.
    const truth = await cli(['generate', faulty, '--no-faults'])
    const parts = [1, 2].map((k) => join(dir, `truth-${k}.ndjson`))
    for (const [i, part] of parts.entries())
      expect(
        (await cli(['generate', faulty, '--no-faults', '--shard', `${i + 1}/2`, '--out', part])).code,
      ).toBe(0)
    expect((await cli(['merge', ...parts])).out === truth.out).toBe(true)
  })

  it('bad flags are usage errors', async () => {
    for (const args of [
      ['--shard', '0/3'],
      ['--shard', '4/3'],
      ['--shard', 'x'],
      ['--workers', '0'],
      ['--shard', '1/2', '--limit', '5'],
    ]) {
      const r = await cli(['generate', 'stories/seed-advanced.yaml', ...args])
      expect(r.code, args.join(' ')).toBe(2)
    }
  })
})
