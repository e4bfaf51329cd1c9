/**
 * Issue 23, accessibility: axe-core finds no serious or critical violation in the studio, in the light
 * and the dark scheme, with a finished preview, a selected event and Problems listing a warning.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures.ts'

const STORY = `name: Orders
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - id: order
    source: shop
    event: order.placed
    repeat: 20
    frequency: daily
    data:
      price: 3
      qty: 2
      total: price * qty
`

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations (${scheme} scheme)`, async ({ context, page, studio }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.emulateMedia({ colorScheme: scheme })
    await studio.open()
    await studio.replaceStory(STORY)
    await studio.waitForRunDone(20)
    await expect(studio.problem(/literal text/)).toBeVisible()
    await studio.eventRows().first().click()
    const { violations } = await new AxeBuilder({ page }).analyze()
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`),
      }))
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([])
  })
}
