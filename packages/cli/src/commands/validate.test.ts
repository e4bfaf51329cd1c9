import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { BAD_STORY, REPO_ROOT, tempDir } from '../test-fixtures.ts'

describe('autosource validate', () => {
  it('exits 0 and says ok for the seed stories', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['validate', 'stories/seed-advanced.yaml'], io)).toBe(0)
    expect(io.stdout.text).toBe('stories/seed-advanced.yaml: ok\n')
    expect(io.stderr.text).toBe('')
  })

  it('prints file:line:col, code, hint and a code frame for every problem, and exits 1', async () => {
    const io = memoryIo(tempDir({ 'bad.yaml': BAD_STORY }))
    expect(await runCli(['validate', 'bad.yaml'], io)).toBe(1)
    const out = io.stdout.text
    expect(out).toContain('bad.yaml:7:5: error story/unknown-key: Unknown key `frequncy`')
    expect(out).toContain('hint: did you mean `frequency`?')
    expect(out).toContain('7 |     frequncy: daily\n  |     ^^^^^^^^')
    expect(out).toContain('bad.yaml:10:10: error expr/unknown-function')
    expect(out).toContain('10 |       m: nosuch(1)\n   |          ^^^^^^')
    expect(out.trim().split('\n').pop()).toBe('bad.yaml: 2 errors, 0 warnings')
  })

  it('checks several files and sums them up', async () => {
    const dir = tempDir({
      'bad.yaml': BAD_STORY,
      'good.yaml': 'org_id: a\nstart_date: 2025-01-01\nevents:\n  - { source: s, event: e }\n',
    })
    const io = memoryIo(dir)
    expect(await runCli(['validate', 'good.yaml', 'bad.yaml'], io)).toBe(1)
    expect(io.stdout.text).toContain('good.yaml: ok\n')
    expect(io.stdout.text.trim().split('\n').pop()).toBe('2 files checked: 2 errors, 0 warnings')
  })

  it('reports a missing file clearly (exit 2, no stack trace) and still checks the others', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['validate', 'stories/nope.yaml', 'stories/seed-advanced.yaml'], io)).toBe(2)
    expect(io.stdout.text).toContain('autosource: stories/nope.yaml: no such file')
    expect(io.stdout.text).toContain('stories/seed-advanced.yaml: ok')
    expect(io.stdout.text + io.stderr.text).not.toMatch(/\n\s+at /)
  })

  it('reports YAML syntax errors at their line', async () => {
    const io = memoryIo(tempDir({ 'broken.yaml': 'org_id: a\nstart_date: 2025-01-01\nevents: [\n' }))
    expect(await runCli(['validate', 'broken.yaml'], io)).toBe(1)
    expect(io.stdout.text).toMatch(/^broken\.yaml:\d+:\d+: error yaml\/syntax: /m)
  })

  it('is a usage error (exit 2) without files or with an unknown flag', async () => {
    let io = memoryIo(REPO_ROOT)
    expect(await runCli(['validate'], io)).toBe(2)
    expect(io.stderr.text).toContain('give at least one story file')
    io = memoryIo(REPO_ROOT)
    expect(await runCli(['validate', '--nope', 'x.yaml'], io)).toBe(2)
    expect(io.stderr.text).toContain("Unknown option '--nope'")
  })
})
