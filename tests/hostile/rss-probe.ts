/**
 * Preloaded into CLI children (--import): writes the process's peak RSS (KiB) when it exits, and a
 * marker file as soon as the CLI installs its SIGINT handler (the harness signals only after that,
 * so a slow start on a busy machine never turns into a false "killed by the signal").
 */
import { writeFileSync } from 'node:fs'

const out = process.env.HOSTILE_RSS_FILE
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))

const ready = process.env.HOSTILE_READY_FILE
if (ready) {
  for (const method of ['on', 'once', 'addListener', 'prependListener'] as const) {
    const original = process[method].bind(process) as (event: string, listener: () => void) => NodeJS.Process
    ;(process as unknown as Record<string, unknown>)[method] = (event: string, listener: () => void) => {
      const result = original(event, listener)
      if (event === 'SIGINT' || event === 'SIGTERM') writeFileSync(ready, '1')
      return result
    }
  }
}
