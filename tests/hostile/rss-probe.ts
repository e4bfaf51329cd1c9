/** Preloaded into CLI children (--import): writes the process's peak RSS (KiB) when it exits. */
import { writeFileSync } from 'node:fs'

const out = process.env.HOSTILE_RSS_FILE
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))
