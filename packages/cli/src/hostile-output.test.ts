import { encodeShareLink } from '@autosource/engine/share'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { memoryIo } from './memory-io.ts'
import { REPO_ROOT, tempDir } from './test-fixtures.ts'

/** Anything that would drive a terminal: C0 except tab/newline, DEL, C1, bidi controls, separators. */
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/** Errors whose message and code frame quote raw ESC, BEL, CR and a bidi override from the story. */
const EVIL = [
  'org_id: acme',
  'start_date: 2025-01-01',
  'events:',
  '  - source: web',
  '    event: x',
  '    after: "zz\\e[2J\\a"   # \x1b]0;pwned\x07 \u202eevil\r',
  '    frequncy: daily \x1b[31m',
  '    data:',
  '      n: 1',
  '',
].join('\n')

async function run(args: string[], cwd: string) {
  const io = memoryIo(cwd)
  const code = await runCli(args, io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text }
}

describe('nothing from a story reaches the terminal raw', () => {
  it('validate escapes control characters in messages, code frames and file names', async () => {
    const name = 'ev\x1b[1mil\x07.yaml'
    const dir = tempDir({ [name]: EVIL })
    const { code, stdout } = await run(['validate', name], dir)
    expect(code).toBe(1)
    expect(stdout).toContain('story/unknown-key')
    expect(stdout).toContain('\\u001b]0;pwned\\u0007')
    expect(stdout).toContain('ev\\u001b[1mil\\u0007.yaml')
    expect(stdout).not.toMatch(RAW_CONTROL)
  })

  it('generate escapes them on stderr too, also in usage errors quoting a path', async () => {
    const dir = tempDir({ 'evil.yaml': EVIL })
    const failed = await run(['generate', 'evil.yaml'], dir)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('\\u202e')
    expect(failed.stderr).not.toMatch(RAW_CONTROL)
    const missing = await run(['generate', 'no\x1b[2Jsuch.yaml'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no\\u001b[2Jsuch.yaml: no such file')
    expect(missing.stderr).not.toMatch(RAW_CONTROL)
  })
})

describe('--link: a linked story includes nothing and reads no file', () => {
  it('every include: in a link is story/include-in-link, even of a file that exists', async () => {
    const dir = tempDir({ 'secret.yaml': 'templates:\n  t:\n    source: s\n    event: leaked.secret\n' })
    const text = `include: [secret.yaml, /proc/self/environ]\norg_id: acme\nstart_date: 2025-01-01\nevents:\n  - source: a\n    event: b\n`
    const { code, stdout, stderr } = await run(['generate', '--link', encodeShareLink({ text })], dir)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('story/include-in-link')
    expect(stderr).not.toContain('leaked')
    expect(stderr).not.toContain('PATH=')
  })

  it('a link whose text is a file path is a story text, never a path to read', async () => {
    const link = encodeShareLink({ text: 'stories/seed-advanced.yaml' })
    const { code, stdout } = await run(['generate', '--link', link], REPO_ROOT)
    expect(code).toBe(1)
    expect(stdout).toBe('')
  })
})
