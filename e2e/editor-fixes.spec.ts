/**
 * Issue 23, silent mistakes: a literal that reads as an expression is a warning with an `=` quick fix,
 * every "did you mean" is a quick fix (Ctrl+.), Problems always match the current text (static and run
 * problems of deleted text go), and the Seed field refuses 1.5 and 1e20 out loud.
 */
import { expect, test } from './fixtures.ts'

const STORY = `name: Orders
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - id: order
    source: shop
    event: order.placed
    repeat: 3
    frequncy: daily
    data:
      price: 3
      qty: 2
      total: price * qty
`

test('a literal over sibling fields warns, and Ctrl+. fixes it and a "did you mean"', async ({
  context,
  studio,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await studio.replaceStory(STORY)
  const literal = studio.problem(/`total` is the literal text "price \* qty"/)
  await expect(literal).toBeVisible({ timeout: 30_000 })
  await expect(literal).toContainText('story/literal-expression')
  const typo = studio.problem(/Unknown key `frequncy`/)
  await expect(typo).toBeVisible()

  // The warning's quick fix: cursor on the value, Ctrl+., pick the fix.
  const fix = page.getByRole('option', { name: /Compute it: add `=` in front/ })
  await expect(async () => {
    await page.keyboard.press('Escape')
    await page.mouse.click(...xy(await studio.wordPosition('total: price * qty', 'qty')))
    await page.keyboard.press('Control+.')
    await expect(fix).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 20_000 })
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await studio.editorLines()).some((l) => l.includes('total: = price * qty')))
    .toBe(true)
  await expect(literal).toHaveCount(0)

  // The typo's quick fix replaces the key, once the edited text is checked (its problems are listed
  // again). Monaco cancels an open Ctrl+. menu when the markers change under it, so ask again then.
  await expect(typo).toBeVisible()
  const rename = page.getByRole('option', { name: /Change to `frequency`/ })
  await expect(async () => {
    await page.keyboard.press('Escape')
    await page.mouse.click(...xy(await studio.wordPosition('frequncy: daily', 'frequncy')))
    await page.keyboard.press('Control+.')
    await expect(rename).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 20_000 })
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await studio.editorLines()).some((l) => l.includes('frequency: daily')))
    .toBe(true)
  await expect(studio.problems).toContainText('No problems.')
  // The fixed story computes the value: 3 events, each with total 6.
  await studio.waitForRunDone(3)
  await expect(studio.eventRows().first()).toContainText('6')
})

test('Problems and squiggles only ever show problems of the current text', async ({
  context,
  studio,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  // A run-time problem (division by zero while generating), then a static one.
  await studio.replaceStory(
    STORY.replace('frequncy', 'frequency').replace('total: price * qty', 'total: = price / (qty - 2)'),
  )
  const runtime = studio.problem(/division by zero/i)
  await expect(runtime).toBeVisible({ timeout: 30_000 })
  // Live off: the run problem belongs to the text it ran, so editing the text drops it at once.
  await studio.live.uncheck()
  await studio.replaceWord('(qty - 2)', '2', '1')
  await expect(runtime).toHaveCount(0)
  await expect(studio.problems).toContainText('No problems.')
  expect(await studio.errorMarkerLines()).toEqual([])

  // A typo, then the typo deleted: neither its entry nor its squiggle outlives it.
  await studio.replaceWord('frequency: daily', 'frequency', 'frequncy')
  const typo = studio.problem(/Unknown key `frequncy`/)
  await expect(typo).toBeVisible()
  await expect.poll(() => studio.errorMarkerLines()).toEqual([11])
  await studio.replaceWord('frequncy: daily', 'frequncy', 'frequency')
  await expect(typo).toHaveCount(0)
  await expect(studio.problems).toContainText('No problems.')
  await expect.poll(() => studio.errorMarkerLines()).toEqual([])
  await expect(page.getByRole('button', { name: /frequncy/ })).toHaveCount(0)
})

test('the Seed field refuses 1.5 and 1e20 with a reason, and keeps the seed in force', async ({
  studio,
  page,
}) => {
  await studio.open()
  await studio.setSeed(7)
  for (const bad of ['1.5', '1e20', '100000000000000000000']) {
    await studio.seed.fill(bad)
    await expect(studio.seed).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('alert').filter({ hasText: /The seed must be/ })).toBeVisible()
  }
  // Leaving the field shows the seed in force again (7), and a good seed is taken.
  await studio.storyName.focus()
  await expect(studio.seed).toHaveValue('7')
  await studio.setSeed(8)
  await expect(studio.seed).toHaveAttribute('aria-invalid', 'false')
})

function xy(p: { x: number; y: number }): [number, number] {
  return [p.x, p.y]
}
