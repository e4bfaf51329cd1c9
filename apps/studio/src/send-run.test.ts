import { createHmac } from 'node:crypto'
import { webCryptoHmac } from '@autosource/engine/delivery'
import { describe, expect, it } from 'vitest'
import { type SendJob, type SendOptions, sendEvents } from './send-run.ts'

const URL_ = 'http://127.0.0.1:9/hook'

function jobs(n: number, sources = ['app']): SendJob[] {
  return Array.from({ length: n }, (_, i) => {
    const event = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      org_id: 'acme',
      source: sources[i % sources.length],
      event: 'user.signup',
      timestamp: '2025-01-01T00:00:00.000Z',
      data: { n: i },
    }
    return { line: JSON.stringify(event), event, vendor: undefined }
  })
}

interface Seen {
  url: string
  init: RequestInit
}

/** A fetch double: `answer` decides each POST (a Response, or an Error to reject with). */
function fakeFetch(
  answer: (body: string, n: number) => Response | Error,
  probe: () => Response | Error = () => new Response(null),
) {
  const seen: Seen[] = []
  const probes: Seen[] = []
  const fn = (async (url: string, init: RequestInit) => {
    await Promise.resolve()
    if (init.method === 'HEAD') {
      probes.push({ url, init })
      const p = probe()
      if (p instanceof Error) throw p
      return p
    }
    seen.push({ url, init })
    const a = answer(String(init.body), seen.length)
    if (a instanceof Error) throw a
    return a
  }) as unknown as typeof fetch
  return { fn, seen, probes }
}

function options(f: typeof fetch, patch: Partial<SendOptions> = {}): SendOptions {
  return {
    url: URL_,
    bodyMode: 'auto',
    signing: undefined,
    concurrency: 4,
    fetch: f,
    hmac: webCryptoHmac(),
    now: () => performance.now(),
    wallNow: () => 1_700_000_000_000,
    random: () => 0.5,
    freshId: () => 'fresh-id',
    sleep: async () => {},
    signal: new AbortController().signal,
    pageOrigin: 'http://localhost:5173',
    cliCommand: 'autosource generate story.yaml --to http://127.0.0.1:9/hook',
    ...patch,
  }
}

