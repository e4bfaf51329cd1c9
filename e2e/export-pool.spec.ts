/**
 * The export on several Web Workers (issue 22): with the debug setting asking for 2 or 3 export
 * workers (`?exportWorkers=N` or localStorage `autosource.exportWorkers`; this machine's default of
 * cores - 1 would be one), the pool's download is byte for byte the CLI's output, and Cancel ends
 * every pool worker.
 */
import { readFileSync } from 'node:fs'
import type { Page, Worker } from '@playwright/test'
import { cliGenerate, ROOT, sha256 } from './cli.ts'
import { expect, test } from './fixtures.ts'

/** The pool workers the page starts (their script is the export-pool-entry chunk), and how many ended. */
function watchPool(page: Page): { started: Worker[]; closed: () => number } {
  const started: Worker[] = []
  let closed = 0
  page.on('worker', (w) => {
    if (!/export-pool-entry/.test(w.url())) return
    started.push(w)
    w.on('close', () => closed++)
  })
  return { started, closed: () => closed }
}

test('2 export workers (address setting): the NDJSON download equals the CLI output', async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000)
  const cli = cliGenerate('stories/ecommerce.yaml', 12345)
  const pool = watchPool(page)
  await studio.open('/?exportWorkers=2')
  await studio.live.uncheck()
  await studio.openLibraryCopy('E-commerce funnel (storefront + Stripe)')
  await studio.setSeed(12345)
  const { fileName, text } = await studio.exportRun('NDJSON')
  expect(fileName).toBe('e-commerce-funnel-storefront-stripe-seed12345.ndjson')
  const expected = await cli
  // Thousands of events: many blocks, dealt to both workers.
  expect(expected.split('\n').length).toBeGreaterThan(10_000)
  expect(sha256(text)).toBe(sha256(expected))
  expect(pool.started).toHaveLength(2)
  await expect.poll(pool.closed).toBe(2)
})

test('3 export workers (localStorage setting): a funnel story with ref() as CSV equals the CLI output', async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000)
  const cli = cliGenerate('stories/saas-funnel.yaml', 7, 'csv')
  const pool = watchPool(page)
  await page.addInitScript(() => localStorage.setItem('autosource.exportWorkers', '3'))
  await studio.open()
  await studio.live.uncheck()
  await studio.openLibraryCopy('SaaS funnel (PostHog + Stripe)')
  await studio.setSeed(7)
  const { text } = await studio.exportRun('CSV')
  expect(sha256(text)).toBe(sha256(await cli))
  expect(pool.started).toHaveLength(3)
})

test('Cancel during a pool export ends every export worker and saves nothing', async ({ studio, page }) => {
  test.setTimeout(180_000)
  const pool = watchPool(page)
  await studio.open('/?exportWorkers=2')
  await studio.live.uncheck()
  // The benchmark's reference story: 1,000,000 events, long enough to cancel mid-way.
  const chooser = page.waitForEvent('filechooser')
  await studio.stories.getByRole('button', { name: 'Open…' }).click()
  await (await chooser).setFiles({
    name: 'reference-story.yaml',
    mimeType: 'application/yaml',
    buffer: readFileSync(`${ROOT}bench/reference-story.yaml`),
  })
  await studio.waitForEditor()
  await studio.exportButton.click()
  const dialog = page.getByRole('dialog', { name: 'Export events' })
  await dialog.getByRole('button', { name: 'Download', exact: true }).click()
  const progress = dialog.getByRole('progressbar', { name: 'Export progress' })
  // Progress moves (the pool's chunks arrive) before we cancel.
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 })
    .toBeGreaterThan(0)
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).first().click()
  await expect(dialog.getByRole('status')).toContainText('Export cancelled')
  expect(pool.started).toHaveLength(2)
  await expect.poll(pool.closed).toBe(2)
})

test('a story with faults: exports on the single worker even when the pool is asked for: the CLI bytes', async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000)
  const cli = cliGenerate('stories/faulty-orders.yaml', 3)
  const pool = watchPool(page)
  await studio.open('/?exportWorkers=2')
  await studio.live.uncheck()
  await studio.openLibraryCopy('Faulty orders (delivery faults with ground truth)')
  await studio.setSeed(3)
  const { text } = await studio.exportRun('NDJSON')
  expect(sha256(text)).toBe(sha256(await cli))
  // The pool's workers found `faults:` (shardBlockers), were ended, and the engine worker exported.
  expect(pool.started).toHaveLength(2)
  await expect.poll(pool.closed).toBe(2)
})
