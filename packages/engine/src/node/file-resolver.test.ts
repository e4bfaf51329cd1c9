import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_INCLUDED_FILES, MAX_STORY_BYTES } from '../story/limits.ts'
import { loadStory } from '../story/load-story.ts'
import { fileIncludeResolver, readStoryFile, storyLoadOptions } from './file-resolver.ts'

// Hang guard only: each case reads nothing it should not, so it finishes at once.
const HANG_GUARD_MS = 60_000

let dir: string
let server: Server | undefined

const story = (entry: string) =>
  [
    'org_id: acme',
    'start_date: 2025-01-01',
    'include:',
    `  - ${JSON.stringify(entry)}`,
    'events:',
    '  - source: a',
    '    event: main',
    '',
  ].join('\n')

const tmpl = (event: string) => `events:\n  - source: inc\n    event: ${event}\n`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autosource-include-'))
  writeFileSync(join(dir, 'ok.yaml'), tmpl('ok'))
  writeFileSync(join(dir, 'notes.txt'), tmpl('txt'))
  mkdirSync(join(dir, 'folder.yaml'))
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')])
  symlinkSync(join(dir, 'pipe.yaml'), join(dir, 'to-pipe.yaml'))
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'))
  symlinkSync('/proc/self/environ', join(dir, 'environ.yaml'))
  symlinkSync(join(dir, 'notes.txt'), join(dir, 'to-txt.yaml'))
  writeFileSync(join(dir, 'huge.yaml'), '')
  truncateSync(join(dir, 'huge.yaml'), MAX_STORY_BYTES + 1)
  server = createServer()
  await new Promise<void>((done) => server!.listen(join(dir, 'socket.yaml'), done))
}, HANG_GUARD_MS)

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()))
  rmSync(dir, { recursive: true, force: true })
})

const load = (text: string, file = join(dir, 'main.yaml')) =>
  loadStory(text, { file, resolveInclude: fileIncludeResolver(dir) })

describe('fileIncludeResolver refuses what is not a regular .yaml file', () => {
  it.each([
    ['a named pipe (FIFO)', 'pipe.yaml', /named pipe/],
    ['a symlink to a FIFO', 'to-pipe.yaml', /named pipe/],
    ['/dev/zero', 'zero.yaml', /system path/],
    ['/dev/zero by its own name', '/dev/zero', /only \.yaml/],
    ['/proc/self/environ', 'environ.yaml', /system path/],
    ['a directory', 'folder.yaml', /directory/],
    ['a socket', 'socket.yaml', /socket|not a regular file/],
    ['a .txt file', 'notes.txt', /only \.yaml/],
    ['a .yaml symlink to a .txt file', 'to-txt.yaml', /not a \.yaml or \.yml file/],
    ['a file over the size limit', 'huge.yaml', /larger than 2000000 bytes/],
  ])(
    '%s -> limit/include-file at the include entry',
    (_name, entry, message) => {
      const text = story(entry)
      const result = load(text)
      const d = result.diagnostics.find((x) => x.code === 'limit/include-file')
      expect(d, JSON.stringify(result.diagnostics)).toBeDefined()
      expect(d!.message).toMatch(message)
      expect(d!.severity).toBe('error')
      const at = text.indexOf(JSON.stringify(entry))
      expect(d!.span).toEqual({ start: at, end: at + JSON.stringify(entry).length })
      expect(d!.hint).toBeTruthy()
      expect(result.story).toBeUndefined()
    },
    HANG_GUARD_MS,
  )

  it('reads a regular .yaml file', () => {
    const result = load(story('ok.yaml'))
    expect(result.diagnostics).toEqual([])
    expect(result.story?.events.map((e) => e.event)).toEqual(['ok', 'main'])
  })

  it('a missing file is still story/include-missing', () => {
    const result = load(story('nope.yaml'))
    expect(result.diagnostics.map((d) => d.code)).toEqual(['story/include-missing'])
  })
})

describe('symlink fan-out', () => {
  it(
    'a diamond of symlinks, 12 levels of 2 names each, joins every real file once',
    () => {
      // Level k has one real file that includes two names (a file and a symlink) of level k+1:
      // 4,096 paths through the graph, 13 real files.
      const fan = join(dir, 'fan')
      mkdirSync(fan)
      const levels = 12
      for (let k = 0; k <= levels; k++) {
        const include = k < levels ? `include: [l${k + 1}.yaml, l${k + 1}-link.yaml]\n` : ''
        writeFileSync(join(fan, `l${k}.yaml`), `${include}${tmpl(`level${k}`)}`)
        if (k > 0) symlinkSync(join(fan, `l${k}.yaml`), join(fan, `l${k}-link.yaml`))
      }
      const result = loadStory(story('fan/l0.yaml'), {
        file: 'main.yaml',
        resolveInclude: fileIncludeResolver(dir),
      })
      expect(result.diagnostics).toEqual([])
      expect(result.story?.events).toHaveLength(levels + 2)
    },
    HANG_GUARD_MS,
  )

  it(
    `caps a story at ${MAX_INCLUDED_FILES} included files`,
    () => {
      const many = join(dir, 'many')
      mkdirSync(many)
      const names: string[] = []
      for (let i = 0; i <= MAX_INCLUDED_FILES; i++) {
        writeFileSync(join(many, `f${i}.yaml`), tmpl(`e${i}`))
        names.push(`many/f${i}.yaml`)
      }
      const text = [
        'org_id: acme',
        'start_date: 2025-01-01',
        `include: [${names.join(', ')}]`,
        'events: []',
        '',
      ].join('\n')
      const result = loadStory(text, { file: 'main.yaml', resolveInclude: fileIncludeResolver(dir) })
      const limits = result.diagnostics.filter((d) => d.code === 'limit/include-file')
      expect(limits).toHaveLength(1)
      const last = names.at(-1)!
      expect(limits[0].span.start).toBe(text.indexOf(last))
      expect(limits[0].message).toMatch(`${MAX_INCLUDED_FILES} files`)
    },
    HANG_GUARD_MS,
  )
})

describe('readStoryFile and storyLoadOptions', () => {
  it(
    'reads a regular file, refuses a FIFO and /proc without blocking',
    () => {
      expect(readStoryFile(join(dir, 'ok.yaml'))).toBe(tmpl('ok'))
      expect(readStoryFile(join(dir, 'pipe.yaml'))).toBeUndefined()
      expect(readStoryFile('/proc/self/environ')).toBeUndefined()
      expect(readStoryFile(join(dir, 'missing.yaml'))).toBeUndefined()
    },
    HANG_GUARD_MS,
  )

  it('link options never read the disk; local options include next to the file', () => {
    const link = loadStory(story('ok.yaml'), { file: 'shared.yaml', ...storyLoadOptions({ link: true }) })
    expect(link.diagnostics.map((d) => d.code)).toEqual(['story/include-in-link'])
    const local = loadStory(story('ok.yaml'), { file: 'main.yaml', ...storyLoadOptions({ root: dir }) })
    expect(local.diagnostics).toEqual([])
  })
})
