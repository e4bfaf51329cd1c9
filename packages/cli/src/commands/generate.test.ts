import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodeShareLink } from '@autosource/engine/share'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { BAD_STORY, QUOTING_STORY, REPO_ROOT, SCHEMA_VIOLATION_STORY, tempDir } from '../test-fixtures.ts'
import { uniqueFileName } from '../text-output.ts'

const SEED = 'stories/seed-advanced.yaml'

async function generate(args: string[], cwd = REPO_ROOT, options: Parameters<typeof memoryIo>[1] = {}) {
  const io = memoryIo(cwd, options)
  const code = await runCli(['generate', ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, io }
}

/** A strict RFC 4180 reader, independent of the serializer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"'
      i += 2
      continue
    }
    i++
    if (quoted) {
      if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`)
    else cell += c
  }
  if (cell || row.length) throw new Error('last row without CRLF')
  return rows
}

describe('autosource generate: formats', () => {
  it('writes NDJSON: one JSON event per line, envelope keys in SPEC order', async () => {
    const { code, stdout, stderr } = await generate([SEED])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(60)
    for (const line of lines) {
      const e = JSON.parse(line)
      expect(Object.keys(e)).toEqual(['id', 'org_id', 'source', 'event', 'timestamp', 'data'])
    }
    expect(JSON.parse(lines[0]).event).toBe('user.signup')
    expect(JSON.parse(lines[1]).data.customer_id).toBe(JSON.parse(lines[0]).data.user_id)
  })

  it('writes JSON as one valid array with the same events as NDJSON', async () => {
    const json = await generate([SEED, '--format', 'json'])
    const ndjson = await generate([SEED])
    expect(json.code).toBe(0)
    const array = JSON.parse(json.stdout)
    expect(array).toEqual(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    )
  })

  it('writes an empty JSON array for --limit 0', async () => {
    const { code, stdout } = await generate([SEED, '--format', 'json', '--limit', '0'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual([])
  })

  it('writes CSV: header of the union of dot paths, RFC 4180 quoting, CRLF rows', async () => {
    const dir = tempDir({ 'story.yaml': QUOTING_STORY })
    const { code, stdout } = await generate(['story.yaml', '--format', 'csv'], dir)
    expect(code).toBe(0)
    const rows = parseCsv(stdout)
    expect(rows[0]).toEqual([
      'id',
      'org_id',
      'source',
      'event',
      'timestamp',
      'data.title',
      'data.user.id',
      'data.user.geo.country',
      'data.tags',
      'data.total',
    ])
    expect(rows).toHaveLength(1 + 5)
    const view = rows.find((r) => r[3] === 'page.view')!
    expect(view[1]).toBe('acme, inc')
    expect(view[5]).toBe('Say "hi", then leave')
    expect(view[6]).toMatch(/^[0-9a-f-]{36}$/)
    expect(view[7]).toBe('DE')
    expect(JSON.parse(view[8])).toEqual(['a', 'b'])
    expect(view[9]).toBe('')
    const order = rows.find((r) => r[3] === 'order.placed')!
    expect(order.slice(5, 9)).toEqual(['', '', '', ''])
    expect(Number(order[9])).toBeGreaterThanOrEqual(1)
    expect(stdout).toContain('"Say ""hi"", then leave"')
  })

  it('stops after --limit events', async () => {
    const { code, stdout } = await generate([SEED, '--limit', '5'])
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n')).toHaveLength(5)
  })
})

describe('autosource generate: determinism', () => {
  it('gives byte-identical output for the same story and seed, and different output for another seed', async () => {
    for (const format of ['ndjson', 'json', 'csv']) {
      const a = await generate([SEED, '--format', format])
      const b = await generate([SEED, '--format', format])
      expect(a.stdout.length).toBeGreaterThan(1000)
      expect(b.stdout).toBe(a.stdout)
    }
    const seeded = await generate([SEED, '--seed', '7'])
    const again = await generate([SEED, '--seed', '7'])
    const base = await generate([SEED])
    expect(seeded.stdout).toBe(again.stdout)
    expect(seeded.stdout).not.toBe(base.stdout)
  })
})

describe('autosource generate: files', () => {
  it('--out FILE writes the same bytes as stdout and leaves no temp file', async () => {
    const dir = tempDir()
    const out = join(dir, 'events.ndjson')
    const { code, stdout, stderr } = await generate([SEED, '--out', out])
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toBe('')
    expect(readFileSync(out, 'utf8')).toBe((await generate([SEED])).stdout)
    expect(readdirSync(dir)).toEqual(['events.ndjson'])
  })

  it('a story with errors prints diagnostics, exits 1 and leaves the existing file untouched', async () => {
    const dir = tempDir({ 'bad.yaml': BAD_STORY, 'out.ndjson': 'previous run\n' })
    const { code, stdout, stderr } = await generate(['bad.yaml', '--out', 'out.ndjson'], dir)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('bad.yaml:7:5: error story/unknown-key')
    expect(stderr).toContain('7 |     frequncy: daily')
    expect(stderr).toContain('bad.yaml: 2 errors, 0 warnings; nothing generated')
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8')).toBe('previous run\n')
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'out.ndjson'])
  })

  it('--format csv --out DIR/ writes one file per event type with its own columns', async () => {
    const dir = tempDir({ 'story.yaml': QUOTING_STORY })
    const { code } = await generate(['story.yaml', '--format', 'csv', '--out', 'csv/'], dir)
    expect(code).toBe(0)
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['order.placed.csv', 'page.view.csv'])
    const orders = parseCsv(readFileSync(join(dir, 'csv', 'order.placed.csv'), 'utf8'))
    expect(orders[0]).toEqual(['id', 'org_id', 'source', 'event', 'timestamp', 'data.total'])
    expect(orders).toHaveLength(3)
    const views = parseCsv(readFileSync(join(dir, 'csv', 'page.view.csv'), 'utf8'))
    expect(views[0].slice(5)).toEqual(['data.title', 'data.user.id', 'data.user.geo.country', 'data.tags'])
    expect(views).toHaveLength(4)
  })

  it('refuses an existing directory for ndjson (exit 2) and a missing parent directory', async () => {
    const dir = tempDir()
    let r = await generate([SEED, '--out', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is a directory')
    r = await generate([SEED, '--out', join(dir, 'no', 'such', 'x.ndjson')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('does not exist')
  })
})

describe('autosource generate: usage and failures', () => {
  it.each([
    [['--format', 'xml'], '--format must be one of ndjson, json, csv'],
    [['--seed', 'abc'], '--seed must be an integer'],
    [['--limit=-1'], '--limit must be an integer >= 0'],
    [['--seed', '-5'], "use '--seed=-XYZ'"],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await generate([SEED, ...args])
    expect(code).toBe(2)
    expect(stderr).toContain(message)
  })

  it('needs exactly one story, and says so for a missing file without a stack trace', async () => {
    expect((await generate([])).code).toBe(2)
    expect((await generate([SEED, SEED])).code).toBe(2)
    const missing = await generate(['stories/nope.yaml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('stories/nope.yaml: no such file')
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })

  it('stops quietly with exit 0 when the reader closes early (| head)', async () => {
    const { code, stderr, io } = await generate(['bench/reference-story.yaml'], REPO_ROOT, {
      closeStdoutAfter: 1,
    })
    expect(code).toBe(0)
    expect(stderr).toBe('')
    // One 64 KiB chunk got through; the other million events were never generated.
    expect(io.stdout.writes).toBe(1)
  })

  it('--strict fails on a schema violation (and keeps no file); without it the run succeeds with a warning', async () => {
    const dir = tempDir({ 'story.yaml': SCHEMA_VIOLATION_STORY })
    const lax = await generate(['story.yaml', '--out', 'lax.ndjson'], dir)
    expect(lax.code).toBe(0)
    expect(lax.stderr).toMatch(/story\.yaml:\d+:\d+: warning schema\/violation/)
    expect(readFileSync(join(dir, 'lax.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(4)

    const strict = await generate(['story.yaml', '--strict', '--out', 'strict.ndjson'], dir)
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('schema/violation')
    expect(strict.stderr).toContain('--strict')
    expect(existsSync(join(dir, 'strict.ndjson'))).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([])

    const quiet = await generate(['story.yaml', '--quiet'], dir)
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe('')
  })

  it('--strict passes a clean story', async () => {
    const { code, stderr } = await generate([SEED, '--strict'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })

  it('--debug logs the engine (autosource.sim) on stderr, and only for that run', async () => {
    const { code, stderr } = await generate([SEED, '--debug', '--limit', '3'])
    expect(code).toBe(0)
    expect(stderr).toContain('[autosource.sim] debug:')
    expect((await generate([SEED, '--limit', '3'])).stderr).toBe('')
  })

  it('--link generates the story of a studio share link, with its seed unless --seed is given', async () => {
    const text = readFileSync(join(REPO_ROOT, SEED), 'utf8')
    const link = encodeShareLink({ text, seed: 5, name: 'Seed advanced' }, 'https://studio.example/')
    const linked = await generate(['--link', link])
    expect(linked.code).toBe(0)
    expect(linked.stdout).toBe((await generate([SEED, '--seed', '5'])).stdout)
    const reseeded = await generate(['--link', link, '--seed', '9'])
    expect(reseeded.stdout).toBe((await generate([SEED, '--seed', '9'])).stdout)
  })

  it('--link with a damaged link, or with a story file too, is a usage error', async () => {
    const bad = await generate(['--link', 'https://studio.example/#s=v1.@@@'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--link: .*\(share\/corrupt\)/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    const both = await generate([SEED, '--link', 'https://studio.example/#s=v1.abc'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('not both')
  })

  it('--link story errors are reported against the link name', async () => {
    const link = encodeShareLink({ text: BAD_STORY, name: 'bad one' })
    const { code, stderr } = await generate(['--link', link])
    expect(code).toBe(1)
    expect(stderr).toContain('bad-one.yaml:7:5: error story/unknown-key')
  })
})

describe('autosource generate: progress', () => {
  it('draws events, events/s and ETA on a TTY stderr, then a summary', async () => {
    let t = 0
    const now = () => (t += 100)
    const { code, stderr } = await generate(['bench/reference-story.yaml', '--limit', '3000'], REPO_ROOT, {
      stderrIsTty: true,
      now,
    })
    expect(code).toBe(0)
    expect(stderr).toMatch(/\r\x1b\[K[\d,]+\/3,000 events {2}[\d,]+ events\/s {2}ETA \d+s/)
    expect(stderr).toMatch(/3,000 events in \d+s \([\d,]+ events\/s\)\n$/)
  })

  it('says nothing on a TTY with --quiet, and nothing when stderr is not a TTY', async () => {
    expect((await generate([SEED, '--quiet'], REPO_ROOT, { stderrIsTty: true })).stderr).toBe('')
    expect((await generate([SEED])).stderr).toBe('')
  })
})

describe('uniqueFileName', () => {
  it('keeps event types readable, makes unsafe names safe, and never clashes', () => {
    const used = new Set<string>()
    expect(uniqueFileName('user.signup', used)).toBe('user.signup.csv')
    expect(uniqueFileName('a/b:c', used)).toBe('a_b_c.csv')
    expect(uniqueFileName('a_b_c', used)).toBe('a_b_c-2.csv')
    expect(uniqueFileName('..', used)).toBe('_.csv')
  })
})

// Keeps the temp-file helper honest: a file written by the test is visible to the CLI.
it('reads stories relative to the working directory', async () => {
  const dir = tempDir()
  writeFileSync(
    join(dir, 's.yaml'),
    'org_id: a\nstart_date: 2025-01-01\nevents:\n  - { source: s, event: e }\n',
  )
  const { code, stdout } = await generate(['s.yaml'], dir)
  expect(code).toBe(0)
  expect(JSON.parse(stdout).event).toBe('e')
})
