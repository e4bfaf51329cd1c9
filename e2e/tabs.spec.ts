/** Issue 23: two tabs on one draft stay in sync, and when both change it at once both versions are kept. */
import { expect, test } from './fixtures.ts'
import { StudioPage } from './studio-page.ts'

test('two tabs: an edit shows in the other tab; edits at once keep both versions', async ({
  context,
  studio,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.page.keyboard.press('ControlOrMeta+S')
  const other = new StudioPage(await context.newPage())
  await other.open()
  await studio.replaceWord('repeat: 30', '30', '12')
  await studio.page.keyboard.press('ControlOrMeta+S')
  await expect.poll(() => other.editorLines().then((l) => l.some((x) => x.includes('repeat: 12')))).toBe(true)

  // A write this tab never heard of (a tab whose message was lost, or that wrote while this one was
  // busy): the stored draft has a newer revision. The next save finds it and keeps both versions.
  await other.page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('autosource.studio.v1.draft.'))!
    const draft = JSON.parse(localStorage.getItem(key)!)
    localStorage.setItem(
      key,
      JSON.stringify({
        ...draft,
        text: draft.text.replace('timezone: UTC', 'timezone: Europe/Paris'),
        revision: draft.revision + 5,
      }),
    )
  })
  await studio.replaceWord('seed: 42', '42', '7')
  await studio.page.keyboard.press('ControlOrMeta+S')
  const banner = studio.page.getByRole('alert').filter({ hasText: 'Changed in two tabs.' })
  await expect(banner).toBeVisible()
  // Nothing is lost: the draft holds this tab's edit, the "(other tab)" copy the other write.
  await banner.getByRole('button', { name: /^Open “.*\(other tab\)”$/ }).click()
  await expect
    .poll(() => studio.editorLines().then((l) => l.some((x) => x.includes('timezone: Europe/Paris'))))
    .toBe(true)
  // The other tab hears of both: the draft with this tab's edit, and the copy.
  await expect(other.draftButton('SaaS signups and subscriptions (other tab)')).toBeVisible()
  await expect(other.page.getByRole('alert').filter({ hasText: 'Changed in two tabs.' })).toBeVisible()
})
