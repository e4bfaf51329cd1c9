/**
 * Journey step 5 and determinism across runtimes: what the studio exports (generated in its worker) is
 * byte for byte what the CLI writes in Node for the same story and seed.
 */
import { cliGenerate, sha256 } from './cli.ts'
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED } from './studio-page.ts'

test('5. the NDJSON export has 60 lines and equals the CLI output for the same seed', async ({ studio }) => {
  const cli = cliGenerate('stories/seed-advanced.yaml', 7)
  await studio.open()
  await studio.openLibraryCopy(SEED_ADVANCED)
  await studio.setSeed(7)
  await studio.waitForRunDone(60)

  const { fileName, text } = await studio.exportRun('NDJSON')
  expect(fileName).toBe('seed-advanced-seed7.ndjson')
  expect(text.endsWith('\n')).toBe(true)
  expect(text.split('\n').slice(0, -1)).toHaveLength(60)
  expect(text).toBe(await cli)
})

/** Library stories that exercise faker, distributions, time zones, funnels and templates. */
const STORIES = [
  { file: 'ecommerce.yaml', name: 'E-commerce funnel (storefront + Stripe)' },
  { file: 'iot-telemetry.yaml', name: 'IoT telemetry (motor sensors)' },
  { file: 'stripe-webhooks.yaml', name: 'Stripe webhooks (handler test fixtures)' },
  { file: 'saas-funnel.yaml', name: 'SaaS funnel (PostHog + Stripe)' },
]
const SEED = 12345

test('the same story and seed give the same SHA-256 of the NDJSON in Node and in the browser worker', async ({
  studio,
}) => {
  test.setTimeout(240_000)
  // Node's side runs meanwhile: one CLI process per story (as `pnpm autosource generate`), one at a time so
  // the browser keeps a core.
  const node: Promise<string>[] = []
  for (const [i, s] of STORIES.entries()) {
    node.push(
      (node[i - 1] ?? Promise.resolve('')).then(() => cliGenerate(`stories/${s.file}`, SEED)).then(sha256),
    )
    // Awaited below; this only keeps a failure after an earlier failed assertion from going unhandled.
    node[i].catch(() => {})
  }
  await studio.open()
  // Export needs no preview: with Live off, opening a story does not run it first.
  await studio.live.uncheck()
  const lines: string[] = []
  for (const [i, story] of STORIES.entries()) {
    await studio.openLibraryCopy(story.name)
    await studio.setSeed(SEED)
    const { text } = await studio.exportRun('NDJSON')
    const browser = sha256(text)
    lines.push(`${story.file} seed ${SEED}: ${text.split('\n').length - 1} events, sha256 ${browser}`)
    expect(browser, `${story.file}: browser worker vs Node`).toBe(await node[i])
  }
  console.log(lines.join('\n'))
  test.info().annotations.push({ type: 'sha256', description: lines.join('\n') })
})
