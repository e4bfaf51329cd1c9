import { decodeShareLink, encodeShareLink } from '@autosource/engine/share'
import { createEngineClient, createWorkerHost, type EngineClient } from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeEngine } from '../../../packages/engine/src/worker/fake-engine.ts'
import { createDraftPersistence } from './drafts/persistence.ts'
import type { ShareIo } from './share-io.ts'
import { hasShareFragment } from './share-io.ts'
import { createStudioStore, SHARED_RUN_LIMIT, type StudioStore } from './store.ts'

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

function memoryIo(clipboard: 'works' | 'refuses' = 'works') {
  const copied: string[] = []
  const files: { name: string; text: string; type: string }[] = []
  const io: ShareIo = {
    baseUrl: () => 'https://studio.example/app/',
    copy: async (text) => {
      if (clipboard === 'refuses') throw new Error('denied')
      copied.push(text)
    },
    downloadText: (name, text, type) => void files.push({ name, text, type }),
  }
  return { io, copied, files }
}

function open(io: ShareIo): StudioStore {
  const client = createEngineClient({
    loadLocalHost: async () => (post) => createWorkerHost(post, { engine: fakeEngine(), batchSize: 5000 }),
  })
  clients.push(client)
  return createStudioStore({
    engine: client,
    persistence: createDraftPersistence(undefined, { delayMs: 5 }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
    shareIo: io,
  })
}

const until = async (cond: () => boolean, ms = 3000) => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Text that does not compress: its link passes the warning length. */
function noisy(chars: number): string {
  let x = 12345
  let out = '# '
  while (out.length < chars) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    out += String.fromCharCode(33 + (x % 90))
  }
  return `${out}\ncount: 3\n`
}

