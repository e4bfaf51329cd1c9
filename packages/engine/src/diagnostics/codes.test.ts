import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DIAGNOSTIC_CODES } from './codes.ts'

const DOC = fileURLToPath(new URL('../../../../docs/diagnostics.md', import.meta.url))
const SRC = fileURLToPath(new URL('..', import.meta.url))

/** Every non-test TypeScript file of the engine. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : []
  })
}

const codes = Object.keys(DIAGNOSTIC_CODES)

describe('the table of diagnostic codes', () => {
  it('has stable, well-formed codes with a one-line meaning', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[a-z]+\/[a-z]+(-[a-z]+)*$/)
      expect((DIAGNOSTIC_CODES as Record<string, string>)[code].length).toBeGreaterThan(10)
    }
  })

  it('docs/diagnostics.md explains every code (add a `### \\`code\\`` section when you add a code)', () => {
    const doc = readFileSync(DOC, 'utf8')
    const documented = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1])
    expect(
      codes.filter((c) => !documented.includes(c)),
      'codes missing from docs/diagnostics.md',
    ).toEqual([])
    expect(
      documented.filter((c) => !codes.includes(c)),
      'docs/diagnostics.md documents codes that do not exist',
    ).toEqual([])
    expect(new Set(documented).size, 'a code documented twice').toBe(documented.length)
  })

  it('lists every code the engine emits (add it to codes.ts when you add a code)', () => {
    const families = [...new Set(codes.map((c) => c.split('/')[0]))].join('|')
    const literal = new RegExp(`['"\`]((?:${families})/[a-z]+(?:-[a-z]+)*)['"\`]`, 'g')
    const used = new Map<string, string>()
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) used.set(m[1], file.slice(SRC.length))
    }
    expect(used.size).toBeGreaterThan(30)
    const missing = [...used]
      .filter(([code]) => !codes.includes(code))
      .map(([code, file]) => `${code} (${file})`)
    expect(missing, 'codes used in the engine but missing from DIAGNOSTIC_CODES').toEqual([])
  })
})