describe('sendEvents', () => {
  it('posts every event once, as its NDJSON line, with the engine headers and a Stripe signature node:crypto agrees with', async () => {
    const f = fakeFetch(() => new Response('ok'))
    const list = jobs(30, ['a', 'b', 'c'])
    const out = await sendEvents(list, options(f.fn, { signing: { vendor: 'stripe', secret: 'whsec_x' } }))
    expect(out).toMatchObject({ end: 'complete', sent: 30, retried: 0, failed: 0, unsent: 0, failures: [] })
    expect(f.seen.map((s) => s.init.body).sort()).toEqual(list.map((j) => j.line).sort())
    for (const s of f.seen) {
      const headers = s.init.headers as Record<string, string>
      const mac = createHmac('sha256', 'whsec_x').update(`1700000000.${s.init.body}`).digest('hex')
      expect(headers).toEqual({
        'Content-Type': 'application/json',
        'Stripe-Signature': `t=1700000000,v1=${mac}`,
      })
      expect(s.init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'manual' })
    }
    // Each source/event key is sent in order.
    for (const source of ['a', 'b', 'c']) {
      const order = f.seen.map((s) => JSON.parse(String(s.init.body))).filter((e) => e.source === source)
      expect(order.map((e) => e.data.n)).toEqual([...order.map((e) => e.data.n)].sort((x, y) => x - y))
    }
    expect(out.latencyMs).toBeDefined()
  })

  it('retries 503, 429 (waiting at least Retry-After) and network errors after an answer, like the CLI', async () => {
    const waits: number[] = []
    const f = fakeFetch((_body, n) => {
      if (n === 1) return new Response('busy', { status: 503 })
      if (n === 2) return new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } })
      if (n === 3) return new TypeError('Failed to fetch')
      return new Response(null, { status: 204 })
    })
    const out = await sendEvents(
      jobs(3),
      options(f.fn, {
        sleep: async (ms) => {
          waits.push(ms)
        },
      }),
    )
    expect(out).toMatchObject({ end: 'complete', sent: 3, retried: 3, failed: 0 })
    expect(f.seen).toHaveLength(6)
    // One key: one request at a time; backoff 200 ms x 2^(n-1) with jitter 0.5, Retry-After 7 s.
    expect(waits).toEqual([150, 7000, 600])
  })

  it('fails a 4xx at once, with its status and the start of its body; gives up on a 5xx after --retries', async () => {
    const f = fakeFetch((body) =>
      JSON.parse(body).data.n === 0
        ? new Response(`{"error":"bad signature"}${'x'.repeat(400)}`, {
            status: 400,
            statusText: 'Bad Request',
          })
        : new Response('down', { status: 502 }),
    )
    const out = await sendEvents(jobs(2, ['a', 'b']), options(f.fn, { retries: 2 }))
    expect(out).toMatchObject({ end: 'complete', sent: 0, failed: 2, retried: 2 })
    const bad = out.failures.find((x) => x.reason.startsWith('HTTP 400'))!
    expect(bad.reason).toBe('HTTP 400 Bad Request')
    expect(bad.excerpt?.startsWith('{"error":"bad signature"}')).toBe(true)
    expect(bad.excerpt?.length).toBe(301)
    expect(out.failures.find((x) => x.reason === 'HTTP 502')?.excerpt).toBe('down')
    expect(f.seen).toHaveLength(1 + 3)
  })

  it('a fetch that rejects before any answer ends the send: CORS when a no-cors probe gets an answer', async () => {
    const f = fakeFetch(() => new TypeError('Failed to fetch'))
    const out = await sendEvents(
      jobs(50, ['a', 'b', 'c', 'd', 'e']),
      options(f.fn, { signing: { vendor: 'github', secret: 's' } }),
    )
    expect(out.end).toBe('unreachable')
    expect(out.unreachable?.kind).toBe('cors')
    expect(out.unreachable?.corsHeaders).toBe(
      'Access-Control-Allow-Origin: http://localhost:5173\nAccess-Control-Allow-Methods: POST\n' +
        'Access-Control-Allow-Headers: Content-Type, X-Hub-Signature-256, X-GitHub-Event, X-GitHub-Delivery',
    )
    expect(out.unreachable?.fixes.at(-1)).toContain('autosource generate story.yaml')
    // Only the requests already in flight were tried, each once; the rest were never sent.
    expect(out.retried).toBe(0)
    expect(f.seen.length).toBeLessThanOrEqual(4)
    expect(out.failed).toBe(f.seen.length)
    expect(out.unsent).toBe(50 - f.seen.length)
    expect(f.probes).toHaveLength(1)
    expect(f.probes[0].init).toMatchObject({ method: 'HEAD', mode: 'no-cors' })
  })

  it('says the server is down when the probe gets no answer either; mixed content needs no probe', async () => {
    const down = fakeFetch(
      () => new TypeError('Failed to fetch'),
      () => new TypeError('Failed to fetch'),
    )
    expect((await sendEvents(jobs(3), options(down.fn))).unreachable?.kind).toBe('down')
    const mixed = fakeFetch(() => new TypeError('Failed to fetch'))
    const out = await sendEvents(
      jobs(3),
      options(mixed.fn, { url: 'http://hooks.example.test/x', pageOrigin: 'https://studio.example.test' }),
    )
    expect(out.unreachable?.kind).toBe('mixed-content')
    expect(mixed.probes).toHaveLength(0)
  })

  it('Stop: nothing new starts, requests in flight count by their answer, the rest are unsent', async () => {
    const stop = new AbortController()
    const f = fakeFetch((_b, n) => {
      if (n === 5) stop.abort()
      return new Response(null, { status: 200 })
    })
    const out = await sendEvents(jobs(100), options(f.fn, { signal: stop.signal, concurrency: 1 }))
    expect(out).toMatchObject({ end: 'stopped', sent: 5, failed: 0, unsent: 95 })
  })

  it('a stop during a retry wait fails that event as "stopped before delivery"', async () => {
    const stop = new AbortController()
    const f = fakeFetch(() => new Response('no', { status: 503 }))
    const out = await sendEvents(
      jobs(1),
      options(f.fn, {
        signal: stop.signal,
        sleep: async () => {
          stop.abort()
        },
      }),
    )
    expect(out).toMatchObject({ end: 'stopped', sent: 0, failed: 1, unsent: 0 })
    expect(out.failures[0].reason).toBe('stopped before delivery (last: HTTP 503)')
  })
})
