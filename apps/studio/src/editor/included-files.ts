/**
 * The files a story includes (and they include), found in the studio's file map the way the engine
 * worker's resolver finds them, so each can be shown as a read-only tab. Read from the text cheaply
 * (a top-level `include:` flow or block list): a tab list must not wait for a check.
 */
import type { FileMap } from '@autosource/engine/worker'

/** Most files listed (the loader's MAX_INCLUDED_FILES). */
const MAX_FILES = 100

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim()
const stripComment = (s: string) => s.replace(/\s+#.*$/, '')

/** The entries of a text's top-level `include:` (as written). */
export function includeEntries(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  const at = lines.findIndex((l) => /^include[ \t]*:/.test(l))
  if (at < 0) return []
  const rest = stripComment(lines[at].replace(/^include[ \t]*:/, '')).trim()
  if (rest.startsWith('[')) {
    const inner = rest.replace(/^\[/, '').replace(/\]\s*$/, '')
    return inner.split(',').map(unquote).filter(Boolean)
  }
  if (rest !== '') return [unquote(rest)]
  const out: string[] = []
  for (const line of lines.slice(at + 1)) {
    const item = /^[ \t]*-[ \t]+(.+)$/.exec(line)
    if (item) out.push(unquote(stripComment(item[1])))
    else if (/^\S/.test(line)) break
  }
  return out.filter(Boolean)
}

/** Where an include entry of `fromFile` is in `files` (the worker resolver's rules), if anywhere. */
export function resolveInclude(entry: string, fromFile: string, files: FileMap): string | undefined {
  const slash = fromFile.lastIndexOf('/')
  const joined = slash >= 0 ? fromFile.slice(0, slash + 1) + entry : entry
  if (Object.hasOwn(files, joined)) return joined
  if (Object.hasOwn(files, entry)) return entry
  const matches = Object.keys(files).filter((f) => f.endsWith(`/${entry}`))
  return matches.length === 1 ? matches[0] : undefined
}

/** Every file the story reaches through `include:`, depth first in the order listed, each once. */
export function includedFiles(text: string, mainFile: string, files: FileMap | undefined): string[] {
  if (!files) return []
  const seen = new Set<string>()
  const visit = (from: string, body: string) => {
    for (const entry of includeEntries(body)) {
      const file = resolveInclude(entry, from, files)
      if (!file || seen.has(file) || file === mainFile || seen.size >= MAX_FILES) continue
      seen.add(file)
      visit(file, files[file])
    }
  }
  visit(mainFile, text)
  return [...seen]
}
