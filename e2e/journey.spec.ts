/**
 * The journey of a new user (issue 10, steps 1-3 and 7): open the studio, open a copy of the seed's
 * advanced story, make two mistakes and fix them, reload and find the draft as left.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED } from './studio-page.ts'

const STARTER = 'SaaS signups and subscriptions'

test('a new user opens the studio, edits a library copy, and finds it again after a reload', async ({
  page,
  context,
  studio,
  guards,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await test.step('1. the editor loads with nothing but localhost contacted and no console error', async () => {
    await studio.open()
    // A first visit opens the starter story, checked and previewed by the engine worker.
    await expect(studio.draftButton(STARTER)).toHaveAttribute('aria-current', 'page')
    await studio.waitForRunDone(60)
    await expect(studio.problems).toContainText('No problems.')
    expect(guards.foreignRequests).toEqual([])
    expect(guards.consoleErrors).toEqual([])
  })

  await test.step('2. a copy of the advanced story from the library: 2 lanes, 60 events', async () => {
    await studio.openLibraryCopy(SEED_ADVANCED)
    await studio.waitForRunDone(60)
    await expect(studio.events).toContainText('60 generated')
    await studio.expectTimeline(60, 2)
    await expect(studio.laneLabel('posthog · user.signup')).toBeVisible()
    await expect(studio.laneLabel('stripe · subscription.created')).toBeVisible()
    // The run seed, kept with the draft.
    await studio.setSeed(7)
    await studio.waitForRunDone(60)
  })

  await test.step('3. a typo in a key and an unknown function: two markers, in Problems; fixed, they go', async () => {
    await studio.replaceWord('frequency: daily', 'frequency', 'frequncy')
    await studio.replaceWord('user_id: uuid4()', 'uuid4', 'uuid5')
    const typo = studio.problem(/Unknown key `frequncy`/)
    const unknown = studio.problem(/unknown function `uuid5`/)
    await expect(typo).toContainText('Ln 11, Col 5')
    await expect(typo).toContainText('did you mean `frequency`?')
    await expect(unknown).toContainText('Ln 13, Col 16')
    await expect(studio.problems).toContainText('2 errors')
    await expect.poll(() => studio.errorMarkerLines()).toEqual([11, 13])

    // Problems is a way back into the text: clicking one moves the cursor there.
    await unknown.click()
    await expect(studio.editorInput).toBeFocused()

    await studio.replaceWord('user_id: uuid5()', 'uuid5', 'uuid4')
    await studio.replaceWord('frequncy: daily', 'frequncy', 'frequency')
    // Something only this edit has, so the reload below cannot be mistaken for the library text.
    await page.keyboard.press('Escape')
    await page.keyboard.press('End')
    await page.keyboard.type('  # fixed typo')
    await expect(studio.problems).toContainText('No problems.')
    await expect.poll(() => studio.errorMarkerLines()).toEqual([])
    await expect(typo).toHaveCount(0)
    await expect(unknown).toHaveCount(0)
  })

  await test.step('7. reload: the draft with the fix is still there, open, with its seed', async () => {
    // No waiting for "Saved": leaving the page must not lose the last keystrokes.
    await page.reload()
    await studio.waitForEditor()
    await expect(studio.draftButton(SEED_ADVANCED)).toHaveAttribute('aria-current', 'page')
    await expect(studio.draftButton(STARTER)).toBeVisible()
    const story = await readFile(join(ROOT, 'stories/seed-advanced.yaml'), 'utf8')
    expect(await studio.copyStoryText()).toBe(
      story.replace('    frequency: daily\n', '    frequency: daily  # fixed typo\n'),
    )
    await expect(studio.seed).toHaveValue('7')
    await expect(studio.problems).toContainText('No problems.')
    await studio.waitForRunDone(60)
  })
})
