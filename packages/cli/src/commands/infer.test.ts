import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autosource-infer-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const STORY = new URL('../../../../stories/saas-funnel.yaml', import.meta.url).pathname

describe('autosource infer', () => {
  it('infers a story from generated samples that validates and generates', async () => {
    const gen = memoryIo(dir)
    expect(await runCli(['generate', STORY, '--limit', '400', '--out', 'samples.ndjson'], gen)).toBe(0)
    const sample = readFileSync(join(dir, 'samples.ndjson'), 'utf8').trim().split('\n')
    const types = new Set(sample.map((l) => JSON.parse(l).event)).size
    const io = memoryIo(dir)
    expect(await runCli(['infer', 'samples.ndjson', '--out', 'story.yaml'], io), io.stderr.text).toBe(0)
    expect(io.stderr.text).toMatch(
      new RegExp(
        `^inferred ${types} event types from 400 samples to .*story\\.yaml: user_signed_up \\(\\d+\\)`,
      ),
    )
    const story = readFileSync(join(dir, 'story.yaml'), 'utf8')
    expect(story).toContain(
      `# Inferred by autosource infer from 400 samples (${types} event types) in samples.ndjson.`,
    )
    const check = memoryIo(dir)
    expect(await runCli(['validate', 'story.yaml'], check), check.stdout.text).toBe(0)
    const again = memoryIo(dir)
    expect(await runCli(['generate', 'story.yaml', '--limit', '50'], again)).toBe(0)
    const events = again.stdout.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(events).toHaveLength(50)
    expect(new Set(events.map((e) => e.event))).toContain('user_signed_up')
  })

  it('prints the story without --out, and reads CSV', async () => {
    const gen = memoryIo(dir)
    expect(
      await runCli(['generate', STORY, '--limit', '200', '--format', 'csv', '--out', 's.csv'], gen),
    ).toBe(0)
    const io = memoryIo(dir)
    expect(await runCli(['infer', 's.csv'], io), io.stderr.text).toBe(0)
    expect(io.stdout.text).toContain('events:')
    expect(io.stdout.text).toContain('event: "invoice.paid"')
  })

  it('reports bad samples with their lines and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.ndjson'), '{"type":"a"}\n{oops\n')
    const io = memoryIo(dir)
    expect(await runCli(['infer', 'bad.ndjson', '-o', 'out.yaml'], io)).toBe(1)
    expect(io.stderr.text).toContain('bad.ndjson:2:')
    expect(io.stderr.text).toContain('infer/syntax')
    expect(io.stderr.text).toContain('line 2: not valid JSON')
    expect(io.stderr.text).toContain('no story written (1 error, 0 warnings)')
    expect(existsSync(join(dir, 'out.yaml'))).toBe(false)
  })

  it('usage errors: no sample, a missing file, a directory, a bad format; an existing --out', async () => {
    mkdirSync(join(dir, 'd'))
    writeFileSync(join(dir, 'x.ndjson'), '{"type":"a"}\n')
    writeFileSync(join(dir, 'taken.yaml'), 'x')
    const cases: [string[], number, string][] = [
      [['infer'], 2, 'give at least one sample file'],
      [['infer', 'nope.ndjson'], 2, 'nope.ndjson: no such file'],
      [['infer', 'd'], 2, 'd: not a regular file'],
      [['infer', 'x.ndjson', '--format', 'xml'], 2, '--format must be ndjson, json or csv'],
      [['infer', 'x.ndjson', '--out', 'taken.yaml'], 1, 'exists; pass --force'],
    ]
    for (const [args, code, text] of cases) {
      const io = memoryIo(dir)
      expect(await runCli(args, io), args.join(' ')).toBe(code)
      expect(io.stderr.text).toContain(text)
    }
    const forced = memoryIo(dir)
    expect(await runCli(['infer', 'x.ndjson', '--out', 'taken.yaml', '--force'], forced)).toBe(0)
    expect(readFileSync(join(dir, 'taken.yaml'), 'utf8')).toContain('event: "a"')
  })

  it('--help', async () => {
    const io = memoryIo(dir)
    expect(await runCli(['infer', '--help'], io)).toBe(0)
    expect(io.stdout.text).toContain('Usage: autosource infer SAMPLE...')
  })
})
