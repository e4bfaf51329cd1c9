import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * The engine's folders form layers, lowest first; a folder may import its own files and any
 * folder below it, never one above (CONTEXT.md walks them). Tests and test utilities may
 * import anything; every other .ts file is parsed here for its imports.
 */
const LAYERS: string[][] = [
  ['diagnostics', 'log'],
  ['runtime'],
  ['schedule', 'packs'],
  ['story'],
  ['expr'],
  ['registry', 'faults', 'actors'],
  ['generate'],
  ['worker', 'share', 'node', 'infer', 'delivery'],
]
const ROOT = new URL('.', import.meta.url).pathname
const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : sourceFiles(full)
    return /\.tsx?$/.test(name) && !/\.test(-util)?\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)
      ? [relative(ROOT, full)]
      : []
  })
}

/** Relative import specifiers of a file: `import ... from`, `export ... from`, `import('...')`. */
function importsOf(text: string): string[] {
  const out: string[] = []
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1])
  return out
}

/** The folder under src/ a path is in ('' for the root's index.ts and internal.ts). */
function folderOf(path: string): string {
  const i = path.indexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

describe('layers', () => {
  const files = sourceFiles(ROOT)

  it('knows every folder', () => {
    const folders = new Set(files.map(folderOf).filter(Boolean))
    expect([...folders].filter((f) => !rank.has(f))).toEqual([])
  })

  it('no folder imports a folder above it', () => {
    const edges: string[] = []
    for (const file of files) {
      const from = folderOf(file)
      if (from === '') continue
      for (const spec of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        const target = relative(ROOT, join(ROOT, file, '..', spec))
        const to = folderOf(target)
        if (to === '' || to === from) continue
        if ((rank.get(to) ?? -1) > (rank.get(from) ?? -1)) edges.push(`${file} -> ${target}`)
      }
    }
    expect(edges).toEqual([])
  })

  it('reads imports in every form', () => {
    const text = "import a from '../x/a.ts'\nexport { b } from './b.ts'\nconst c = await import('../y/c.ts')"
    expect(importsOf(text)).toEqual(['../x/a.ts', './b.ts', '../y/c.ts'])
  })
})
