/**
 * The run preview, as a slice of the studio store: one run at a time, batches coalesced per frame into
 * the RunFeed, totals of the whole run, Stop ("Stopped at N of M"), the big-run guard of Live, the size
 * cap of a story opened from a link, and the budget stop of a run that goes silent.
 */
import { BUDGET_CODE, type IntensityCurve, type PackedRecords } from '@autosource/engine/worker'
import type { Draft } from '../drafts/draft.ts'
import { RunFeed } from './run-feed.ts'
import { storyOrigin } from './story-origin.ts'
import type { RunSlice, RunState, SliceContext } from './types.ts'

/** Records kept in memory for the table, timeline and inspector; the rest of a run is only counted. */
export const PREVIEW_CAP = 50_000

/** During a run, the views are updated at most this often (the first batch shows at once). */
export const RUN_UPDATE_INTERVAL_MS = 150

/** Once the preview window is full, the run's counts are updated at most this often. */
export const PROGRESS_UPDATE_INTERVAL_MS = 400

/** A Live run planned to make more events than this waits for a confirmation (an explicit Run never does). */
export const LIVE_CONFIRM_EVENTS = 5_000_000

/** A story opened from a link runs at once, but only its first this-many events until Run is pressed. */
export const SHARED_RUN_LIMIT = 100_000

/** The run before anything ran. */
export const emptyRun: RunState = {
  status: 'idle',
  runId: null,
  draftId: null,
  text: null,
  seed: undefined,
  outline: null,
  shown: 0,
  total: 0,
  summary: null,
  diagnostics: [],
  error: null,
  stale: false,
  startedAt: 0,
}

