// Studio performance, measured in headless Chromium against the production build (`pnpm build && pnpm preview`).
//   node scripts/studio-perf.mjs [baseUrl=http://localhost:4173] [--runs 5] [--only open|edit|1m] [--skip-1m]
// 1. open -> first preview of the seed's advanced story (the starter story of a first visit);
// 2. one keystroke in the editor -> timeline and table of a 10,000-event story show the new run;
// 3. Long Tasks (> 50 ms) on the main thread during a 1,000,000-event run (pasted into the editor, then re-run);
// 4. the events explorer over that run (`--only explorer`, not part of a plain run: see studio-perf-explorer.mjs).
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { chromium } from 'playwright-core'
import { measureExplorer } from './studio-perf-explorer.mjs'

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const args = process.argv.slice(2)
const base = args.find((a) => a.startsWith('http')) ?? 'http://localhost:4173'
const runs = Number(args[args.indexOf('--runs') + 1]) || 5
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null
const want = (part) => only === null || only === part
const skip1m = args.includes('--skip-1m') || !want('1m')
const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const browser = await chromium.launch({
  executablePath: '/usr/lib/chromium/chromium',
  headless: true,
  args: chromiumArgs,
})

const seedAdvanced = readFileSync(new URL('../stories/seed-advanced.yaml', import.meta.url), 'utf8')

/** A fresh page whose localStorage holds one draft (or none: the studio opens its starter story). */
async function open(text) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript((draftText) => {
    window.__perf = { longTasks: [] }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__perf.longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
    // First moment both the timeline and the table show records of a finished or running run.
    const mark = () => {
      const fig = document.querySelector('.timeline-figure[data-run]')
      const row = document.querySelector('.event-rows tr')
      if (fig && row && fig.dataset.run !== 'stale' && window.__perf.firstPreview === undefined) {
        window.__perf.firstPreview = performance.now()
      }
    }
    new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true })
    if (draftText) {
      const id = 'd-perf'
      localStorage.setItem('autosource.studio.v1.index', JSON.stringify({ order: [id], activeId: id }))
      localStorage.setItem(
        `autosource.studio.v1.draft.${id}`,
        JSON.stringify({ id, name: 'perf', text: draftText, seed: null, createdAt: 0, updatedAt: 0 }),
      )
    }
  }, text ?? null)
  const page = await context.newPage()
  return { context, page }
}

const runDone = (page, timeout = 120_000) =>
  page.waitForFunction(
    () => /events in/.test(document.querySelector('.run-status')?.textContent ?? ''),
    null,
    {
      timeout,
    },
  )

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  return { median: Math.round(median), min: Math.round(s[0]), max: Math.round(s[s.length - 1]) }
}

// 1. Open -> first preview.
const firstPreview = []
for (let i = 0; i < (want('open') ? runs : 0); i++) {
  const { context, page } = await open(null)
  await page.goto(base)
  await page.waitForFunction(() => window.__perf.firstPreview !== undefined, null, { timeout: 30_000 })
  firstPreview.push(await page.evaluate(() => window.__perf.firstPreview))
  await context.close()
}

// 2. Keystroke -> new run on screen, 10,000 events (5,000 hourly signups + 5,000 subscriptions).
const tenK = seedAdvanced
  .replace(/repeat: 30\n {4}frequency: daily/, 'repeat: 5000\n    frequency: hourly')
  .replace(/repeat: 30\n/, 'repeat: 5000\n    frequency: hourly\n')
if (!tenK.includes('repeat: 5000\n    frequency: hourly\n    data:\n      customer_id'))
  throw new Error('could not build the 10k story')
