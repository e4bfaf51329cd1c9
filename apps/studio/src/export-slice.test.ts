import { readFileSync } from 'node:fs'
import { serializeChunks, streamStory } from '@autosource/engine'
import {
  createEngineClient,
  createWorkerHost,
  type EngineApi,
  type EngineClient,
  type ExportFormat,
} from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { realEngineApi } from '../../../packages/engine/src/worker/engine-api.ts'
import { fakeEngine } from '../../../packages/engine/src/worker/fake-engine.ts'
import { createDraftPersistence } from './drafts/persistence.ts'
import type { ExportIo } from './export-io.ts'
import { createBlobSink, createWritableSink } from './export-sink.ts'
import { createStudioStore, type StudioStore } from './store.ts'

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

/** Downloads and picked files land in memory; `pick` says what the save picker answers. */
function memoryIo(pick: 'file' | 'cancel' = 'file') {
  const downloads: { name: string; blob: Blob }[] = []
  const files: { name: string; chunks: Uint8Array[]; state: 'open' | 'closed' | 'aborted' }[] = []
  const io: ExportIo = {
    canSaveToFile: () => true,
    async pickFile(name) {
      if (pick === 'cancel') return null
      const file = { name, chunks: [] as Uint8Array[], state: 'open' as 'open' | 'closed' | 'aborted' }
      files.push(file)
      return createWritableSink({
        write: async (d) => void file.chunks.push(d),
        close: async () => void (file.state = 'closed'),
        abort: async () => void (file.state = 'aborted'),
      })
    },
    downloadSink: (name, format) =>
      createBlobSink(format === 'csv' ? 'text/csv' : 'application/x-ndjson', (blob) =>
        downloads.push({ name, blob }),
      ),
  }
  return { io, downloads, files }
}