/** Creates the run actions and registers its steps (startRun, cancelRunInFlight). */
export function createRunSlice(ctx: SliceContext): RunSlice {
  const { get, set, now, steps, deps } = ctx
  const engine = deps.engine
  const feed = new RunFeed(PREVIEW_CAP)
  const nextFrame =
    deps.nextFrame ??
    ((fn: () => void) =>
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16))
  // Drafts whose Live runs the user already confirmed, or ran in full with Run (no guard, no link cap).
  const confirmed = new Set<string>()
  const active = (): Draft | undefined => get().drafts.find((d) => d.id === get().activeId)

  function startRun(deliberate = false): void {
    const draft = active()
    if (!draft) return
    if (deliberate) confirmed.add(draft.id)
    const previous = get().run
    if (previous.runId !== null && previous.status === 'running') engine.cancel(previous.runId)
    const seed = draft.seed ?? undefined
    const text = draft.text
    const sameDraft = previous.draftId === draft.id
    const limit = draft.origin === 'link' && !confirmed.has(draft.id) ? SHARED_RUN_LIMIT : undefined
    // The draft's Faults toggle (issue 18): off is the CLI's `--no-faults`.
    const faultsOff = draft.faultsOff === true
    let pending: PackedRecords[] = []
    let pendingProgress: { total: number; lastMs?: number } | null = null
    let curves: IntensityCurve[] | undefined
    let framed = false
    let lastApplied = 0
    let first = true
    const runId = engine.run(
      {
        text,
        ...storyOrigin(draft, deps.files),
        seed,
        limit,
        previewCap: PREVIEW_CAP,
        provenance: true,
        ...(faultsOff ? { noFaults: true } : {}),
      },
      {
        onBatch(records, progress, batchCurves) {
          if (records) pending.push(records)
          if (batchCurves) curves = batchCurves
          pendingProgress = progress
          if (framed) return
          framed = true
          // The first batch shows at once; later ones are coalesced so a long run re-renders the views a
          // few times a second. Once the preview is full only the counts move: less often still.
          const interval = pending.length > 0 ? RUN_UPDATE_INTERVAL_MS : PROGRESS_UPDATE_INTERVAL_MS
          const wait = first ? 0 : Math.max(0, lastApplied + interval - now())
          if (wait === 0) nextFrame(apply)
          else setTimeout(() => nextFrame(apply), wait)
        },
        onDone(summary, diagnostics) {
          apply()
          if (get().run.runId !== runId) return
          if (first) feed.clear()
          if (draft.budgetStopped === 'run') steps.markBudget(draft.id, null)
          const done = { ...get().run, status: 'done' as const, stale: false, total: summary.total, summary }
          set({ run: first ? { ...done, diagnostics, curves: undefined } : { ...done, diagnostics } })
          // Never over a link error (a bad link opened while a shared draft runs): that one matters more.
          if (limit !== undefined && summary.total >= limit && get().linkNotice?.tone !== 'error') {
            set({
              linkNotice: {
                tone: 'info',
                message: `This shared story ran its first ${limit.toLocaleString('en-US')} events at once. Press Run to generate all of it.`,
              },
            })
          }
        },
        onError(message, code) {
          if (get().run.runId !== runId) return
          set({ run: { ...get().run, status: 'error', error: message, stale: false } })
          if (code === BUDGET_CODE) {
            steps.markBudget(draft.id, 'run')
            set({ budgetStop: { draftId: draft.id, kind: 'run', message } })
          }
        },
      },
    )
    if (!sameDraft) feed.clear()
    // The previous run's records stay on screen (marked stale) until this run's first batch, so live
    // editing does not flicker; a different draft's results are cleared at once.
    const base = sameDraft ? previous : emptyRun
    set({
      run: {
        ...base,
        status: 'running',
        runId,
        draftId: draft.id,
        text,
        seed,
        outline: checkedOutline(draft.id, text),
        planned: undefined,
        error: null,
        summary: null,
        stale: sameDraft && base.shown > 0,
        startedAt: now(),
        faultsOff,
      },
    })
    if (!deliberate && limit === undefined && !confirmed.has(draft.id)) guardBigRun(runId, draft, text)

    function apply(): void {
      framed = false
      lastApplied = now()
      const run = get().run
      if (run.runId !== runId || (pending.length === 0 && !pendingProgress)) return
      // The first batch replaces the previous run's records (kept on screen until now, marked stale).
      if (pending.length > 0 || first) feed.append(pending, first)
      const progress = pendingProgress
      const diagnostics = first ? [] : run.diagnostics
      // The first batch brings the curves (or none): the previous run's must not outlive its records.
      const runCurves = first ? curves : run.curves
      first = false
      pending = []
      pendingProgress = null
      set({
        run: {
          ...run,
          shown: feed.snapshot().window?.length ?? 0,
          stale: false,
          total: progress?.total ?? run.total,
          lastMs: progress?.lastMs ?? run.lastMs,
          curves: runCurves,
          diagnostics,
        },
      })
    }
  }

  /** A Live run planned past LIVE_CONFIRM_EVENTS is stopped at once and waits for a confirmation. */
  function guardBigRun(runId: number, draft: Draft, text: string): void {
    engine.plan(text, { ...storyOrigin(draft, deps.files), seed: draft.seed ?? undefined }).then(
      (events) => {
        if (events === undefined || events <= LIVE_CONFIRM_EVENTS) return
        const run = get().run
        if (run.runId !== runId || run.status !== 'running') return
        engine.cancel(runId)
        set({
          run: { ...run, status: 'stopped', planned: events, stale: false },
          bigRun: { draftId: draft.id, text, events },
        })
      },
      () => {},
    )
  }

  function checkedOutline(draftId: string, text: string) {
    const check = get().check
    return check.draftId === draftId && check.text === text ? check.outline : null
  }

  steps.startRun = () => startRun(false)

  steps.cancelRunInFlight = () => {
    const run = get().run
    if (run.status === 'running' && run.runId !== null) {
      engine.cancel(run.runId)
      set({ run: { ...run, status: run.stale ? 'done' : 'idle', runId: null, stale: false } })
    }
  }

  return {
    run: emptyRun,
    feed,
    live: true,
    bigRun: null,

    runNow() {
      // Run what is on screen: the pending check is done now, so Problems match the run.
      steps.runCheckNow()
      set({ engineError: null, bigRun: null })
      const draft = active()
      const stop = get().budgetStop
      if (draft && stop?.draftId === draft.id && stop.kind !== 'check') set({ budgetStop: null })
      startRun(true)
    },

    stopRun() {
      const run = get().run
      if (run.status !== 'running' || run.runId === null) return
      engine.cancel(run.runId)
      set({ run: { ...run, status: 'stopped', stale: false } })
      // "Stopped at N of M": M is asked for only now (a plan costs a load of the story).
      const draft = active()
      if (!draft || run.text === null) return
      const text = run.text
      engine.plan(text, { ...storyOrigin(draft, deps.files), seed: run.seed }).then(
        (planned) => {
          const now = get().run
          if (planned !== undefined && now.status === 'stopped' && now.text === text) {
            set({ run: { ...now, planned } })
          }
        },
        () => {},
      )
    },

    setLive(live) {
      set({ live, ...(live ? {} : { bigRun: null }) })
      if (live) steps.scheduleCheck(0)
    },

    answerBigRun(run) {
      const prompt = get().bigRun
      set({ bigRun: null })
      if (!prompt) return
      if (run) {
        confirmed.add(prompt.draftId)
        if (get().activeId === prompt.draftId) startRun(true)
      } else {
        set({ live: false })
      }
    },
  }
}
