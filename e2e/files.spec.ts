/**
 * Issue 23, files: a .yaml file opens as a new draft by Ctrl+O and by dropping it on the window,
 * included files are read-only tabs beside the story, and two drafts never share a name.
 */
import { expect, test } from './fixtures.ts'

const story = (name: string) => `name: ${name}
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - source: app
    event: tick
    repeat: 4
    frequency: daily
    data:
      kind: tick
`

test('Ctrl+O opens a .yaml file as a new draft named after its `name:`', async ({ studio, page }) => {
  await studio.open()
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Control+o')
  await (await chooser).setFiles({
    name: 'ticks.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(story('Ticks')),
  })
  await expect(studio.draftButton('Ticks')).toHaveAttribute('aria-current', 'page')
  await studio.waitForRunDone(4)
  // The same file again: a second draft, told apart by its name.
  const again = page.waitForEvent('filechooser')
  await studio.stories.getByRole('button', { name: 'Open…' }).click()
  await (await again).setFiles({
    name: 'ticks.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(story('ticks')),
  })
  await expect(studio.draftButton('ticks (2)')).toHaveAttribute('aria-current', 'page')
})

test('a dropped .yaml file opens as a new draft; another file is refused with a reason', async ({
  studio,
  page,
}) => {
  await studio.open()
  const drop = async (name: string, text: string) => {
    const data = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer()
        dt.items.add(new File([text], name, { type: 'application/yaml' }))
        return dt
      },
      { name, text },
    )
    // Dropped on the editor, where Monaco would otherwise paste the file's text.
    await studio.editor.dispatchEvent('dragenter', { dataTransfer: data })
    await studio.editor.dispatchEvent('dragover', { dataTransfer: data })
    await studio.editor.dispatchEvent('drop', { dataTransfer: data })
  }
  await drop('dropped.yml', story('Dropped story'))
  await expect(studio.draftButton('Dropped story')).toHaveAttribute('aria-current', 'page')
  await studio.waitForRunDone(4)
  await drop('notes.txt', 'hello')
  await expect(page.getByText('“notes.txt” is not a story: open a .yaml or .yml file.')).toBeVisible()
  await expect(studio.draftButton('Dropped story')).toHaveAttribute('aria-current', 'page')
})

test('included files open as read-only tabs', async ({ studio, page }) => {
  await studio.open()
  await studio.openLibraryCopy('Product launch (composition with include + templates)')
  const tabs = studio.editor.getByRole('tablist', { name: 'Files of the story' })
  await expect(tabs.getByRole('tab', { name: 'Story' })).toHaveAttribute('aria-selected', 'true')
  const shared = tabs.getByRole('tab', { name: 'shared.yaml (read-only)' })
  await expect(shared).toBeVisible()
  await expect(tabs.getByRole('tab', { name: '_marketing-site.yaml (read-only)' })).toBeVisible()
  await shared.click()
  await expect(shared).toHaveAttribute('aria-selected', 'true')
  const input = studio.editor.getByRole('textbox', {
    name: /^Included file composition\/shared\.yaml \(read-only\)/,
  })
  await expect(input).toBeAttached()
  const before = await studio.editorLines()
  await studio.editor.locator('.view-line').first().click()
  await page.keyboard.type('xyz')
  await expect(studio.editor.getByText('Included files are read-only here').first()).toBeVisible()
  expect(await studio.editorLines()).toEqual(before)
  // Back to the story: its own text, editable.
  await tabs.getByRole('tab', { name: 'Story' }).click()
  await expect
    .poll(async () => (await studio.editorLines()).some((l) => l.startsWith('name: Product launch')))
    .toBe(true)
  await expect(studio.editorInput).toBeAttached()
})

test('a problem in an included file opens its read-only tab at the place', async ({
  context,
  studio,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  // The story's own schema says `name` is a number; the included marketing site writes page names.
  await studio.replaceStory(`name: Include probe
org_id: plotline
start_date: 2025-09-01
end_date: 2025-09-03
timezone: UTC
include: [composition/_marketing-site.yaml]
schemas:
  segment/Page Viewed:
    fields:
      name: { type: number }
events:
  - source: app
    event: ping
    repeat: 2
`)
  const problem = studio.problem(/`landing` field `name`/)
  await expect(problem).toBeVisible({ timeout: 30_000 })
  await expect(problem).toContainText('composition/_marketing-site.yaml Ln 19')
  await expect(problem).toBeEnabled()
  await problem.click()
  const tabs = studio.editor.getByRole('tablist', { name: 'Files of the story' })
  await expect(tabs.getByRole('tab', { name: '_marketing-site.yaml (read-only)' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  // The cursor is on the field's line (Monaco marks its line number), which carries the warning's squiggle.
  await expect(studio.editor.locator('.line-numbers.active-line-number')).toHaveText('19')
  await expect(studio.editor.locator('.view-line', { hasText: "name: weighted({'Home'" })).toBeVisible()
  await expect(studio.editor.locator('.squiggly-warning').first()).toBeAttached()
  // Back to the story's own tab.
  await tabs.getByRole('tab', { name: 'Story' }).click()
  await expect(tabs.getByRole('tab', { name: 'Story' })).toHaveAttribute('aria-selected', 'true')
})
