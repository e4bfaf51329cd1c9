import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Webhooks } from '@octokit/webhooks'
import Stripe from 'stripe'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { type Reply, startReceiver } from '../delivery/test-receiver.ts'
import { memoryIo } from '../memory-io.ts'
import { REPO_ROOT, tempDir } from '../test-fixtures.ts'

const SEED = join(REPO_ROOT, 'stories/seed-advanced.yaml')
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = []

afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close()
})

async function receiver(decide?: (body: string, n: number) => Reply) {
  const r = await startReceiver(decide)
  receivers.push(r)
  return r
}

async function generate(args: string[], cwd = REPO_ROOT, options: Parameters<typeof memoryIo>[1] = {}) {
  const io = memoryIo(cwd, options)
  const code = await runCli(['generate', ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text }
}

/** The seed story's events as NDJSON lines (what --to must deliver, in order). */
async function expectedLines(extra: string[] = []) {
  return (await generate([SEED, ...extra])).stdout.trimEnd().split('\n')
}

describe('generate --to http(s)://: one POST per event', () => {
  it('posts every event once, as its NDJSON line, and reports a summary', async () => {
    const r = await receiver()
    const { code, stdout, stderr } = await generate([SEED, '--to', r.url])
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(r.accepted.map((a) => a.body).sort()).toEqual((await expectedLines()).sort())
    expect(r.accepted[0].headers['content-type']).toBe('application/json')
    expect(stderr).toMatch(
      /^autosource: delivered: 60 events sent, 0 retried, 0 failed, latency p50 .* p99 .*, in \d+s\n$/,
    )
  })

  it('--sign stripe:SECRET: the stripe package accepts every Stripe-Signature', async () => {
    const r = await receiver()
    const secret = 'whsec_test_0123456789'
    expect((await generate([SEED, '--limit', '5', '--to', r.url, '--sign', `stripe:${secret}`])).code).toBe(0)
    const stripe = new Stripe('sk_test_unused')
    expect(r.accepted).toHaveLength(5)
    for (const a of r.accepted) {
      const event = stripe.webhooks.constructEvent(a.body, String(a.headers['stripe-signature']), secret)
      expect((event as unknown as { id: string }).id).toBe(JSON.parse(a.body).id)
      expect(() =>
        stripe.webhooks.constructEvent(a.body, String(a.headers['stripe-signature']), 'whsec_other'),
      ).toThrow()
    }
  })

  it('--sign github:SECRET: @octokit/webhooks verifies X-Hub-Signature-256; event and delivery headers are set', async () => {
    const r = await receiver()
    const secret = 'gh-secret'
    expect((await generate([SEED, '--limit', '5', '--to', r.url, '--sign', `github:${secret}`])).code).toBe(0)
    const webhooks = new Webhooks({ secret })
    const other = new Webhooks({ secret: 'wrong' })
    expect(r.accepted).toHaveLength(5)
    for (const a of r.accepted) {
      const signature = String(a.headers['x-hub-signature-256'])
      expect(await webhooks.verify(a.body, signature)).toBe(true)
      expect(await other.verify(a.body, signature)).toBe(false)
      expect(a.headers['x-github-event']).toBe(JSON.parse(a.body).event.split('.')[0])
      expect(a.headers['x-github-delivery']).toBe(JSON.parse(a.body).id)
    }
  })

  it('draws a progress line (sent, retried, failed, rate, p50/p99) on a TTY, then the summary', async () => {
    const r = await receiver(() => ({ status: 200, delayMs: 5 }))
    const ref = join(REPO_ROOT, 'bench/reference-story.yaml')
    const { code, stderr } = await generate([ref, '--limit', '400', '--to', r.url], REPO_ROOT, {
      stderrIsTty: true,
    })
    expect(code).toBe(0)
    expect(stderr).toMatch(
      /\r\x1b\[K[\d,]+ sent {2}\d+ retried {2}\d+ failed {2}[\d,]+ events\/s {2}p50 [\d.]+ ms {2}p99 [\d.]+ ms/,
    )
    expect(stderr).toMatch(
      /\r\x1b\[Kautosource: delivered: 400 events sent, 0 retried, 0 failed, latency .*\n$/,
    )
  }, 60_000)

  it('--body data posts only the data; --header adds a header', async () => {
    const r = await receiver()
    expect(
      (await generate([SEED, '--limit', '3', '--to', r.url, '--body', 'data', '--header', 'X-Test: yes']))
        .code,
    ).toBe(0)
    const lines = await expectedLines(['--limit', '3'])
    expect(r.accepted.map((a) => a.body).sort()).toEqual(
      lines.map((l) => JSON.stringify(JSON.parse(l).data)).sort(),
    )
    expect(r.accepted[0].headers['x-test']).toBe('yes')
  })
})

/** A story whose events come from a `<vendor>/<event>` template (how vendor packs are used). */
const VENDOR_STORY = `org_id: acme
start_date: 2025-01-01
templates:
  github/push:
    source: github
    event: push
    data:
      ref: refs/heads/main
  stripe/customer.created:
    source: stripe
    event: customer.created
    data:
      id: "cus_{random(1000, 9999)}"
      object: customer
events:
  - use: stripe/customer.created
    repeat: 3
  - source: app
    event: user.signup
    data:
      plan: free
  - use: github/push
`

describe('generate --to: the body of vendor-pack events', () => {
  it('posts the data of vendor-pack events and the whole event otherwise; --body event overrides', async () => {
    const dir = tempDir({ 'v.yaml': VENDOR_STORY })
    const r = await receiver()
    expect((await generate(['v.yaml', '--to', r.url], dir)).code).toBe(0)
    const bodies = r.accepted.map((a) => JSON.parse(a.body))
    expect(bodies.filter((b) => b.object === 'customer')).toHaveLength(3)
    expect(bodies.filter((b) => b.event === 'user.signup')).toHaveLength(1)
    // GitHub pack events carry GitHub's delivery headers even unsigned; others do not.
    const push = r.accepted.find((a) => JSON.parse(a.body).ref === 'refs/heads/main')!
    expect(push.headers['x-github-event']).toBe('push')
    expect(push.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/)
    expect(r.accepted.filter((a) => a.headers['x-github-event'] !== undefined)).toHaveLength(1)
    const r2 = await receiver()
    expect((await generate(['v.yaml', '--to', r2.url, '--body', 'event'], dir)).code).toBe(0)
    expect(r2.accepted.map((a) => JSON.parse(a.body).org_id)).toEqual([
      'acme',
      'acme',
      'acme',
      'acme',
      'acme',
    ])
  })
})

describe('generate --to: retries, ordering, dead letter', () => {
  it('counts every event exactly once after 503s, 429 with Retry-After and dropped connections', async () => {
    const attempts = new Map<string, number>()
    const told = new Map<string, number>()
    const retriedAt = new Map<string, number>()
    const r = await receiver((body) => {
      const id = JSON.parse(body).id as string
      const n = attempts.get(id) ?? 0
      attempts.set(id, n + 1)
      const kind = [...attempts.keys()].indexOf(id) % 5
      if (n === 0 && kind === 1) return { status: 503 }
      if (n === 0 && kind === 2 && told.size < 3) {
        told.set(id, performance.now())
        return { status: 429, headers: { 'Retry-After': '1' } }
      }
      if (n === 1 && told.has(id)) retriedAt.set(id, performance.now())
      if (n < 2 && kind === 3) return 'drop'
      return { status: 200 }
    })
    const { code, stderr } = await generate([SEED, '--to', r.url, '--concurrency', '8'])
    expect(code).toBe(0)
    const ids = r.accepted.map((a) => JSON.parse(a.body).id)
    expect(new Set(ids).size).toBe(60)
    expect(ids).toHaveLength(60)
    const retried = [...attempts.values()].reduce((s, n) => s + n - 1, 0)
    expect(retried).toBeGreaterThan(20)
    // Retry-After: 1 was honoured (a lower bound, safe on a slow machine).
    expect(told.size).toBe(3)
    for (const [id, at] of told) expect(retriedAt.get(id)! - at).toBeGreaterThanOrEqual(950)
    expect(stderr).toContain(`60 events sent, ${retried} retried, 0 failed`)
  }, 60_000)

  it('--concurrency 8 keeps each source/event in generation order', async () => {
    let k = 0
    const r = await receiver(() => ({ status: 200, delayMs: (k++ * 7) % 23 }))
    expect((await generate([SEED, '--to', r.url, '--concurrency', '8'])).code).toBe(0)
    const byKey = (lines: string[]) => {
      const m = new Map<string, string[]>()
      for (const l of lines) {
        const e = JSON.parse(l)
        const key = `${e.source}/${e.event}`
        m.set(key, [...(m.get(key) ?? []), e.id])
      }
      return m
    }
    expect(byKey(r.accepted.map((a) => a.body))).toEqual(byKey(await expectedLines()))
  }, 60_000)

  it('events that fail for good go to --dead-letter (event + reason) and make the exit status 1', async () => {
    const r = await receiver((_body, n) => (n % 10 === 3 ? { status: 400 } : { status: 200 }))
    const dir = tempDir()
    const { code, stderr } = await generate(
      [SEED, '--to', r.url, '--concurrency', '1', '--dead-letter', 'dl.ndjson'],
      dir,
    )
    expect(code).toBe(1)
    const dead = readFileSync(join(dir, 'dl.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(dead).toHaveLength(6)
    for (const d of dead) expect(d.reason).toBe('HTTP 400')
    const ids = new Set([...r.accepted.map((a) => JSON.parse(a.body).id), ...dead.map((d) => d.event.id)])
    expect(ids.size).toBe(60)
    expect(stderr).toContain('54 events sent, 0 retried, 6 failed (dead letter: ')
  }, 60_000)

  it('gives up after --retries on a server that keeps failing, and names each event without --dead-letter', async () => {
    const r = await receiver(() => ({ status: 500 }))
    const { code, stderr } = await generate([SEED, '--limit', '2', '--to', r.url, '--retries', '1'])
    expect(code).toBe(1)
    expect(r.requests).toBe(4)
    expect(stderr.match(/not delivered: event [0-9a-f-]+: HTTP 500/g)).toHaveLength(2)
    expect(stderr).toContain('0 events sent, 2 retried, 2 failed (no --dead-letter file given)')
  }, 60_000)

  it('a request slower than --timeout is retried, then failed with the reason', async () => {
    const r = await receiver((_b, n) => (n === 0 ? { status: 200, delayMs: 2000 } : { status: 200 }))
    const ok = await generate([SEED, '--limit', '1', '--to', r.url, '--timeout', '200ms'])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toContain('1 event sent, 1 retried, 0 failed')
    const slow = await receiver(() => ({ status: 200, delayMs: 2000 }))
    const failed = await generate([
      SEED,
      '--limit',
      '1',
      '--to',
      slow.url,
      '--timeout',
      '200ms',
      '--retries',
      '0',
    ])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain(': timeout after 200 ms')
  }, 60_000)

  it('a stop while events wait for a retry fails them into the dead letter, never reports them sent', async () => {
    const stop = new AbortController()
    const r = await receiver(() => {
      setTimeout(() => stop.abort('SIGINT'), 50)
      return { status: 503 }
    })
    const dir = tempDir()
    const args = [SEED, '--to', r.url, '--concurrency', '1', '--retries', '10', '--dead-letter', 'dl.ndjson']
    const { code, stderr } = await generate(args, dir, { stop: stop.signal })
    expect(code).toBe(130)
    const dead = readFileSync(join(dir, 'dl.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(dead.length).toBeGreaterThanOrEqual(1)
    for (const d of dead) expect(d.reason).toBe('stopped before delivery (last: HTTP 503)')
    const unsent = 60 - dead.length
    expect(stderr).toMatch(
      new RegExp(
        `stopped by SIGINT: 0 events sent, \\d+ retried, ${dead.length} failed \\(dead letter: .*\\), ${unsent} generated but not sent`,
      ),
    )
  }, 60_000)

  it('a receiver that is not there: network errors are retried, then failed, exit 1', async () => {
    const r = await receiver()
    const url = r.url
    await r.close()
    receivers.length = 0
    const { code, stderr } = await generate([SEED, '--limit', '1', '--to', url, '--retries', '1'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/not delivered: event .*: network error ECONNREFUSED/)
  }, 60_000)
})
