/**
 * Issue 24, the events explorer: SQL over the run (30 signups in the seed's advanced story), a sort by a
 * data field, a field chart, the query bar, and the last event of a 300,000-event run in the table.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED } from './studio-page.ts'

test('SQL, a sort by a data field, the query bar and a field chart over the seed story', async ({
  page,
  studio,
  guards,
}) => {
  test.setTimeout(120_000)
  await studio.open()
  await studio.openLibraryCopy(SEED_ADVANCED)
  await studio.waitForRunDone(60)

  await test.step('a SQL query counts the 30 user.signup events', async () => {
    await studio.events.getByRole('button', { name: 'SQL', exact: true }).click()
    const panel = page.getByRole('region', { name: 'Query' })
    await panel
      .getByRole('textbox', { name: 'SQL' })
      .fill("SELECT count(*) AS n FROM events WHERE event = 'user.signup'")
    await panel.getByRole('button', { name: 'Run query' }).click()
    const results = panel.getByRole('table', { name: 'Query results' })
    await expect(results.getByRole('columnheader', { name: 'n' })).toBeVisible({ timeout: 60_000 })
    await expect(results.getByRole('cell')).toHaveText(['30'])
    // A group-by draws bars.
    await panel
      .getByRole('textbox', { name: 'SQL' })
      .fill('SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY event')
    await panel.getByRole('button', { name: 'Run query' }).click()
    await expect(results.getByRole('cell')).toHaveText(['subscription.created', '30', 'user.signup', '30'])
    await expect(panel.getByRole('figure', { name: 'Query result chart' })).toBeVisible()
  })

  const grid = studio.events.getByRole('grid', { name: 'Generated events' })
  const amounts = async () =>
    (await studio.eventRows().locator('td:nth-child(4)').allTextContents()).slice(0, 10)

  await test.step('a data field becomes a column and sorts the table both ways', async () => {
    await studio.events.getByRole('button', { name: 'Columns' }).click()
    await studio.events.getByRole('checkbox', { name: 'data.amount' }).check()
    await studio.events.getByRole('button', { name: 'Columns' }).click()
    const header = grid.getByRole('columnheader', { name: /amount/ })
    await header.getByRole('button', { name: 'amount', exact: true }).click()
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(grid).toHaveAttribute('data-rows', 'store')
    await expect.poll(async () => (await amounts()).every((a) => a !== '')).toBe(true)
    const up = (await amounts()).map(Number)
    expect(up).toEqual([...up].sort((a, b) => a - b))
    await header.getByRole('button', { name: 'amount', exact: true }).click()
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect.poll(async () => Number((await amounts())[0])).toBeGreaterThanOrEqual(Math.max(...up))
    const down = (await amounts()).map(Number)
    expect(down).toEqual([...down].sort((a, b) => b - a))
  })

  await test.step('the query bar filters by fields', async () => {
    await studio.events
      .getByRole('searchbox', { name: 'Filter events by text' })
      .fill('source:stripe amount>0')
    await expect(studio.events).toContainText(/\d+ of 60 shown/)
    await expect.poll(async () => (await amounts()).every((a) => Number(a) > 0)).toBe(true)
    await studio.events.getByRole('searchbox', { name: 'Filter events by text' }).fill('nosuch:1')
    await expect(studio.events.getByRole('alert')).toContainText('no field `nosuch` in this run')
    await studio.events.getByRole('searchbox', { name: 'Filter events by text' }).fill('')
  })

  await test.step('a field chart shows the null rate, a histogram and the series over time', async () => {
    await grid.getByRole('button', { name: 'Chart of data.amount' }).click()
    const chart = studio.events.getByRole('region', { name: 'Chart of data.amount' })
    await expect(chart).toContainText('30 of 60 events have it · null rate 50.0%')
    await expect(chart.getByRole('figure', { name: 'Distribution of data.amount' })).toBeVisible()
    await expect(chart.getByRole('figure', { name: 'data.amount over time' })).toBeVisible()
  })
  expect(guards.foreignRequests).toEqual([])
})

test('the table reaches the last event of a 300,000-event run', async ({ page, studio, guards }) => {
  test.setTimeout(300_000)
  // The bench's reference story at 150,000 events per definition (one each per minute).
  const reference = await readFile(join(ROOT, 'bench/reference-story.yaml'), 'utf8')
  const story = reference.replaceAll('repeat: 500000', 'repeat: 150000')
  await studio.open()
  await studio.waitForRunDone(60)
  await studio.replaceStory(story)
  await studio.waitForRunDone(300_000, 200_000)
  await expect(studio.events).toContainText('preview keeps the first 50,000')

  const grid = studio.events.getByRole('grid', { name: 'Generated events' })
  await grid.focus()
  // The end of the preview brings the whole run from the run store.
  await page.keyboard.press('End')
  await expect(grid).toHaveAttribute('data-rows', 'store', { timeout: 200_000 })
  await expect(grid).toHaveAttribute('aria-rowcount', '300001')
  await grid.focus()
  await page.keyboard.press('End')
  const last = grid.locator('tr[aria-rowindex="300001"]')
  // The 150,000th minute after 2025-01-01: the last subscription.
  const lastTime = new Date(Date.UTC(2025, 0, 1) + 149_999 * 60_000).toISOString().replace('Z', '+00:00')
  await expect(last).toContainText(lastTime, { timeout: 30_000 })
  await expect(last).toContainText('subscription.created')
  await expect(last).toHaveAttribute('aria-selected', 'true')

  await test.step('the Inspector shows that event, from the run store', async () => {
    const inspector = studio.inspector
    await expect(inspector.getByRole('note')).toContainText('Past the preview (the first 50,000 events)')
    await expect(inspector).toContainText('stripe · subscription.created')
    await expect(inspector).toContainText('event 300,000 of 300,000')
    await expect(inspector).toContainText(lastTime)
    await expect(inspector).toContainText('#150,000 of stripe · subscription.created in the stream')
    for (const field of ['customer_id', 'plan', 'amount'])
      await expect(inspector.locator(`#field-${field} .field-name`)).toHaveText(field)
    // The value is the row's; the expression is the story's own text.
    const plan = (await inspector.locator('#field-plan code.value').textContent()) ?? ''
    const amount = Number(await inspector.locator('#field-amount code.value').textContent())
    expect({ '"free"': 0, '"pro"': 99, '"enterprise"': 499 }[plan]).toBe(amount)
    await expect(inspector.locator('#field-plan .expression')).toHaveText('ref(user.signup.plan)')
    await expect(inspector).not.toContainText('is not in the preview')
  })

  await test.step('tracing it shows where its values came from (the run generated again up to it)', async () => {
    const inspector = studio.inspector
    await inspector.getByRole('button', { name: 'Trace where each value came from' }).click()
    await expect(inspector.getByRole('status')).toContainText('Traced', { timeout: 120_000 })
    await expect(inspector).toContainText('subscription.created, occurrence #150,000')
    await expect(inspector.locator('#field-plan .expression')).toHaveText('ref(user.signup.plan)')
    await expect(
      inspector
        .locator('#field-customer_id')
        .getByRole('button', { name: /^Go to referenced user\.signup #[\d,]+$/ }),
    ).toBeVisible()
    await expect(inspector.locator('#field-amount')).toContainText('uses')
  })

  await test.step('its ref link goes to the signup it read, past the preview too (found by id)', async () => {
    const inspector = studio.inspector
    const customer = (await inspector.locator('#field-customer_id code.value').textContent()) ?? ''
    await inspector
      .locator('#field-customer_id')
      .getByRole('button', { name: /^Go to referenced user\.signup #[\d,]+$/ })
      .click()
    await expect(inspector).toContainText('posthog · user.signup')
    await expect(inspector.getByRole('note')).toContainText('Past the preview (the first 50,000 events)')
    await expect(inspector).not.toContainText('is not in the preview')
    await expect(inspector.locator('#field-user_id code.value')).toHaveText(customer)
    await inspector.getByRole('button', { name: /^Back to subscription\.created #150,?000$/ }).click()
    await expect(inspector).toContainText('stripe · subscription.created')
    await expect(inspector).toContainText('event 300,000 of 300,000')
  })
  expect(guards.foreignRequests).toEqual([])
})
