/**
 * Main-thread long tasks while the worker generates 1,000,000 events (issue 7's 50 ms goal). The figures
 * are measured and written to the test output; only a loose bound is asserted, so a slow, loaded
 * machine does not fail it.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'

/** A main-thread task longer than this fails the test (the goal is 50 ms; this only catches a frozen tab). */
const LOOSE_BOUND_MS = 1000

interface LongTask {
  start: number
  duration: number
}

declare global {
  interface Window {
    __e2eLongTasks?: LongTask[]
  }
}

test('a 1,000,000-event run keeps the main thread responsive', async ({ page, context, studio }) => {
  test.setTimeout(180_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  // The bench's reference story: the seed's advanced story with faker fields, 500,000 events per definition.
  const story = await readFile(join(ROOT, 'bench/reference-story.yaml'), 'utf8')

  await page.addInitScript(() => {
    const tasks: LongTask[] = []
    window.__e2eLongTasks = tasks
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  await studio.open()
  await studio.waitForRunDone(60)

  const t0 = await page.evaluate(() => performance.now())
  await studio.replaceStory(story)
  await expect(page.getByText(/^Running… /)).toBeVisible()
  const running = await page.evaluate(() => performance.now())
  await studio.waitForRunDone(1_000_000, 150_000)
  const t1 = await page.evaluate(() => performance.now())
  await expect(studio.events).toContainText('1,000,000 generated')

  const tasks = (await page.evaluate(() => window.__e2eLongTasks ?? [])).filter(
    (t) => t.start >= t0 && t.start <= t1,
  )
  const max = Math.max(0, ...tasks.map((t) => t.duration))
  const over50 = tasks.filter((t) => t.duration > 50)
  const summary = [
    `1M-event run: ${Math.round(t1 - t0)} ms from the edit to "done" (${Math.round(t1 - running)} ms after "Running…" showed)`,
    `long tasks (> 50 ms) on the main thread: ${over50.length}, max ${Math.round(max)} ms`,
    `durations: ${
      tasks.map((t) => `${Math.round(t.duration)}@+${Math.round(t.start - t0)}`).join(', ') || 'none'
    }`,
  ].join('\n')
  console.log(summary)
  test.info().annotations.push({ type: 'long tasks', description: summary })
  await test.info().attach('long-tasks.json', {
    body: JSON.stringify({ t0, running, t1, tasks }, null, 2),
    contentType: 'application/json',
  })
  expect(max, `longest main-thread task during the run (goal: 50 ms)`).toBeLessThan(LOOSE_BOUND_MS)
})
