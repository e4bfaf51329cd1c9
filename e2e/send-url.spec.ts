/**
 * Send to URL (issue 20): the studio POSTs a finished preview to a webhook handler started by the test,
 * signed through WebCrypto, and the official packages verify every request; the CLI sends the same
 * bytes and headers for the same events; a handler without CORS gets the explained error.
 */
import { execFile } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { Webhooks } from '@octokit/webhooks'
import type { Page } from '@playwright/test'
import Stripe from 'stripe'
import { cliGenerate, ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED } from './studio-page.ts'

interface Received {
  method: string
  body: string
  headers: IncomingHttpHeaders
}

/** A webhook handler on 127.0.0.1 (a free port), recording every request; `cors` answers the browser's preflight. */
async function startReceiver(
  cors: boolean,
): Promise<{ url: string; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      })
      if (cors) {
        res.setHeader('Access-Control-Allow-Origin', '*')
        res.setHeader('Access-Control-Allow-Methods', 'POST')
        res.setHeader(
          'Access-Control-Allow-Headers',
          'Content-Type, Stripe-Signature, X-Hub-Signature-256, X-GitHub-Event, X-GitHub-Delivery',
        )
      }
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'Content-Type': 'text/plain' })
      res.end(req.method === 'POST' ? 'ok' : '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Fills the Send to URL dialog and presses Send. */
async function send(page: Page, url: string, vendor: 'Stripe' | 'GitHub' | 'None', secret = '') {
  const dialog = page.getByRole('dialog', { name: 'Send to URL' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('textbox', { name: 'URL' }).fill(url)
  await dialog.getByRole('radiogroup', { name: 'Signing' }).getByRole('radio', { name: vendor }).check()
  if (secret) await dialog.getByLabel(/secret$/).fill(secret)
  await dialog.getByRole('button', { name: 'Send', exact: true }).click()
  return dialog
}

const posts = (requests: Received[]) => requests.filter((r) => r.method === 'POST')

test('sends a finished preview from the Export dialog, Stripe-signed: every event once, accepted by stripe.webhooks.constructEvent', async ({
  studio,
  page,
}) => {
  const receiver = await startReceiver(true)
  try {
    const cli = cliGenerate('stories/seed-advanced.yaml', 7)
    await studio.open()
    await studio.openLibraryCopy(SEED_ADVANCED)
    await studio.setSeed(7)
    await studio.waitForRunDone(60)
    await studio.exportButton.click()
    await page
      .getByRole('dialog', { name: 'Export events' })
      .getByRole('button', { name: 'Send to URL…' })
      .click()
    const secret = 'whsec_e2e_0123456789'
    const dialog = await send(page, receiver.url, 'Stripe', secret)
    await expect(dialog.getByRole('status')).toContainText('Delivered: 60 sent, 0 retried, 0 failed', {
      timeout: 60_000,
    })

    const received = posts(receiver.requests)
    const lines = (await cli).trimEnd().split('\n')
    // Exactly once each, as the CLI's NDJSON lines (seed-advanced has no vendor packs: whole events).
    expect(received.map((r) => r.body).sort()).toEqual(lines.toSorted())
    const stripe = new Stripe('sk_test_unused')
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json')
      const event = stripe.webhooks.constructEvent(r.body, String(r.headers['stripe-signature']), secret)
      expect((event as unknown as { id: string }).id).toBe(JSON.parse(r.body).id)
      expect(() =>
        stripe.webhooks.constructEvent(r.body, String(r.headers['stripe-signature']), 'whsec_no'),
      ).toThrow()
    }

    // Nothing typed is lost: the dialog reopens with the URL and signing; the secret stays for this tab.
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.keyboard.press('Control+Shift+U')
    await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveValue(receiver.url)
    await expect(dialog.getByLabel('Stripe signing secret')).toHaveValue(secret)
    expect(await page.evaluate(() => localStorage.getItem('autosource.send.v1'))).not.toContain(secret)
  } finally {
    await receiver.close()
  }
})

test('by keyboard, GitHub-signed, capped at 1,000: @octokit/webhooks verifies each, and the CLI sends the same bytes and headers', async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000)
  const browser = await startReceiver(true)
  const node = await startReceiver(true)
  try {
    await studio.open()
    await studio.openLibraryCopy('Ops incidents (GitHub + Datadog + PagerDuty)')
    await studio.setSeed(3)
    await studio.waitForRunDone(2614, 60_000)
    await studio.editor.locator('.monaco-editor').click()
    await page.keyboard.press('Control+Shift+U')
    const secret = 'gh-e2e-secret'
    const dialog = await send(page, browser.url, 'GitHub', secret)
    await expect(dialog).toContainText('the first 1,000 of 2,614 events')
    await expect(dialog.getByRole('status')).toContainText('Delivered: 1,000 sent', { timeout: 120_000 })

    await promisify(execFile)(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        'packages/cli/src/main.ts',
        'generate',
        'stories/ops-incidents.yaml',
        '--seed',
        '3',
        '--limit',
        '1000',
        '--to',
        node.url,
        '--sign',
        `github:${secret}`,
      ],
      { cwd: ROOT },
    )
    const fromBrowser = posts(browser.requests)
    const fromCli = posts(node.requests)
    expect(fromBrowser).toHaveLength(1000)
    expect(fromCli).toHaveLength(1000)
    const webhooks = new Webhooks({ secret })
    const shape = (r: Received) =>
      JSON.stringify([
        r.body,
        r.headers['content-type'],
        r.headers['x-hub-signature-256'],
        r.headers['x-github-event'],
        r.headers['x-github-delivery'],
      ])
    for (const r of fromBrowser)
      expect(await webhooks.verify(r.body, String(r.headers['x-hub-signature-256']))).toBe(true)
    // Same requests, each exactly once (the arrival order differs between keys, never within one).
    const browserShapes = fromBrowser.map(shape).sort()
    expect(new Set(browserShapes).size).toBe(1000)
    expect(browserShapes).toEqual(fromCli.map(shape).sort())
    // The github/ pack events went as GitHub sends them: the payload alone, the event type in a header.
    // Arrival order differs between keys, so look at every pull_request, not the first to arrive.
    const prActions = fromBrowser
      .filter((r) => r.headers['x-github-event'] === 'pull_request')
      .map((r) => JSON.parse(r.body).action)
    expect(prActions).toContain('opened')
  } finally {
    await browser.close()
    await node.close()
  }
})

