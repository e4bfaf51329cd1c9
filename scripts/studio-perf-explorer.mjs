// The events explorer over a finished 1,000,000-event run (issue 24), for scripts/studio-perf.mjs
// (`--only explorer`): sort by a data field (the run store loads the whole run), scroll to the end,
// open a field chart, run SQL. Reports the main-thread long tasks (> 50 ms) of each step and, from a
// CPU profile of all steps (CDP Profiler), the busy stretches over 50 ms with their heaviest functions.

/** Long tasks and busy stretches of the explorer steps; `open` and `runDone` come from studio-perf.mjs. */
export async function measureExplorer({ base, open, runDone, story }) {
  const { context, page } = await open(story)
  await page.goto(base)
  await page.waitForFunction(
    () => /^1,000,000 events in/.test(document.querySelector('.run-status')?.textContent ?? ''),
    null,
    { timeout: 300_000 },
  )
  await runDone(page)
  await page.waitForTimeout(1000)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')

  // CSS selectors and a 250 ms poll, not role locators: Playwright's accessible-name queries over a big
  // DOM run on the page's main thread and would be measured as the studio's long tasks.
  const until = (fn, arg, timeout = 120_000) => page.waitForFunction(fn, arg, { timeout, polling: 250 })
  const click = (selector, hasText) =>
    page
      .locator(selector, hasText ? { hasText } : {})
      .first()
      .click()
  const steps = {}
  const step = async (name, act) => {
    const t0 = await page.evaluate(() => performance.now())
    await act()
    const t1 = await page.evaluate(() => performance.now())
    const tasks = (await page.evaluate(() => window.__perf.longTasks)).filter(
      (t) => t.start >= t0 - 50 && t.start <= t1,
    )
    steps[name] = {
      ms: Math.round(t1 - t0),
      over50: tasks.filter((t) => t.duration > 50).length,
      max: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      at: tasks.map((t) => `${Math.round(t.start - t0)}:${Math.round(t.duration)}`),
    }
  }

  await step('sort by data.amount (loads the whole run into the store)', async () => {
    await click('.events-header button[aria-expanded]', 'Columns')
    for (const field of [/^\s*data\.amount$/, /^\s*data\.plan$/])
      await page.locator('.columns-popover label', { hasText: field }).locator('input').check()
    await click('.events-header button[aria-expanded]', 'Columns')
    await click('.event-grid th .sort-button', 'amount')
    await until(
      () => document.querySelector('.event-grid')?.getAttribute('aria-rowcount') === '1000001',
      null,
      600_000,
    )
    await until(() => /\d/.test(document.querySelector('.event-rows tr td:nth-child(4)')?.textContent ?? ''))
  })
  await step('End: the last row of 1,000,000, then the Inspector', async () => {
    await page.locator('.event-grid').focus()
    await page.keyboard.press('End')
    await until(() =>
      /\d{4}-\d\d-\d\d/.test(document.querySelector('tr[aria-rowindex="1000001"]')?.textContent ?? ''),
    )
    await until(() => document.querySelector('[data-inspector="store"]') !== null, null, 60_000)
  })
  await step('field chart of data.amount', async () => {
    await click('.event-grid th .chart-button[aria-label="Chart of data.amount"]')
    await until(() => document.querySelectorAll('.field-chart figure svg *').length > 0)
    await until(() => document.querySelectorAll('.field-chart figure').length >= 2)
  })
  await step('field chart of data.plan (a string: top values)', async () => {
    await click('.event-grid th .chart-button[aria-label="Chart of data.plan"]')
    await until(
      () => document.querySelector('.field-chart[aria-label="Chart of data.plan"] figure svg rect') !== null,
    )
  })
  await step('SQL: count by plan', async () => {
    await click('.events-header button[aria-pressed]', 'SQL')
    await page
      .locator('.query-sql')
      .fill(
        "SELECT data.plan AS plan, count(*) AS n FROM events WHERE event = 'user.signup' GROUP BY 1 ORDER BY 1",
      )
    await click('.query-actions button.primary')
    await until(() => document.querySelector('.query-results td') !== null)
  })

  const { profile } = await cdp.send('Profiler.stop')
  await context.close()
  return { steps, busyStretches: busyStretches(profile) }
}

/**
 * Runs of consecutive non-idle samples (a task, roughly) longer than 50 ms, each with its heaviest
 * functions by self time: what a long task is made of.
 */
function busyStretches(profile, minMs = 50) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  // "(program)" (native work: style, layout, paint, messages) is busy time too.
  const idle = (id) => byId.get(id)?.callFrame.functionName === '(idle)'
  const out = []
  let start = -1
  let self = new Map()
  let elapsed = 0
  const flush = (endUs) => {
    const ms = (endUs - start) / 1000
    if (start >= 0 && ms > minMs) {
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6)
      out.push({
        atMs: Math.round((start - profile.startTime) / 1000),
        ms: Math.round(ms),
        top: top.map(([k, us]) => `${Math.round(us / 1000)} ms ${k}`),
      })
    }
    start = -1
    self = new Map()
  }
  let t = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    const dt = profile.timeDeltas[i] ?? 0
    t += dt
    elapsed += dt
    if (idle(id)) {
      flush(t)
      continue
    }
    if (start < 0) start = t
    const f = byId.get(id).callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + dt)
  }
  flush(t)
  return { profiledMs: Math.round(elapsed / 1000), stretches: out }
}
