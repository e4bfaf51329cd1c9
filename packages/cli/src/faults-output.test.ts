import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { memoryIo } from './memory-io.ts'
import { REPO_ROOT, tempDir } from './test-fixtures.ts'

const FAULTY = 'stories/faulty-orders.yaml'

async function generate(args: string[], cwd = REPO_ROOT) {
  const io = memoryIo(cwd)
  const code = await runCli(['generate', ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text }
}

/** The story text without any `faults:` block (story-wide and per event). */
function withoutFaults(text: string): string {
  return text.replace(/^faults:\n(?: {2}.*\n)+/m, '').replace(/^ {4}faults:\n(?: {6}.*\n)+/gm, '')
}

/** A small story for CSV: only duplicates and damaged rows, so a clean row is byte-comparable. */
const CSV_STORY = `org_id: acme
start_date: 2025-01-01
seed: 3
faults:
  duplicate: 0.05
  corrupt: 0.05
events:
  - source: web
    event: page.view
    repeat: 3000
    every: duration(minutes=1)
    data:
      title: "= 'Page, \\"' + str(random(1, 99)) + '\\"'"
      n: random(1, 6)
`

function logLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
}

describe('generate with faults', () => {
  it('--no-faults equals the same story without `faults:`, byte for byte (ndjson and csv)', async () => {
    const text = readFileSync(join(REPO_ROOT, FAULTY), 'utf8')
    const stripped = withoutFaults(text)
    expect(stripped).not.toMatch(/^\s*faults:/m)
    const dir = tempDir({ 'clean.yaml': stripped })
    for (const format of ['ndjson', 'csv']) {
      const off = await generate([FAULTY, '--no-faults', '--format', format, '--limit', '1500'])
      const plain = await generate([join(dir, 'clean.yaml'), '--format', format, '--limit', '1500'])
      expect(off.code).toBe(0)
      expect(off.stdout.length).toBeGreaterThan(100_000)
      expect(off.stdout).toBe(plain.stdout)
      const on = await generate([FAULTY, '--format', format, '--limit', '1500'])
      expect(on.stdout).not.toBe(plain.stdout)
    }
  })

  it('--faults-log lists every injected fault; the output has the duplicates and damaged lines it says', async () => {
    const dir = tempDir()
    const log = join(dir, 'faults.ndjson')
    const on = await generate([FAULTY, '--faults-log', log])
    const off = await generate([FAULTY, '--no-faults'])
    expect(on.code).toBe(0)
    const lines = logLines(log)
    const count = (f: string) => lines.filter((l) => l.fault === f).length
    const out = on.stdout.trimEnd().split('\n')
    const clean = off.stdout.trimEnd().split('\n')
    expect(out.length).toBe(clean.length + count('duplicate'))
    const broken = out.filter((l) => {
      try {
        JSON.parse(l)
        return false
      } catch {
        return true
      }
    })
    expect(broken.length).toBe(count('corrupt'))
    expect(count('late')).toBeGreaterThan(50)
    const ids = new Set(clean.map((l) => JSON.parse(l).id))
    for (const l of lines) {
      expect(['duplicate', 'late', 'drop', 'nullify', 'corrupt', 'drift']).toContain(l.fault)
      expect(ids.has(l.id)).toBe(true)
    }
  })

  it('CSV: a corrupt record is one damaged row, the other rows are intact', async () => {
    const dir = tempDir({ 'pages.yaml': CSV_STORY })
    const log = join(dir, 'faults.ndjson')
    const on = await generate(['pages.yaml', '--format', 'csv', '--faults-log', log], dir)
    const off = await generate(['pages.yaml', '--format', 'csv', '--no-faults'], dir)
    const rows = on.stdout.split('\r\n')
    const cleanRows = new Set(off.stdout.split('\r\n'))
    const lines = logLines(log)
    const corrupt = lines.filter((l) => l.fault === 'corrupt').length
    expect(corrupt).toBeGreaterThan(100)
    expect(rows.length).toBe(
      off.stdout.split('\r\n').length + lines.filter((l) => l.fault === 'duplicate').length,
    )
    const damaged = rows.filter((r) => !cleanRows.has(r))
    expect(damaged.length).toBe(corrupt)
    const cleanList = [...cleanRows]
    for (const row of damaged) {
      const body = row.endsWith('"') && (row.match(/"/g) ?? []).length % 2 === 0 ? row.slice(0, -1) : row
      expect(cleanList.some((c) => c.startsWith(body) && c.length > body.length)).toBe(true)
    }
  })

  it('--faults-log with --no-faults is a usage error', async () => {
    const r = await generate([FAULTY, '--no-faults', '--faults-log', 'x.ndjson'])
    expect(r.code).toBe(2)
  })

  it('a bad `faults:` value fails with its diagnostic, and nothing is generated', async () => {
    const dir = tempDir({ 'bad.yaml': CSV_STORY.replace('duplicate: 0.05', 'duplicate: 5') })
    const r = await generate(['bad.yaml'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('story/invalid-probability')
  })
})
