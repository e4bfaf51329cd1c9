/** The Send to URL dialog: where, how, progress, Stop, and what happened (Ctrl+Shift+U, or Export → Send to URL…). */
import { type ReactNode, useEffect, useRef } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import { formatCount, formatElapsed } from '../format.ts'
import {
  SEND_MAX_CONCURRENCY,
  SEND_MAX_EVENTS,
  SEND_MAX_EVENTS_WHY,
  type SendFields,
} from '../send-fields.ts'
import type { SendOutcome } from '../send-run.ts'
import { browserSendRequest, createSendStore, type SendState, sendSource } from '../send-store.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { studioStore, useStudio } from '../store.ts'
import '../send-dialog.css'

let store: StoreApi<SendState> | undefined

/** The send store of this tab (created on first use, over the studio store and the browser). */
export function sendStore(): StoreApi<SendState> {
  store ??= createSendStore({
    studio: () => studioStore().getState(),
    storage: safeLocalStorage(),
    request: browserSendRequest(),
  })
  return store
}

/** Opens Send to URL (the Export dialog's button and Ctrl+Shift+U). */
export function openSendDialog(): void {
  sendStore().getState().openSend()
}

function useSend<T>(selector: (s: SendState) => T): T {
  return useStore(sendStore(), selector)
}

const BODY_MODES: { mode: SendFields['bodyMode']; label: string; description: string }[] = [
  {
    mode: 'auto',
    label: 'Auto',
    description: 'vendor data for pack events (use: stripe/…), else the whole event',
  },
  { mode: 'event', label: 'Event', description: 'the whole event, exactly its NDJSON line' },
  { mode: 'data', label: 'Data', description: 'only the event’s data' },
]
const VENDORS: { vendor: SendFields['vendor']; label: string }[] = [
  { vendor: 'none', label: 'None' },
  { vendor: 'stripe', label: 'Stripe' },
  { vendor: 'github', label: 'GitHub' },
]

