/**
 * Faults in the studio (issue 18) with the library's stories/faulty-orders.yaml: faulty events carry a
 * badge in the Events table, the inspector shows the fault's ground truth and jumps between a duplicate
 * and its original, the Summary counts faults per kind exactly as `--faults-log` lists them, and the
 * Faults toggle reruns without faults (no badges, the clean counts), is kept across a reload, and Export
 * honours it byte for byte (`autosource generate` with and without `--no-faults`).
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { cliRun } from './cli.ts'
import { expect, test } from './fixtures.ts'
import type { StudioPage } from './studio-page.ts'

const STORY = 'Faulty orders (delivery faults with ground truth)'
/** 2,900 orders and a payment for each: the clean run's events (faults never change that count). */
const EVENTS = 5800

/** `autosource generate stories/faulty-orders.yaml ...args` from source: stdout. */
const cli = (args: string[]) => cliRun(['generate', 'stories/faulty-orders.yaml', ...args])

/** The faults log of the story's default run, counted per kind. */
async function faultCounts(): Promise<Map<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'faults-e2e-'))
  await cli(['--faults-log', join(dir, 'faults.ndjson'), '--out', join(dir, 'out.ndjson')])
  const counts = new Map<string, number>()
  for (const line of (await readFile(join(dir, 'faults.ndjson'), 'utf8')).trimEnd().split('\n')) {
    const kind = (JSON.parse(line) as { fault: string }).fault
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  return counts
}

/** Scrolls the Events grid down until a row with this badge shows; returns that row. */
async function rowWithBadge(studio: StudioPage, badge: RegExp): Promise<Locator> {
  const grid = studio.events.getByRole('grid', { name: 'Generated events' })
  const row = studio
    .eventRows()
    .filter({ has: studio.page.locator('.fault-badge', { hasText: badge }) })
    .first()
  for (let i = 0; i < 60 && (await row.count()) === 0; i++) {
    await grid.evaluate((el) => {
      el.scrollTop += el.clientHeight - 40
    })
    await studio.page.waitForTimeout(50)
  }
  await expect(row).toBeVisible()
  return row
}

/** The Summary's "events per type" table, as text (the counts of the clean run). */
function typeCounts(studio: StudioPage): Promise<string> {
  return studio.page
    .getByRole('region', { name: 'Summary' })
    .locator('table.summary-types:not(.summary-faults)')
    .innerText()
}

test('faulty events are marked, explained, counted, and can be turned off to compare', async ({ studio }) => {
  test.setTimeout(240_000)
  const [expectedCounts, withFaults, withoutFaults] = [faultCounts(), cli([]), cli(['--no-faults'])]
  for (const p of [expectedCounts, withFaults, withoutFaults]) p.catch(() => {})
  await studio.open()
  await studio.openLibraryCopy(STORY)
  await studio.waitForRunDone(EVENTS, 60_000)
  const faults = studio.page.getByRole('checkbox', { name: 'Faults' })
  await expect(faults).toBeChecked()

  // Badges: the first rows already have late deliveries (the story's third event is late).
  const badge = studio.events.getByRole('img', { name: /^Fault: / }).first()
  await expect(badge).toBeVisible()
  await expect(studio.timeline.locator('.fault-legend')).toContainText('duplicate')
  expect(await studio.timeline.locator('path.fault-mark').count()).toBeGreaterThan(0)

  // A late event: the inspector says how late and when it was delivered.
  const late = await rowWithBadge(studio, /^late \+/)
  await late.click()
  const fault = studio.inspector.getByRole('region', { name: 'Fault' })
  await expect(fault).toContainText(/Delivered .* late, at 2025-03-/)

  // A duplicate: its original is one click away, and the original links back.
  const dup = await rowWithBadge(studio, /^dup$/)
  await dup.click()
  await expect(fault).toContainText('Duplicate: a second delivery of this event (same id)')
  const id = await studio.inspector.locator('dl.envelope dd.mono').first().innerText()
  await fault.getByRole('button', { name: 'Go to the original delivery' }).click()
  await expect(fault).toContainText('This event is delivered twice.')
  await expect(studio.inspector.locator('dl.envelope dd.mono').first()).toHaveText(id)
  await fault.getByRole('button', { name: 'Go to the duplicate' }).click()
  await expect(fault).toContainText('Duplicate: a second delivery')

  // The Summary counts faults per kind as the faults log lists them.
  const summary = studio.page.getByRole('region', { name: 'Summary' })
  const counts = await expectedCounts
  const labels: [string, string][] = [
    ['duplicate', 'Duplicates'],
    ['late', 'Late'],
    ['corrupt', 'Corrupt'],
    ['drop', 'Dropped fields'],
    ['nullify', 'Null fields'],
    ['drift', 'Drifted'],
  ]
  for (const [kind, label] of labels) {
    await expect(summary.locator(`tr[data-fault="${kind}"]`)).toHaveText(
      new RegExp(`^${label}\\s*${(counts.get(kind) ?? 0).toLocaleString('en-US')}$`),
    )
  }
  const typesWithFaults = await typeCounts(studio)

  // Export includes the faults, and says so: the CLI's bytes.
  await studio.exportButton.click()
  await expect(studio.page.getByRole('dialog', { name: 'Export events' })).toContainText(
    "The export includes the story's faults:",
  )
  await studio.page.keyboard.press('Escape')
  await expect(studio.page.getByRole('dialog', { name: 'Export events' })).toBeHidden()
  expect((await studio.exportRun('NDJSON')).text).toBe(await withFaults)

  // Off: a rerun without faults. No badges, no fault marks, the same events per type.
  await faults.press('Space')
  await expect(faults).not.toBeChecked()
  await studio.waitForRunDone(EVENTS, 60_000)
  await expect(summary).toContainText('Faults off: the clean stream')
  await expect(studio.events.locator('.fault-badge')).toHaveCount(0)
  await expect(studio.timeline.locator('path.fault-mark')).toHaveCount(0)
  expect(await typeCounts(studio)).toBe(typesWithFaults)

  // Kept with the draft across a reload; Export is the clean stream and says so.
  await studio.page.reload()
  await studio.waitForEditor()
  await studio.waitForRunDone(EVENTS, 60_000)
  await expect(faults).not.toBeChecked()
  await expect(studio.events.locator('.fault-badge')).toHaveCount(0)
  await studio.exportButton.click()
  await expect(studio.page.getByRole('dialog', { name: 'Export events' })).toContainText(
    'Faults are off for this story',
  )
  await studio.page.keyboard.press('Escape')
  await expect(studio.page.getByRole('dialog', { name: 'Export events' })).toBeHidden()
  expect((await studio.exportRun('NDJSON')).text).toBe(await withoutFaults)

  // And back on.
  await faults.check()
  await studio.waitForRunDone(EVENTS, 60_000)
  await expect(studio.events.getByRole('img', { name: /^Fault: / }).first()).toBeVisible()
})
