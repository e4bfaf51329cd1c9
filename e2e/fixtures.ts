/**
 * The e2e `test`: every page is watched for requests to other hosts and for console errors (both fail
 * the test at its end), and `studio` is the page object of the default page.
 */
import { type BrowserContext, test as base, expect } from '@playwright/test'
import { StudioPage } from './studio-page.ts'

/** Requests and console errors seen in the watched browser contexts. */
export interface PageGuards {
  /** URLs of requests to any host but localhost. */
  foreignRequests: string[]
  /** Console errors and uncaught exceptions. */
  consoleErrors: string[]
  /** Watches another context (e.g. a fresh one that opens a share link). */
  watch(context: BrowserContext): void
  /** Console errors matching this are expected by the test (e.g. a deliberately broken link). */
  allowConsoleError(pattern: RegExp): void
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** True for URLs that never leave the machine (the preview server, data: and blob: URLs). */
export function isLocalUrl(url: string): boolean {
  const u = new URL(url)
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true
  return LOCAL_HOSTS.has(u.hostname)
}

/** The e2e test function with the `studio` and `guards` fixtures. */
export const test = base.extend<{ studio: StudioPage; guards: PageGuards }>({
  guards: [
    async ({ context }, use) => {
      const allowed: RegExp[] = []
      const guards: PageGuards = {
        foreignRequests: [],
        consoleErrors: [],
        watch(ctx) {
          // Context-level events also cover the page's workers (the engine, Monaco's and monaco-yaml's).
          ctx.on('request', (r) => {
            if (!isLocalUrl(r.url())) guards.foreignRequests.push(r.url())
          })
          ctx.on('console', (m) => {
            if (m.type() === 'error') guards.consoleErrors.push(m.text())
          })
          ctx.on('weberror', (e) => guards.consoleErrors.push(`uncaught: ${e.error().message}`))
        },
        allowConsoleError(pattern) {
          allowed.push(pattern)
        },
      }
      guards.watch(context)
      await use(guards)
      expect(guards.foreignRequests, 'requests to hosts other than localhost').toEqual([])
      expect(
        guards.consoleErrors.filter((m) => !allowed.some((p) => p.test(m))),
        'console errors',
      ).toEqual([])
    },
    { auto: true },
  ],
  studio: async ({ page }, use) => {
    await use(new StudioPage(page))
  },
})

export { expect }