/** The dialog (a modal `<dialog>`; Escape closes it and stops a send in flight). */
export function SendDialog() {
  const s = useSend((x) => x)
  // Subscribed so the dialog redraws when the preview changes (it may stay open across runs).
  useStudio((st) => st.run)
  useStudio((st) => st.drafts)
  useRunRecords(useStudio((st) => st.feed))
  const source = sendSource(studioStore().getState())
  const ref = useRef<HTMLDialogElement>(null)
  useSendShortcut()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (s.open && !dialog.open) dialog.showModal()
    if (!s.open && dialog.open) dialog.close()
  }, [s.open])

  const sending = s.phase === 'sending'
  const f = s.fields
  const done = s.counts.sent + s.counts.failed
  return (
    <dialog
      ref={ref}
      className="modal send-dialog"
      aria-labelledby="send-title"
      onCancel={(e) => {
        e.preventDefault()
        s.closeSend()
      }}
    >
      <h2 id="send-title">Send to URL</h2>
      <p className="modal-lead">
        POSTs the events of the finished preview to a webhook handler, one request per event, with the bodies,
        headers and signatures of <code>autosource generate --to URL</code>.
      </p>
      <p className="send-source" aria-live="polite">
        {source.ok ? (
          <>
            <strong>{source.storyName}</strong>, seed {source.seed}:{' '}
            {source.sending === source.total
              ? `all ${formatCount(source.total)} events of the preview.`
              : `the first ${formatCount(source.sending)} of ${formatCount(source.total)} events.`}
            {source.sending < source.total && (
              <span className="muted">
                {' '}
                At most {formatCount(SEND_MAX_EVENTS)} are sent from the browser. {SEND_MAX_EVENTS_WHY}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{source.why}</span>
        )}
      </p>

      <fieldset className="send-fields" disabled={sending}>
        <label className="send-row">
          <span className="send-label">URL</span>
          <input
            type="url"
            value={f.url}
            placeholder="http://localhost:3000/webhooks"
            spellCheck={false}
            autoFocus
            onChange={(e) => s.setFields({ url: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') s.startSend()
            }}
          />
        </label>
        <div className="send-row" role="radiogroup" aria-label="Body">
          <span className="send-label">Body</span>
          <div className="send-choices">
            {BODY_MODES.map((b) => (
              <label key={b.mode} title={b.description}>
                <input
                  type="radio"
                  name="send-body"
                  checked={f.bodyMode === b.mode}
                  onChange={() => s.setFields({ bodyMode: b.mode })}
                />
                {b.label}
              </label>
            ))}
            <span className="muted send-hint">
              {BODY_MODES.find((b) => b.mode === f.bodyMode)?.description}
            </span>
          </div>
        </div>
        <div className="send-row" role="radiogroup" aria-label="Signing">
          <span className="send-label">Signing</span>
          <div className="send-choices">
            {VENDORS.map((v) => (
              <label key={v.vendor}>
                <input
                  type="radio"
                  name="send-signing"
                  checked={f.vendor === v.vendor}
                  onChange={() => s.setFields({ vendor: v.vendor })}
                />
                {v.label}
              </label>
            ))}
          </div>
        </div>
        {f.vendor !== 'none' && (
          <div className="send-row">
            <span className="send-label" />
            <div className="send-secret">
              <input
                type="password"
                aria-label={f.vendor === 'stripe' ? 'Stripe signing secret' : 'GitHub webhook secret'}
                placeholder={f.vendor === 'stripe' ? 'whsec_…' : 'the webhook secret'}
                value={f.secret}
                autoComplete="off"
                onChange={(e) => s.setFields({ secret: e.target.value })}
              />
              <label className="muted">
                <input
                  type="checkbox"
                  checked={f.rememberSecret}
                  onChange={(e) => s.setFields({ rememberSecret: e.target.checked })}
                />{' '}
                Remember the secret in this browser (otherwise it is kept only until this tab closes)
              </label>
            </div>
          </div>
        )}
        <label className="send-row">
          <span className="send-label">Concurrency</span>
          <span>
            <input
              type="number"
              className="send-concurrency"
              min={1}
              max={SEND_MAX_CONCURRENCY}
              value={f.concurrency}
              onChange={(e) => s.setFields({ concurrency: e.target.valueAsNumber })}
            />{' '}
            <span className="muted">requests in flight; each source/event stays in order</span>
          </span>
        </label>
      </fieldset>

      {(sending || s.phase === 'done') && (
        <div className="export-progress">
          <progress aria-label="Send progress" max={Math.max(1, s.total)} value={done} />
          <span className="muted" aria-live="polite">
            {formatCount(s.counts.sent)} sent · {formatCount(s.counts.retried)} retried ·{' '}
            {formatCount(s.counts.failed)} failed · of {formatCount(s.total)}
          </span>
        </div>
      )}
      {s.problem && (
        <p className="export-message export-failed" role="alert">
          {s.problem}
        </p>
      )}
      {s.outcome && <Outcome outcome={s.outcome} url={s.sentTo ?? ''} cliCommand={s.cliCommand} />}

      <div className="modal-actions">
        {sending ? (
          <button type="button" className="primary" onClick={s.stopSend}>
            Stop
          </button>
        ) : (
          <button type="button" className="primary" disabled={!source.ok} onClick={s.startSend}>
            {s.phase === 'done' ? 'Send again' : 'Send'}
          </button>
        )}
        <button type="button" onClick={s.closeSend}>
          {sending ? 'Stop and close' : 'Close'}
        </button>
      </div>
    </dialog>
  )
}

/** What the last send did: the summary, the failures, or why nothing got through. */
function Outcome(props: { outcome: SendOutcome; url: string; cliCommand: string | null }) {
  const o = props.outcome
  if (o.end === 'unreachable' && o.unreachable) {
    const u = o.unreachable
    return (
      <div className="export-message export-failed send-outcome" role="alert">
        <p>
          <strong>Nothing was delivered.</strong> {u.title}
        </p>
        <ul>
          {u.fixes.map((fix, i) => (
            <li key={fix}>
              {fix}
              {i === 0 && u.corsHeaders && <pre className="cli-command">{u.corsHeaders}</pre>}
            </li>
          ))}
        </ul>
        <p className="muted">
          {formatCount(o.failed)} request{o.failed === 1 ? '' : 's'} failed, {formatCount(o.unsent)} not sent.
        </p>
      </div>
    )
  }
  const ok = o.failed === 0 && o.end === 'complete'
  const latency = o.latencyMs
    ? ` Latency p50 ${formatElapsed(o.latencyMs.p50)}, p99 ${formatElapsed(o.latencyMs.p99)}.`
    : ''
  let head: ReactNode
  if (o.end === 'stopped')
    head = `Stopped: ${formatCount(o.sent)} sent, ${formatCount(o.retried)} retried, ${formatCount(o.failed)} failed, ${formatCount(o.unsent)} not sent, in ${formatElapsed(o.elapsedMs)}.`
  else
    head = `${ok ? 'Delivered' : 'Done'}: ${formatCount(o.sent)} sent, ${formatCount(o.retried)} retried, ${formatCount(o.failed)} failed to ${props.url}, in ${formatElapsed(o.elapsedMs)}.`
  return (
    <div
      className={`export-message ${ok ? 'export-done' : 'export-failed'} send-outcome`}
      role={ok ? 'status' : 'alert'}
    >
      <p>
        {head}
        {latency}
      </p>
      {o.failures.length > 0 && (
        <>
          <ul className="send-failures" aria-label="Failed events">
            {o.failures.map((x) => (
              <li key={x.id}>
                <code>{x.id}</code>: {x.reason}
                {x.excerpt && <pre className="send-excerpt">{x.excerpt}</pre>}
              </li>
            ))}
          </ul>
          {o.failed > o.failures.length && (
            <p className="muted">
              …and {formatCount(o.failed - o.failures.length)} more. The CLI writes every failure to a file
              (--dead-letter):
            </p>
          )}
          {props.cliCommand && (
            <pre className="cli-command">{`${props.cliCommand} --dead-letter failed.ndjson`}</pre>
          )}
        </>
      )}
    </div>
  )
}

/** Ctrl+Shift+U (⌘ on a Mac) opens the dialog from anywhere, the editor included. */
function useSendShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'u') return
      e.preventDefault()
      e.stopPropagation()
      openSendDialog()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    // Storage disabled (a sandboxed frame): fields live in this tab only.
    return undefined
  }
}
