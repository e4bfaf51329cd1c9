/** Issue 25: "New from sample data": pasted or dropped samples become a draft with the inferred story. */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from './cli.ts'
import { expect, test } from './fixtures.ts'

const run = promisify(execFile)

test.use({ viewport: { width: 1280, height: 720 } })

/** `autosource ARGS...` from source (as `pnpm autosource`), stdout. */
async function cli(args: string[]): Promise<string> {
  const main = join(ROOT, 'packages/cli/src/main.ts')
  const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
}

test('pasted NDJSON samples become a draft whose run matches the CLI', async ({ studio, page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'autosource-e2e-infer-'))
  try {
    const samples = await cli(['generate', join(ROOT, 'stories/saas-funnel.yaml'), '--limit', '300'])
    await writeFile(join(dir, 'samples.ndjson'), samples)
    await cli(['infer', join(dir, 'samples.ndjson'), '--out', join(dir, 'story.yaml')])
    const story = await readFile(join(dir, 'story.yaml'), 'utf8')
    const expected = (await cli(['generate', join(dir, 'story.yaml')])).trim().split('\n').length

    await studio.open()
    await studio.stories.getByRole('button', { name: 'New from sample data' }).click()
    const dialog = page.getByRole('dialog', { name: 'New from sample data' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('textbox', { name: 'Sample events' }).fill(samples)
    await page.screenshot({ path: join(ROOT, 'e2e/.artifacts/new-from-sample.png') })
    await dialog.getByRole('button', { name: 'Create draft' }).click()
    await expect(dialog).toBeHidden()
    await expect(studio.draftButton('From sample data')).toHaveAttribute('aria-current', 'page')
    await studio.waitForEditor()
    const lines = await studio.editorLines()
    // The pasted samples are named "pasted samples"; otherwise the story is the CLI's, byte for byte.
    expect(lines[0]).toBe(story.split('\n')[0].replace(join(dir, 'samples.ndjson'), 'pasted samples'))
    await studio.waitForRunDone(expected, 60_000)
    await expect(studio.events).toContainText('user_signed_up')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('bad samples are listed with their lines and no draft is made', async ({ studio, page }) => {
  await studio.open()
  const before = await studio.stories.getByRole('listitem').count()
  await studio.stories.getByRole('button', { name: 'New from sample data' }).click()
  const dialog = page.getByRole('dialog', { name: 'New from sample data' })
  await dialog.getByRole('textbox', { name: 'Sample events' }).fill('{"type":"a","ts":1735689600}\n{oops\n')
  await dialog.getByRole('button', { name: 'Create draft' }).click()
  await expect(dialog.getByRole('alert', { name: 'Sample problems' })).toContainText('line 2: not valid JSON')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  expect(await studio.stories.getByRole('listitem').count()).toBe(before)
})