test('a handler without CORS headers: nothing is delivered, and the dialog says why and how to fix it', async ({
  studio,
  page,
  guards,
}) => {
  // The browser logs the blocked requests itself; that is the situation under test.
  guards.allowConsoleError(/CORS policy|net::ERR_FAILED|Failed to load resource/)
  const receiver = await startReceiver(false)
  try {
    await studio.open()
    await studio.openLibraryCopy(SEED_ADVANCED)
    await studio.waitForRunDone(60)
    await page.keyboard.press('Control+Shift+U')
    const dialog = await send(page, receiver.url, 'Stripe', 'whsec_x')
    const alert = dialog.getByRole('alert')
    await expect(alert).toContainText('Nothing was delivered.')
    await expect(alert).toContainText('answered, but the browser blocked the request')
    await expect(alert).toContainText('(CORS)')
    await expect(alert).toContainText('Access-Control-Allow-Headers: Content-Type, Stripe-Signature')
    await expect(alert).toContainText('autosource generate seed-advanced.yaml')
    // The preflight reached the handler, no POST did; the send stopped instead of retrying 60 events.
    expect(posts(receiver.requests)).toHaveLength(0)
    expect(receiver.requests.filter((r) => r.method === 'OPTIONS').length).toBeLessThanOrEqual(4)
  } finally {
    await receiver.close()
  }
})
