import { spawnSync } from 'node:child_process'
import { createReadStream, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { memoryIo } from './memory-io.ts'
import { REPO_ROOT, tempDir } from './test-fixtures.ts'

const SEED = join(REPO_ROOT, 'stories/seed-advanced.yaml')

async function generate(args: string[], cwd: string) {
  const io = memoryIo(cwd)
  const code = await runCli(['generate', SEED, ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text }
}

describe('--out onto links and special files: written through, never replaced', () => {
  it('writes through a symlink: the target gets the output, the link stays a link', async () => {
    const dir = tempDir({ 'real.ndjson': 'old\n' })
    symlinkSync('real.ndjson', join(dir, 'out.ndjson'))
    const { code } = await generate(['--out', 'out.ndjson'], dir)
    expect(code).toBe(0)
    expect(lstatSync(join(dir, 'out.ndjson')).isSymbolicLink()).toBe(true)
    const expected = (await generate([], dir)).stdout
    expect(readFileSync(join(dir, 'real.ndjson'), 'utf8')).toBe(expected)
    expect(readdirSync(dir).sort()).toEqual(['out.ndjson', 'real.ndjson'])
  })

  it('refuses a dangling symlink clearly (exit 2) and leaves it alone', async () => {
    const dir = tempDir()
    symlinkSync('missing.ndjson', join(dir, 'out.ndjson'))
    const { code, stderr } = await generate(['--out', 'out.ndjson'], dir)
    expect(code).toBe(2)
    expect(stderr).toContain('--out out.ndjson is a symbolic link to a missing file')
    expect(lstatSync(join(dir, 'out.ndjson')).isSymbolicLink()).toBe(true)
  })

  it('streams into a FIFO directly (no temp file, the FIFO stays a FIFO)', async () => {
    const dir = tempDir()
    const fifo = join(dir, 'pipe')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const chunks: Buffer[] = []
    const reader = createReadStream(fifo)
    reader.on('data', (c) => chunks.push(c as Buffer))
    const read = new Promise<void>((resolve) => reader.on('close', () => resolve()))
    const { code } = await generate(['--out', fifo], dir)
    await read
    expect(code).toBe(0)
    expect(Buffer.concat(chunks).toString('utf8')).toBe((await generate([], dir)).stdout)
    expect(lstatSync(fifo).isFIFO()).toBe(true)
    expect(readdirSync(dir)).toEqual(['pipe'])
  })

  it('writes into /dev/null and leaves the device node alone', async () => {
    const { code } = await generate(['--out', '/dev/null'], tempDir())
    expect(code).toBe(0)
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
  })

  it('--format csv --out DIR writes through a symlinked per-type file', async () => {
    const dir = tempDir({ 'kept.csv': 'old' })
    const out = join(dir, 'out')
    spawnSync('mkdir', [out])
    symlinkSync(join(dir, 'kept.csv'), join(out, 'user.signup.csv'))
    const io = memoryIo(dir)
    expect(await runCli(['generate', SEED, '--format', 'csv', '--out', 'out/'], io)).toBe(0)
    expect(lstatSync(join(out, 'user.signup.csv')).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(dir, 'kept.csv'), 'utf8')).toMatch(/^id,org_id,source,event,timestamp,/)
  })
})
