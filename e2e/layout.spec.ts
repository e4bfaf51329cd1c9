/**
 * Issue 23, layout on a laptop screen: at 1280x720 (and 1920x1080) the editor shows a useful number
 * of lines, Problems more than one entry, and no pane's content overflows its pane. Screenshots of each
 * size are kept in e2e/.artifacts/screens/ to look at.
 */
import { expect, test } from './fixtures.ts'

const BROKEN = `name: Broken
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - id: order
    source: shop
    event: order.placed
    repaet: 3
    frequncy: daily
    data:
      a: uuid5()
      b: faker.person.fulName()
      c: prise
      price: 3
      qty: 2
      total: price * qty
`

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the workspace fits ${size.width}x${size.height}`, async ({ context, page, studio }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.setViewportSize(size)
    await studio.open()
    await studio.openLibraryCopy('IoT telemetry (motor sensors)')
    await expect(studio.laneLabel('motor_fra_01')).toBeVisible({ timeout: 30_000 })
    await page
      .getByText(/ events in /)
      .first()
      .waitFor({ timeout: 60_000 })
    await studio.eventRows().first().click()
    await page.screenshot({ path: `e2e/.artifacts/screens/run-${size.width}x${size.height}.png` })
    // The editor shows at least 20 lines at 720 px.
    expect((await studio.editorLines()).length).toBeGreaterThanOrEqual(size.height >= 1000 ? 25 : 16)

    await studio.replaceStory(BROKEN)
    await expect(studio.problem(/literal text/)).toBeVisible({ timeout: 30_000 })
    await page.screenshot({ path: `e2e/.artifacts/screens/problems-${size.width}x${size.height}.png` })
    // At least three problems (six at 1080) are in view without scrolling.
    const box = await studio.problems.boundingBox()
    const total = await studio.problems.getByRole('button').count()
    const visible = await studio.problems
      .getByRole('button')
      .evaluateAll(
        (items, bottom) => items.filter((el) => el.getBoundingClientRect().bottom <= bottom).length,
        (box?.y ?? 0) + (box?.height ?? 0),
      )
    expect(visible).toBeGreaterThanOrEqual(Math.min(total, size.height >= 1000 ? 6 : 3))

    // Nothing sticks out of the window or its pane.
    const overflow = await page.evaluate(() => {
      const out: string[] = []
      const { innerWidth, innerHeight } = window
      if (document.documentElement.scrollWidth > innerWidth) out.push('page scrolls sideways')
      for (const el of document.querySelectorAll<HTMLElement>('.pane-header, .top-bar')) {
        if (el.scrollWidth > el.clientWidth + 1)
          out.push(`${el.className} cut: ${el.textContent?.slice(0, 40)}`)
        const r = el.getBoundingClientRect()
        if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
          out.push(`${el.className} outside the window`)
      }
      return out
    })
    expect(overflow).toEqual([])
  })
}
