import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { listTemplates } from './init-templates.ts'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autosource-init-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('autosource init', () => {
  const templates = listTemplates()

  it('lists the library stories with a one-line description', async () => {
    expect(templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['ecommerce', 'saas-funnel', 'iot-telemetry']),
    )
    for (const args of [['init'], ['init', '--list']]) {
      const io = memoryIo(dir)
      expect(await runCli(args, io)).toBe(0)
      for (const t of templates) expect(io.stdout.text).toContain(`${t.name}  `)
      expect(io.stdout.text).toContain('E-commerce: a storefront')
    }
  })

  for (const template of templates) {
    it(`writes the '${template.name}' template as a story that validates`, async () => {
      const io = memoryIo(dir)
      expect(await runCli(['init', '--template', template.name], io)).toBe(0)
      const out = join(dir, `${template.name}.yaml`)
      const text = readFileSync(out, 'utf8')
      expect(text.startsWith(`# Started from the '${template.name}' template`)).toBe(true)
      expect(text).toContain('Change first: org_id')
      expect(text.endsWith(template.text)).toBe(true)
      const check = memoryIo(dir)
      expect(await runCli(['validate', out], check), check.stderr.text + check.stdout.text).toBe(0)
    })
  }

  it('refuses to overwrite a file unless --force', async () => {
    const out = join(dir, 'mine.yaml')
    writeFileSync(out, 'keep me\n')
    const io = memoryIo(dir)
    expect(await runCli(['init', '-t', 'ecommerce', '--out', 'mine.yaml'], io)).toBe(1)
    expect(io.stderr.text).toContain('--force')
    expect(readFileSync(out, 'utf8')).toBe('keep me\n')
    expect(await runCli(['init', '-t', 'ecommerce', '--out', 'mine.yaml', '--force'], memoryIo(dir))).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain("'ecommerce' template")
  })

  it('rejects an unknown template with a usage error', async () => {
    const io = memoryIo(dir)
    expect(await runCli(['init', '--template', 'nope'], io)).toBe(2)
    expect(io.stderr.text).toContain("no template 'nope'")
    expect(existsSync(join(dir, 'nope.yaml'))).toBe(false)
  })
})