describe('studio share', () => {
  it('makes a link of the open draft (text, seed, name), copies it and shows it', async () => {
    const { io, copied } = memoryIo()
    const store = open(io)
    const id = store.getState().openCopy('Pricing test', 'count: 12\n')
    store.getState().setSeed(id, 42)
    store.getState().openShare()
    const share = store.getState().share
    expect(share.open).toBe(true)
    expect(share.link).toMatch(/^https:\/\/studio\.example\/app\/#s=v1\.[A-Za-z0-9_-]+$/)
    expect(share.warning).toBeNull()
    await until(() => store.getState().share.copy === 'copied')
    expect(copied).toEqual([share.link])
    expect(decodeShareLink(share.link!)).toEqual({
      ok: true,
      payload: { text: 'count: 12\n', seed: 42, name: 'Pricing test' },
    })
    store.getState().closeShare()
    expect(store.getState().share.open).toBe(false)
  })

  it('leaves the seed out when the story’s own applies, and shows the link when the clipboard refuses', async () => {
    const { io } = memoryIo('refuses')
    const store = open(io)
    store.getState().openCopy('Own seed', 'count: 5\n')
    store.getState().openShare()
    await until(() => store.getState().share.copy === 'failed')
    const decoded = decodeShareLink(store.getState().share.link!)
    expect(decoded.ok && decoded.payload).toEqual({ text: 'count: 5\n', name: 'Own seed' })
  })

  it('warns about a long link and offers the .yaml file', () => {
    const { io, files } = memoryIo()
    const store = open(io)
    const text = noisy(12_000)
    store.getState().openCopy('Long one', text)
    store.getState().openShare()
    const share = store.getState().share
    expect(share.length).toBeGreaterThan(8000)
    expect(share.warning).toMatch(/8,000|8000/)
    store.getState().downloadStoryFile()
    expect(files).toEqual([{ name: 'long-one.yaml', text, type: 'application/yaml' }])
  })

  it('opens a link as a new draft, never touching the others, and runs a small story', async () => {
    const { io } = memoryIo()
    const store = open(io)
    const before = store.getState().drafts.map((d) => ({ ...d }))
    const link = encode('count: 30\n', 7, 'Team story')
    expect(store.getState().openShareLink(link)).toBe(true)
    const state = store.getState()
    expect(state.drafts.slice(0, before.length)).toEqual(before)
    const opened = state.drafts.at(-1)!
    expect(opened).toMatchObject({
      name: 'Team story (shared)',
      text: 'count: 30\n',
      seed: 7,
      origin: 'link',
    })
    expect(state.activeId).toBe(opened.id)
    expect(state.toasts.at(-1)?.message).toContain('Team story (shared)')
    await until(() => store.getState().run.status === 'done')
    expect(store.getState().run).toMatchObject({ draftId: opened.id, total: 30 })
    expect(store.getState().live).toBe(true)
    // The same link again is one more draft, not a replacement.
    store.getState().openShareLink(link)
    expect(store.getState().drafts.at(-1)!.name).toBe('Team story (shared) (2)')
    expect(store.getState().drafts).toHaveLength(before.length + 2)
    // A shared copy shared on keeps one "(shared)".
    store.getState().openShareLink(encode('count: 30\n', 7, 'Team story (shared) (2)'))
    expect(store.getState().drafts.at(-1)!.name).toBe('Team story (shared) (3)')
  })

  it('runs a big shared story at once, capped at SHARED_RUN_LIMIT events until Run', async () => {
    const { io } = memoryIo()
    const store = open(io)
    store.getState().openShareLink(encode(`count: ${SHARED_RUN_LIMIT * 3}\n`))
    await until(() => store.getState().run.status === 'done', 20_000)
    expect(store.getState().run.total).toBe(SHARED_RUN_LIMIT)
    expect(store.getState().live).toBe(true)
    expect(store.getState().linkNotice?.message).toContain('Press Run to generate all of it')
    store.getState().runNow()
    await until(
      () => store.getState().run.status === 'done' && store.getState().run.total > SHARED_RUN_LIMIT,
      20_000,
    )
    expect(store.getState().run.total).toBe(SHARED_RUN_LIMIT * 3)
  })

  it('loads a shared story with fromLink: its include is an error, never a read of the library', async () => {
    const { io } = memoryIo()
    const store = open(io)
    store.getState().openShareLink(encode('include: [shared.yaml]\ncount: 3\n'))
    await until(
      () => store.getState().check.draftId === store.getState().activeId && !store.getState().check.checking,
    )
    expect(store.getState().check.diagnostics.map((d) => d.code)).toEqual(['story/include-in-link'])
    // The same text typed into an ordinary draft is no link.
    store.getState().openCopy('local', 'include: [shared.yaml]\ncount: 3\n')
    await until(
      () =>
        store.getState().check.text !== null && store.getState().check.draftId === store.getState().activeId,
    )
    expect(store.getState().check.diagnostics).toEqual([])
  })

  it('says "not a share link" for junk that only looks like one', () => {
    const { io } = memoryIo()
    const store = open(io)
    expect(store.getState().openShareLink('https://studio.example/#s=v1.hello-world')).toBe(false)
    expect(store.getState().linkNotice?.message).toContain('This is not a share link.')
    expect(store.getState().linkNotice?.message).not.toMatch(/cut short/)
  })

  it('says clearly that a garbled, cut or tampered link cannot be opened, and loses nothing', () => {
    const { io } = memoryIo()
    const store = open(io)
    const good = encode('count: 3\n', 1, 'Fine')
    for (const bad of [
      good.slice(0, -6),
      good.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      'https://studio.example/#s=v1.@@@',
      'https://studio.example/#s=v9.abc',
    ]) {
      const drafts = store.getState().drafts
      const activeId = store.getState().activeId
      expect(store.getState().openShareLink(bad)).toBe(false)
      expect(store.getState().drafts).toBe(drafts)
      expect(store.getState().activeId).toBe(activeId)
      expect(store.getState().linkNotice?.tone).toBe('error')
      expect(store.getState().linkNotice?.message).toMatch(
        /^This share link could not be opened\. .+ Nothing was changed: your drafts are as you left them\.$/,
      )
      store.getState().dismissLinkNotice()
      expect(store.getState().linkNotice).toBeNull()
    }
  })

  it('recognizes share fragments', () => {
    expect(hasShareFragment('#s=v1.abc')).toBe(true)
    expect(hasShareFragment('#x=1&s=v1.abc')).toBe(true)
    expect(hasShareFragment('')).toBe(false)
    expect(hasShareFragment('#section')).toBe(false)
    expect(hasShareFragment('#xs=1')).toBe(false)
  })
})

function encode(text: string, seed?: number, name?: string): string {
  return encodeShareLink(
    { text, ...(seed === undefined ? {} : { seed }), ...(name === undefined ? {} : { name }) },
    'https://studio.example/',
  )
}
