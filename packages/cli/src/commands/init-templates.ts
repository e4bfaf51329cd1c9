import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One starter story of the library. */
export interface Template {
  name: string
  /** The story's first comment line, e.g. "E-commerce: a storefront's own tracking ...". */
  description: string
  text: string
}

// The seed's field and format references document the language; they are not stories to start from.
const NOT_TEMPLATES = new Set(['seed-fields', 'seed-format'])

// Published: tsup copies stories/*.yaml to dist/templates. In the workspace (src/commands/) the
// library is the repo's stories/ folder.
const CANDIDATE_DIRS = [
  new URL('./templates/', import.meta.url),
  new URL('../../../../stories/', import.meta.url),
]

function templatesDir(): string {
  for (const url of CANDIDATE_DIRS) {
    const dir = fileURLToPath(url)
    if (existsSync(dir)) return dir
  }
  throw new Error('init: the story library is missing from this installation')
}

function describe(text: string): string {
  const first = text.split('\n').find((line) => line.startsWith('#'))
  return first ? first.replace(/^#\s*/, '').trim() : ''
}

/** The library's starter stories, sorted by name. */
export function listTemplates(): Template[] {
  const dir = templatesDir()
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !NOT_TEMPLATES.has(f.slice(0, -5)))
    .sort()
    .map((f) => {
      const text = readFileSync(`${dir}${f}`, 'utf8')
      return { name: f.slice(0, -5), description: describe(text), text }
    })
}
