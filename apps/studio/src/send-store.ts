/**
 * Send to URL's state: the dialog, its fields, the send in flight and its outcome. A store of its
 * own beside the studio's (it reads the finished preview from there and writes nothing back), so
 * the feature stays in its own files.
 */
import { packVendor, webCryptoHmac } from '@autosource/engine/delivery'
import type { RecordWindow } from '@autosource/engine/worker'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { storySeedOf } from './drafts/draft.ts'
import { fileStem } from './export-file-name.ts'
import {
  clampConcurrency,
  type FieldStorage,
  loadSendFields,
  SEND_MAX_EVENTS,
  type SendFields,
  saveSendFields,
  sendCliCommand,
  sendFieldsProblem,
  signingOf,
} from './send-fields.ts'
import { type SendCounts, type SendJob, type SendOptions, type SendOutcome, sendEvents } from './send-run.ts'
import type { StudioState } from './state/types.ts'

/** The events a send would take: from the finished preview on screen, or why there are none. */
export type SendSource =
  | {
      ok: true
      storyName: string
      storyFile: string
      seed: number
      shown: number
      total: number
      sending: number
    }
  | { ok: false; why: string }

/** The dialog and the send. */
export interface SendState {
  open: boolean
  fields: SendFields
  /** idle -> sending -> done (the outcome says complete, stopped or unreachable). */
  phase: 'idle' | 'sending' | 'done'
  /** Live counts of the send in flight (and of the last one). */
  counts: SendCounts
  /** Events of the send in flight or the last one. */
  total: number
  outcome: SendOutcome | null
  /** Where the last send went, and the CLI command for the same events. */
  sentTo: string | null
  cliCommand: string | null
  /** A field problem, shown once Send was pressed. */
  problem: string | null
  openSend(): void
  /** Closes the dialog; a send in flight is stopped (what was accepted is in the summary). */
  closeSend(): void
  setFields(patch: Partial<SendFields>): void
  startSend(): void
  stopSend(): void
}

/** What the send store needs from the studio and the browser (injected for tests). */
export interface SendDeps {
  studio: () => StudioState
  storage?: FieldStorage
  /** The request side: fetch, clocks, crypto, sleep and the page's origin. */
  request: Omit<
    SendOptions,
    'url' | 'bodyMode' | 'signing' | 'concurrency' | 'signal' | 'onProgress' | 'cliCommand'
  >
  /** Progress is redrawn at most this often (ms). */
  progressIntervalMs?: number
}

/** The finished preview's events, as a send takes them (at most SEND_MAX_EVENTS). */
export function sendSource(s: StudioState): SendSource {
  const run = s.run
  const draft = s.drafts.find((d) => d.id === run.draftId)
  const window = s.feed.snapshot().window
  if (run.status === 'running')
    return { ok: false, why: 'The preview is still running: Send to URL sends a finished preview.' }
  if (run.status !== 'done' || !draft || !window || window.length === 0 || run.text === null)
    return {
      ok: false,
      why: 'There is no finished preview to send. Run the story (Ctrl+Enter) and let it finish, then send its events.',
    }
  const seed = run.seed ?? run.outline?.seed ?? storySeedOf(run.text)
  return {
    ok: true,
    storyName: draft.name,
    storyFile: `${fileStem(draft.name)}.yaml`,
    seed,
    shown: window.length,
    total: run.total,
    sending: Math.min(SEND_MAX_EVENTS, window.length),
  }
}

/** The jobs of the first `count` records: each record's NDJSON line, event, and vendor pack (from `use:`). */
export function sendJobs(
  window: RecordWindow,
  outline: StudioState['run']['outline'],
  count: number,
): SendJob[] {
  const jobs: SendJob[] = []
  for (let i = 0; i < count; i++) {
    const line = window.line(i)
    jobs.push({ line, event: JSON.parse(line), vendor: packVendor(outline?.events[window.def(i)]?.use) })
  }
  return jobs
}

/** Creates the send store. */
export function createSendStore(deps: SendDeps): StoreApi<SendState> {
  const interval = deps.progressIntervalMs ?? 100
  let stop: AbortController | null = null
  return createStore<SendState>()((set, get) => ({
    open: false,
    fields: loadSendFields(deps.storage),
    phase: 'idle',
    counts: { sent: 0, retried: 0, failed: 0 },
    total: 0,
    outcome: null,
    sentTo: null,
    cliCommand: null,
    problem: null,

    openSend() {
      set({ open: true, problem: null })
    },

    closeSend() {
      stop?.abort()
      set({ open: false, problem: null })
    },

    setFields(patch) {
      const fields = { ...get().fields, ...patch }
      if (patch.concurrency !== undefined) fields.concurrency = clampConcurrency(patch.concurrency)
      saveSendFields(deps.storage, fields)
      set({ fields, problem: get().problem === null ? null : sendFieldsProblem(fields) })
    },

    startSend() {
      if (get().phase === 'sending') return
      const { fields } = get()
      const problem = sendFieldsProblem(fields)
      if (problem) return set({ problem })
      const studio = deps.studio()
      const source = sendSource(studio)
      const window = studio.feed.snapshot().window
      if (!source.ok || !window)
        return set({ problem: source.ok ? 'There is no finished preview.' : source.why })
      const jobs = sendJobs(window, studio.run.outline, source.sending)
      const url = fields.url.trim()
      const cliCommand = sendCliCommand(source.storyFile, source.seed, fields)
      const controller = new AbortController()
      stop = controller
      let lastDrawn = Number.NEGATIVE_INFINITY
      set({
        phase: 'sending',
        counts: { sent: 0, retried: 0, failed: 0 },
        total: jobs.length,
        outcome: null,
        sentTo: url,
        cliCommand,
        problem: null,
      })
      sendEvents(jobs, {
        ...deps.request,
        url,
        bodyMode: fields.bodyMode,
        signing: signingOf(fields),
        concurrency: fields.concurrency,
        signal: controller.signal,
        cliCommand,
        onProgress(counts) {
          const t = deps.request.now()
          if (t - lastDrawn < interval || stop !== controller) return
          lastDrawn = t
          set({ counts })
        },
      }).then(
        (outcome) => {
          if (stop === controller) stop = null
          const { sent, retried, failed } = outcome
          set({ phase: 'done', outcome, counts: { sent, retried, failed } })
        },
        (e) => {
          if (stop === controller) stop = null
          // sendEvents does not reject for failed requests; this is a bug, said as such.
          set({
            phase: 'idle',
            problem: `The send could not run: ${e instanceof Error ? e.message : String(e)}`,
          })
        },
      )
    },

    stopSend() {
      stop?.abort()
    },
  }))
}

/** The browser's request side. */
export function browserSendRequest(): SendDeps['request'] {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    hmac: webCryptoHmac(),
    now: () => performance.now(),
    wallNow: () => Date.now(),
    random: Math.random,
    freshId: randomUuid,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve()
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          signal.removeEventListener('abort', done)
          resolve()
        }
        signal.addEventListener('abort', done)
      }),
    pageOrigin: globalThis.location?.origin ?? 'http://localhost',
  }
}

/** A v4 UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