function open(io: ExportIo, engine: EngineApi = fakeEngine()): StudioStore {
  const client = createEngineClient({
    loadLocalHost: async () => (post) => createWorkerHost(post, { engine, batchSize: 5000 }),
  })
  clients.push(client)
  const store = createStudioStore({
    engine: client,
    persistence: createDraftPersistence(undefined, { delayMs: 5 }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
    exportIo: io,
  })
  store.getState().setLive(false)
  return store
}

const until = async (cond: () => boolean, ms = 5000) => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

const decode = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('')

describe('studio export', () => {
  it('downloads the whole run under a name made of story, seed and format', async () => {
    const { io, downloads } = memoryIo()
    const store = open(io)
    store.getState().openCopy('Big story', 'count: 60000')
    store.getState().openExport()
    expect(store.getState().exporting).toMatchObject({
      open: true,
      phase: 'choose',
      fileName: 'big-story-seed0.ndjson',
    })
    await until(() => store.getState().exporting.planned === 60000)
    store.getState().setExportFormat('csv')
    expect(store.getState().exporting.fileName).toBe('big-story-seed0.csv')
    store.getState().startExport('download')
    expect(store.getState().exporting.phase).toBe('running')
    await until(() => store.getState().exporting.phase === 'done')
    expect(downloads).toHaveLength(1)
    expect(downloads[0].name).toBe('big-story-seed0.csv')
    const lines = (await downloads[0].blob.text()).trimEnd().split('\n')
    expect(lines).toHaveLength(60000)
    expect(lines[59999]).toBe('csv:59999é')
    const state = store.getState().exporting
    expect(state.events).toBe(60000)
    expect(state.bytes).toBe(downloads[0].blob.size)
    expect(state.message).toMatch(/^Downloaded big-story-seed0\.csv: 60,000 events, [\d.]+ KB\.$/)
  })

  it('streams into a picked file, and goes back to the choice when the picker is closed', async () => {
    const saved = memoryIo('file')
    const store = open(saved.io)
    store.getState().openCopy('Filed', 'count: 3000')
    store.getState().openExport()
    store.getState().startExport('file')
    expect(store.getState().exporting.phase).toBe('picking')
    await until(() => store.getState().exporting.phase === 'done')
    expect(saved.files[0]).toMatchObject({ name: 'filed-seed0.ndjson', state: 'closed' })
    expect(decode(saved.files[0].chunks).split('\n')[2999]).toBe('ndjson:2999é')
    expect(store.getState().exporting.message).toMatch(/^Saved filed-seed0\.ndjson/)
    expect(saved.downloads).toHaveLength(0)

    const closed = memoryIo('cancel')
    const other = open(closed.io)
    other.getState().openExport()
    other.getState().startExport('file')
    await until(() => other.getState().exporting.phase === 'choose')
    expect(other.getState().exporting.target).toBeNull()
  })

  it('refuses a download that would not fit, before it grows, and offers Save as and the CLI', async () => {
    const { io, downloads } = memoryIo()
    const store = open(io)
    store.getState().openCopy('Huge', 'count: 200000000')
    store.getState().setSeed(store.getState().activeId!, 42)
    store.getState().openExport()
    store.getState().startExport('download')
    await until(() => store.getState().exporting.phase === 'refused')
    const state = store.getState().exporting
    expect(state.message).toMatch(/would be about [\d.]+ GB \(200,000,000 events\), more than the 1\.5 GB/)
    expect(state.message).toContain('Save as…')
    expect(state.cliCommand).toBe(
      'autosource generate huge.yaml --seed=42 --format ndjson --out huge-seed42.ndjson',
    )
    expect(state.events).toBeLessThan(100_000)
    expect(downloads).toHaveLength(0)
  })

  it('cancels: the worker stops, nothing is downloaded, the dialog says so', async () => {
    const { io, downloads, files } = memoryIo()
    const store = open(io)
    store.getState().openCopy('Long', 'count: 50000000')
    store.getState().openExport()
    store.getState().startExport('file')
    await until(() => store.getState().exporting.events > 0)
    store.getState().cancelExport()
    expect(store.getState().exporting).toMatchObject({
      phase: 'cancelled',
      message: 'Export cancelled. Nothing was saved.',
    })
    await until(() => files[0].state === 'aborted')
    const events = store.getState().exporting.events
    await new Promise((r) => setTimeout(r, 50))
    expect(store.getState().exporting.events).toBe(events)
    expect(downloads).toHaveLength(0)
    store.getState().closeExport()
    expect(store.getState().exporting.open).toBe(false)
  })

  it('refuses a story with errors and says where', async () => {
    const { io, downloads } = memoryIo()
    const store = open(io)
    store.getState().openCopy('Broken', 'oops')
    store.getState().openExport()
    store.getState().startExport('download')
    await until(() => store.getState().exporting.phase === 'refused')
    expect(store.getState().exporting.message).toBe(
      'The story has errors, so there is nothing to export: line 1: unknown key oops.',
    )
    expect(downloads).toHaveLength(0)
  })

  it.each(['ndjson', 'json', 'csv'] as ExportFormat[])(
    'with the real engine, %s equals the engine serializer the CLI uses',
    { timeout: 30_000 },
    async (format) => {
      const { io, downloads } = memoryIo()
      const store = open(io, realEngineApi())
      const text = readFileSync(new URL('../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')
      const id = store.getState().openCopy('seed-advanced', text)
      store.getState().setSeed(id, 42)
      store.getState().setExportFormat(format)
      store.getState().openExport()
      expect(store.getState().exporting.fileName).toBe(`seed-advanced-seed42.${format}`)
      store.getState().startExport('download')
      await until(() => store.getState().exporting.phase === 'done', 20_000)
      const got = await downloads[0].blob.text()
      if (format === 'csv') {
        // The CSV header starts with the envelope columns; the parity test compares the CLI byte for byte.
        expect(got.startsWith('id,org_id,source,event,timestamp,')).toBe(true)
        expect(got.trimEnd().split('\r\n')).toHaveLength(61)
      } else {
        expect(got).toBe([...serializeChunks(streamStory(text, { seed: 42 }), format)].join(''))
      }
    },
  )
})
