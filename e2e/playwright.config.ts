/**
 * Playwright config: the production build (`vite preview`, port 4173) in Debian's Chromium, headless.
 * No browser is ever downloaded: the system binary is launched directly.
 */
import { defineConfig } from '@playwright/test'

/** Where Debian's chromium package puts the real binary (not the /usr/bin wrapper script). */
export const CHROMIUM = '/usr/lib/chromium/chromium'

/** The preview server's origin. */
export const BASE_URL = 'http://localhost:4173'

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '.artifacts/test-results',
  // Generous: the machine has 2 cores and is shared with builds and unit tests in CI.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two workers on 2 cores; the long-task measurement runs alone in its own serial file.
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
    command: 'pnpm preview',
    cwd: '..',
    url: BASE_URL,
    // In CI always our own server on the fresh build; locally an already running preview serves the same dist/.
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
