import { createHmac } from 'node:crypto'
import { createEngineClient, createWorkerHost, type EngineClient } from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeEngine } from '../../../packages/engine/src/worker/fake-engine.ts'
import { createDraftPersistence } from './drafts/persistence.ts'
import {
  DEFAULT_SEND_FIELDS,
  loadSendFields,
  SEND_FIELDS_KEY,
  SEND_MAX_EVENTS,
  sendCliCommand,
  sendFieldsProblem,
} from './send-fields.ts'
import { browserSendRequest, createSendStore } from './send-store.ts'
import { createStudioStore, type StudioStore } from './store.ts'
import { MemoryStorage } from './test/memory-storage.ts'

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

function studio(): StudioStore {
  const engine = createEngineClient({
    loadLocalHost: async () => (post) => createWorkerHost(post, { engine: fakeEngine(), batchSize: 5000 }),
  })
  clients.push(engine)
  return createStudioStore({
    engine,
    persistence: createDraftPersistence(new MemoryStorage(), { delayMs: 5 }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
  })
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** A fetch double that accepts every POST and keeps it. */
function receiver() {
  const bodies: { body: string; headers: Record<string, string> }[] = []
  const fetch = (async (_url: string, init: RequestInit) => {
    bodies.push({ body: String(init.body), headers: init.headers as Record<string, string> })
    return new Response(null, { status: 204 })
  }) as unknown as typeof globalThis.fetch
  return { bodies, fetch }
}

async function finishedPreview(count: number): Promise<StudioStore> {
  const store = studio()
  store.getState().setText(store.getState().activeId!, `count: ${count}`)
  await until(() => store.getState().run.status === 'done' && store.getState().run.total === count)
  return store
}

describe('Send to URL fields', () => {
  it('checks the URL and the secret, and says what to do', () => {
    const f = { ...DEFAULT_SEND_FIELDS, url: 'http://localhost:3000/hook' }
    expect(sendFieldsProblem(f)).toBeNull()
    expect(sendFieldsProblem({ ...f, url: '' })).toMatch(/Enter the URL/)
    expect(sendFieldsProblem({ ...f, url: 'localhost:3000' })).toMatch(/http:\/\/ or https:\/\//)
    expect(sendFieldsProblem({ ...f, url: 'ftp://x/y' })).toMatch(/ftp:/)
    expect(sendFieldsProblem({ ...f, url: 'http://u:p@x/y' })).toMatch(/password/)
    expect(sendFieldsProblem({ ...f, vendor: 'stripe' })).toMatch(/whsec_/)
  })

  it('the CLI command sends the same events, with the secret as a variable', () => {
    const f = {
      ...DEFAULT_SEND_FIELDS,
      url: 'http://localhost:3000/a b',
      vendor: 'github' as const,
      secret: 'shh',
    }
    const cmd = sendCliCommand('my-story.yaml', 7, f)
    expect(cmd).toBe(
      "autosource generate my-story.yaml --seed=7 --to 'http://localhost:3000/a b' --sign github:$WEBHOOK_SECRET --concurrency 4",
    )
    expect(cmd).not.toContain('shh')
  })
})

describe('send store', () => {
  it('keeps every field across reloads, but the secret only when asked to', () => {
    const storage = new MemoryStorage()
    const a = createSendStore({ studio: () => studio().getState(), storage, request: browserSendRequest() })
    a.getState().setFields({
      url: 'http://127.0.0.1:1/x',
      vendor: 'stripe',
      secret: 'whsec_1',
      concurrency: 99,
    })
    expect(storage.getItem(SEND_FIELDS_KEY)).not.toContain('whsec_1')
    expect(loadSendFields(storage)).toMatchObject({
      url: 'http://127.0.0.1:1/x',
      vendor: 'stripe',
      secret: '',
      concurrency: 16,
    })
    a.getState().setFields({ rememberSecret: true })
    expect(loadSendFields(storage)).toMatchObject({ secret: 'whsec_1', rememberSecret: true })
    a.getState().setFields({ rememberSecret: false })
    expect(storage.getItem(SEND_FIELDS_KEY)).not.toContain('whsec_1')
    storage.setItem(SEND_FIELDS_KEY, '{broken')
    expect(loadSendFields(storage)).toEqual(DEFAULT_SEND_FIELDS)
  })

  it('sends the finished preview, each record its NDJSON line, signed; the summary counts them', async () => {
    const store = await finishedPreview(25)
    const r = receiver()
    const send = createSendStore({
      studio: () => store.getState(),
      storage: new MemoryStorage(),
      request: { ...browserSendRequest(), fetch: r.fetch },
    })
    send.getState().setFields({ url: 'http://127.0.0.1:1/hook', vendor: 'github', secret: 'gh' })
    send.getState().startSend()
    expect(send.getState().phase).toBe('sending')
    await until(() => send.getState().phase === 'done')
    expect(send.getState().outcome).toMatchObject({ end: 'complete', sent: 25, failed: 0, unsent: 0 })
    const window = store.getState().feed.snapshot().window!
    expect(r.bodies.map((b) => b.body)).toEqual(Array.from({ length: 25 }, (_, i) => window.line(i)))
    for (const b of r.bodies)
      expect(b.headers['X-Hub-Signature-256']).toBe(
        `sha256=${createHmac('sha256', 'gh').update(b.body).digest('hex')}`,
      )
    expect(send.getState().cliCommand).toContain('--sign github:$WEBHOOK_SECRET')
  })

  it(`sends at most ${SEND_MAX_EVENTS} events of a bigger preview, and refuses without a finished one`, async () => {
    const store = await finishedPreview(SEND_MAX_EVENTS + 7)
    const r = receiver()
    const send = createSendStore({
      studio: () => store.getState(),
      storage: new MemoryStorage(),
      request: { ...browserSendRequest(), fetch: r.fetch },
    })
    send.getState().setFields({ url: 'http://127.0.0.1:1/hook', concurrency: 16 })
    send.getState().startSend()
    await until(() => send.getState().phase === 'done')
    expect(r.bodies).toHaveLength(SEND_MAX_EVENTS)
    expect(send.getState().outcome?.sent).toBe(SEND_MAX_EVENTS)

    const idle = studio()
    const none = createSendStore({
      studio: () => idle.getState(),
      request: { ...browserSendRequest(), fetch: r.fetch },
    })
    none.getState().setFields({ url: 'http://127.0.0.1:1/hook' })
    none.getState().startSend()
    expect(none.getState().phase).toBe('idle')
    expect(none.getState().problem).toMatch(/finished preview|still running/)
  })
})
