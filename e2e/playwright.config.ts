/**
 * Playwright config: the production build (`vite preview`, port 4173) in Debian's Chromium, headless.
 * No browser is ever downloaded: the system binary is launched directly.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

/** Where Debian's chromium package puts the real binary (not the /usr/bin wrapper script). */
export const CHROMIUM = '/usr/lib/chromium/chromium'

/** The preview server's port (E2E_PORT: engineers sharing one machine each run their own preview). */
const PORT = Number(process.env.E2E_PORT ?? 4173)

/** The preview server's origin. */
export const BASE_URL = `http://localhost:${PORT}`

/**
 * The production build under test. `pnpm test:e2e` builds the studio here rather than in apps/studio/dist,
 * so a build started by someone else in the same checkout cannot swap the files under a running test.
 */
export const DIST = fileURLToPath(new URL('./.artifacts/dist/', import.meta.url))

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1'
if (!existsSync(`${DIST}index.html`)) {
  throw new Error(`No production build in ${DIST}: run \`pnpm test:e2e\` (it builds first).`)
}

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '.artifacts/test-results',
  // Generous: the machine has 2 cores and is shared with builds and unit tests in CI.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One worker: each page already keeps both cores busy (main thread + engine worker), and the long-task
  // measurement must not share the machine with another test.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { outputFolder: '.artifacts/report', open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `pnpm --filter @autosource/studio exec vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    cwd: '..',
    url: BASE_URL,
    // In CI always our own server on the fresh build; locally a preview already running is reused.
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
