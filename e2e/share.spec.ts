/** Journey steps 6 and 8: a share link opens the same story and seed elsewhere; a bad link loses nothing. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { cliGenerate, ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED, StudioPage } from './studio-page.ts'

test('6. a share link opened in a fresh browser gives the same story, seed and first event', async ({
  browser,
  context,
  studio,
  guards,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const firstEvent = JSON.parse((await cliGenerate('stories/seed-advanced.yaml', 7)).split('\n')[0])
  await studio.open()
  await studio.openLibraryCopy(SEED_ADVANCED)
  await studio.setSeed(7)
  await studio.waitForRunDone(60)
  const link = await studio.shareLink()
  const dialog = studio.page.getByRole('dialog', { name: 'Share story' })
  await expect(dialog.getByRole('status')).toHaveText('✓ Copied to the clipboard.')
  expect(await studio.page.evaluate(() => navigator.clipboard.readText())).toBe(link)
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  const story = await readFile(join(ROOT, 'stories/seed-advanced.yaml'), 'utf8')
  expect(await studio.copyStoryText()).toBe(story)
  const myFirst = (await studio.eventRows().first().textContent()) ?? ''

  // Someone else: a fresh browser context, no drafts.
  const other = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  guards.watch(other)
  const theirs = new StudioPage(await other.newPage())
  await theirs.open(link)
  await expect(theirs.draftButton(`${SEED_ADVANCED} (shared)`)).toHaveAttribute('aria-current', 'page')
  expect(await theirs.copyStoryText()).toBe(story)
  await expect(theirs.seed).toHaveValue('7')
  // A small story runs by itself once it is known to be small.
  await theirs.waitForRunDone(60)
  const first = theirs.eventRows().first()
  await expect(first).toHaveText(myFirst)
  await expect(first).toContainText(firstEvent.timestamp)
  await expect(first).toContainText(firstEvent.data.user_id)
  await other.close()
})

test('8. a garbled or truncated share link shows a clear message and the drafts are intact', async ({
  page,
  context,
  studio,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.openLibraryCopy(SEED_ADVANCED)
  await studio.setSeed(7)
  await studio.waitForRunDone(60)
  const link = await studio.shareLink()
  await page.getByRole('dialog', { name: 'Share story' }).getByRole('button', { name: 'Close' }).click()
  await studio.replaceWord('start_date: 2025-01-01', '2025', '2026')
  await expect(studio.page.getByText('Saved', { exact: true })).toBeVisible()
  const drafts = await studio.stories.getByRole('listitem').allInnerTexts()
  const text = await studio.copyStoryText()
  expect(text).toContain('start_date: 2026-01-01')

  const at = link.indexOf('#s=') + 20
  const garbled = `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`
  const truncated = link.slice(0, Math.floor((link.length + link.indexOf('#s=')) / 2))
  for (const bad of [garbled, truncated]) {
    await page.goto('about:blank')
    await studio.open(bad)
    const alert = page.getByRole('alert').filter({ hasText: 'Share link problem.' })
    await expect(alert).toContainText('This share link could not be opened.')
    await expect(alert).toContainText('Nothing was changed: your drafts are as you left them.')
    await expect(studio.draftButton(SEED_ADVANCED)).toHaveAttribute('aria-current', 'page')
    expect(await studio.stories.getByRole('listitem').allInnerTexts()).toEqual(drafts)
    expect(await studio.copyStoryText()).toBe(text)
    await expect(studio.seed).toHaveValue('7')
  }
})
