import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { memoryIo } from './memory-io.ts'
import { REPO_ROOT, tempDir } from './test-fixtures.ts'

const BIN = fileURLToPath(new URL('../bin/autosource.js', import.meta.url))

describe('runCli', () => {
  it('prints usage with exit 2 without a command, and with exit 0 for --help', async () => {
    let io = memoryIo(REPO_ROOT)
    expect(await runCli([], io)).toBe(2)
    expect(io.stderr.text).toContain('Usage: autosource <command>')
    io = memoryIo(REPO_ROOT)
    expect(await runCli(['--help'], io)).toBe(0)
    expect(io.stdout.text).toContain('validate FILE...')
  })

  it('rejects an unknown command with exit 2', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['genrate'], io)).toBe(2)
    expect(io.stderr.text).toContain("unknown command 'genrate'")
  })

  it.each(['validate', 'generate', 'schema'])('%s --help prints its usage', async (command) => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli([command, '--help'], io)).toBe(0)
    expect(io.stdout.text).toContain(`Usage: autosource ${command}`)
  })
})

describe('bin/autosource.js (a real process)', () => {
  it('runs from source without a build, with byte-identical output across processes', () => {
    const run = () =>
      spawnSync(process.execPath, [BIN, 'generate', 'stories/seed-advanced.yaml', '--seed', '3'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      })
    const a = run()
    const b = run()
    expect(a.status).toBe(0)
    expect(a.stderr).toBe('')
    expect(a.stdout.split('\n')).toHaveLength(61)
    expect(b.stdout).toBe(a.stdout)
  })

  it('exits 0 with nothing on stderr when the reader closes the pipe early (| head -1)', async () => {
    const child = spawn(process.execPath, [BIN, 'generate', 'bench/reference-story.yaml'], { cwd: REPO_ROOT })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const firstLine = await new Promise<string>((resolve) => {
      let buf = ''
      child.stdout.on('data', (d) => {
        buf += d
        if (buf.includes('\n')) {
          // What `head -1` does: read one line, then close the pipe.
          child.stdout.destroy()
          resolve(buf.slice(0, buf.indexOf('\n')))
        }
      })
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(JSON.parse(firstLine).event).toBe('user.signup')
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })

  it('removes its temp output when killed mid-run (no partial file left behind)', async () => {
    const dir = tempDir()
    const child = spawn(
      process.execPath,
      [BIN, 'generate', join(REPO_ROOT, 'bench/reference-story.yaml'), '--out', 'out.ndjson'],
      {
        cwd: dir,
      },
    )
    // Wait until the temp file exists and has data, then stop the run.
    for (let i = 0; i < 300; i++) {
      const tmp = readdirSync(dir).find((f) => f.startsWith('out.ndjson.tmp-'))
      if (tmp && statSync(join(dir, tmp)).size > 0) break
      await new Promise((r) => setTimeout(r, 50))
    }
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(143)
    expect(readdirSync(dir)).toEqual([])
  })

  it('exits 2 with a message, not a stack trace, for a missing file', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', 'no/such.yaml'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
    expect(r.status).toBe(2)
    expect(r.stdout).toContain('no/such.yaml: no such file')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
