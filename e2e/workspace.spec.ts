/**
 * Issue 23, the workspace a data engineer trusts: keyboard (Tab leaves the editor, no autofocus, named
 * focusable resize handles, `?`), lanes named by definition id with counts, "Stopped at N of M", the
 * big-run guard of Live, draft names that follow `name:`, Export without Download for a broken story.
 */
import { expect, test } from './fixtures.ts'

/** A story of `n` planned events (one lane, one per minute): big runs without a big text. */
function storyOf(n: number, name = 'Many events'): string {
  return `name: ${name}
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - source: app
    event: tick
    repeat: ${n}
    frequency: minutely
    data:
      kind: tick
`
}

const focusInEditor = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)

test('keyboard: no autofocus, Tab leaves the editor without typing, handles are named, ? lists shortcuts', async ({
  page,
  studio,
}) => {
  await studio.open()
  expect(await focusInEditor(page)).toBe(false)
  // Into the editor, at the start of the first line: Tab moves on, and types nothing.
  await studio.editor.locator('.view-line').first().click()
  expect(await focusInEditor(page)).toBe(true)
  const before = await studio.editorLines()
  await page.keyboard.press('Tab')
  expect(await focusInEditor(page)).toBe(false)
  expect(await studio.editorLines()).toEqual(before)
  await expect(studio.editorInput).toHaveAttribute('aria-label', /Tab moves focus out of the editor/)
  await expect(studio.editor.getByText('Tab leaves the editor')).toBeVisible()

  // Resize handles are focusable, named, visibly focused and resize with the arrow keys.
  const handle = page.getByRole('separator', { name: 'Resize the story list' })
  await handle.focus()
  await expect(handle).toBeFocused()
  expect(await handle.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none')
  const width = async () => (await studio.stories.boundingBox())?.width ?? 0
  const start = await width()
  await page.keyboard.press('ArrowRight')
  await expect.poll(width).toBeGreaterThan(start)
  for (const name of [
    'Resize the editor and Problems',
    'Resize the editor and the inspector',
    'Resize the editor and the results',
    'Resize the timeline and the summary',
    'Resize the timeline and the events',
  ]) {
    await expect(page.getByRole('separator', { name })).toHaveAttribute('tabindex', '0')
  }

  // `?` (outside a text field) opens the shortcut panel; Escape closes it.
  await page.keyboard.press('?')
  const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('Run the story')
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
})

test('lanes are named by definition id, with their counts', async ({ studio }) => {
  await studio.open()
  await studio.openLibraryCopy('IoT telemetry (motor sensors)')
  await expect(studio.laneLabel('motor_fra_01')).toBeVisible({ timeout: 30_000 })
  await expect(studio.laneLabel('motor_ham_03')).toBeVisible()
  await expect.poll(() => studio.laneCount('motor_fra_01')).toMatch(/^[1-9][\d,]*$/)
})

test('Stop says how far the run came: "Stopped at N of M"', async ({ context, studio, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.replaceStory(storyOf(3_000_000))
  await expect(page.getByText(/^Running… /)).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Stop', exact: true }).click()
  await expect(page.getByText(/^Stopped at [\d,]+ (of 3,000,000 )?events$/)).toBeVisible()
  // M is asked for after the stop (the engine may be restarted by then on a busy machine).
  await expect(page.getByText(/^Stopped at [\d,]+ of 3,000,000 events$/)).toBeVisible({ timeout: 60_000 })
})

test('Live asks before a very large run and can be told no', async ({ context, studio, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.replaceStory(storyOf(50_000_000))
  const prompt = page.getByRole('alertdialog', { name: 'Large run' })
  await expect(prompt).toContainText('about 50,000,000 events', { timeout: 30_000 })
  await expect(page.getByText(/^Stopped at [\d,]+ of 50,000,000 events$/)).toBeVisible()
  await prompt.getByRole('button', { name: 'Not now (Live off)' }).click()
  await expect(prompt).toBeHidden()
  await expect(studio.live).not.toBeChecked()
})

test('a draft is named after its `name:`', async ({ context, studio }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.stories.getByRole('button', { name: 'New', exact: true }).click()
  await expect(studio.draftButton('Untitled story')).toHaveAttribute('aria-current', 'page')
  await studio.waitForEditor()
  await studio.replaceWord('name: Untitled story', 'Untitled', 'Checkout')
  await expect(studio.draftButton('Checkout story')).toHaveAttribute('aria-current', 'page')
  await expect(studio.storyName).toHaveValue('Checkout story')
})

test('Export offers no Download for a story with errors', async ({ context, studio, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.replaceWord('repeat: 30', 'repeat', 'repeet')
  await expect(studio.problems.getByRole('button').first()).toBeVisible()
  await studio.exportButton.click()
  const dialog = page.getByRole('dialog', { name: 'Export events' })
  await expect(dialog.getByRole('alert')).toContainText('cannot be exported')
  await expect(dialog.getByRole('button', { name: 'Download', exact: true })).toHaveCount(0)
  await expect(dialog.getByRole('button', { name: 'Save as…' })).toHaveCount(0)
})

test('a shared story runs when opened, capped until Run; junk says "not a share link"', async ({
  context,
  studio,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.replaceStory(storyOf(400_000, 'Big shared'))
  await studio.page
    .getByRole('button', { name: 'Stop', exact: true })
    .click({ timeout: 30_000 })
    .catch(() => {})
  const link = await studio.shareLink()
  await page.getByRole('dialog', { name: 'Share story' }).getByRole('button', { name: 'Close' }).click()
  await page.goto('about:blank')
  await studio.open(link)
  await expect(studio.draftButton('Big shared (shared)')).toHaveAttribute('aria-current', 'page')
  await studio.waitForRunDone(100_000)
  await expect(page.getByRole('status').filter({ hasText: 'Press Run to generate all of it' })).toBeVisible()
  await expect(studio.live).toBeChecked()

  await page.goto('about:blank')
  await studio.open('/#s=v1.hello-world')
  const alert = page.getByRole('alert').filter({ hasText: 'Share link problem.' })
  await expect(alert).toContainText('This is not a share link.')
  await expect(alert).not.toContainText('cut short')
})