const firstUpdate = []
const fullUpdate = []
if (want('edit')) {
  const { context, page } = await open(tenK)
  await page.goto(base)
  await runDone(page)
  const total = await page.locator('.run-status').textContent()
  if (!/10,000 events/.test(total)) throw new Error(`expected 10,000 events, got ${total}`)
  for (let i = 0; i < runs; i++) {
    const before = await page.locator('.timeline-figure').getAttribute('data-run')
    // Put the cursor right after `'pro': 9x` and change the last digit.
    await page.locator('.monaco-editor .view-lines').first().click()
    await page.keyboard.press('Control+End')
    const line = page.locator('.view-line', { hasText: "'pro':" }).first()
    await line.click()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowLeft') // before the trailing comma
    const digit = String(i % 2 === 0 ? 8 : 9)
    await page.evaluate(() => {
      window.__perf.t0 = undefined
      window.__perf.shown = undefined
    })
    await page.keyboard.press('Backspace')
    await page.evaluate(() => {
      window.__perf.t0 = performance.now()
    })
    await page.keyboard.type(digit)
    const shown = await page.waitForFunction(
      ([prev]) => {
        const fig = document.querySelector('.timeline-figure')
        const grid = document.querySelector('.event-grid')
        const run = fig?.dataset.run
        if (!run || run === 'stale' || run === prev || grid?.dataset.run !== run) return false
        window.__perf.shown ??= performance.now()
        return window.__perf.shown
      },
      [before],
      { timeout: 20_000, polling: 'raf' },
    )
    const keyToShown = (await shown.jsonValue()) - (await page.evaluate(() => window.__perf.t0))
    // The Backspace alone makes a valid story too (`'pro': 9`): it is the second keystroke that counts.
    firstUpdate.push(keyToShown)
    await runDone(page)
    fullUpdate.push(
      (await page.evaluate(() => performance.now())) - (await page.evaluate(() => window.__perf.t0)),
    )
    await page.waitForTimeout(300)
  }
  await context.close()
}

// 3. Long tasks during a 1,000,000-event run, twice: pasted over a small story in the editor (as e2e/long-tasks
// does: the paste, the check and the first batches fall inside), then started again with Run.
let longTasks = null
if (!skip1m) {
  const oneM = readFileSync(new URL('../bench/reference-story.yaml', import.meta.url), 'utf8')
  const { context, page } = await open(seedAdvanced)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin })
  await page.goto(base)
  await page.waitForSelector('.monaco-editor .view-line', { timeout: 60_000 })
  await runDone(page)
  await page.waitForTimeout(1000)
  const measure = async (start) => {
    await page.waitForFunction(() => /Running/.test(document.querySelector('.run-status')?.textContent ?? ''))
    await page.waitForFunction(
      () => /^1,000,000 events in/.test(document.querySelector('.run-status')?.textContent ?? ''),
      null,
      { timeout: 300_000 },
    )
    const end = await page.evaluate(() => performance.now())
    const tasks = (await page.evaluate(() => window.__perf.longTasks)).filter(
      (t) => t.start >= start - 50 && t.start <= end,
    )
    const over50 = tasks.filter((t) => t.duration > 50)
    return {
      runMs: Math.round(end - start),
      count: over50.length,
      max: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      at: tasks.map((t) => `${Math.round(t.start - start)}:${Math.round(t.duration)}`),
    }
  }
  await page.evaluate((t) => navigator.clipboard.writeText(t), oneM)
  const pasted = await page.evaluate(() => performance.now())
  await page.locator('.monaco-editor .view-line').first().click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
  const paste = await measure(pasted)
  await page.waitForTimeout(1000)
  const clicked = await page.evaluate(() => performance.now())
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  const run = await measure(clicked)
  longTasks = { paste, run }
  await context.close()
}
// 4. The explorer over a finished 1M-event run (only when asked: it loads the whole run into DuckDB).
const explorer =
  only === 'explorer'
    ? await measureExplorer({
        base,
        open,
        runDone,
        story: readFileSync(new URL('../bench/reference-story.yaml', import.meta.url), 'utf8'),
      })
    : null
await browser.close()

const report = {
  machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform}`,
  chromium: browser.version?.() ?? '',
  openToFirstPreviewMs: firstPreview.length ? stats(firstPreview) : null,
  keystrokeToTimelineAndTableMs: firstUpdate.length ? stats(firstUpdate) : null,
  keystrokeToRunCompleteOnScreenMs: fullUpdate.length ? stats(fullUpdate) : null,
  longTasksDuring1MRun: longTasks,
  ...(explorer ? { explorerOver1MRun: explorer } : {}),
  loadAverage: `${loadAtStart} at the start, ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end`,
}
console.log(JSON.stringify(report, null, 2))
