import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (stories/ and bench/ live there). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A fresh temp directory with the given files written into it. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'autosource-cli-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** A story with a typo'd key on line 7 and an unknown function on line 10. */
export const BAD_STORY = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: page.view
    repeat: 3
    frequncy: daily
    data:
      n: random(1, 6)
      m: nosuch(1)
`

/** A story whose text values need CSV quoting, nested data, and two event types. */
export const QUOTING_STORY = `org_id: 'acme, inc'
start_date: 2025-01-01
timezone: Europe/Berlin
events:
  - source: web
    event: page.view
    repeat: 3
    data:
      title: 'Say "hi", then leave'
      user: { id: uuid4(), geo: { country: DE } }
      tags: [a, b]
  - source: shop
    event: order.placed
    repeat: 2
    data:
      total: random(1, 100)
`

/** A story that runs but breaks its own output schema (a warning at run time). */
export const SCHEMA_VIOLATION_STORY = `org_id: acme
start_date: 2025-01-01
schemas:
  user.signup:
    fields:
      plan: { type: integer }
events:
  - source: app
    event: user.signup
    repeat: 4
    data:
      plan: choice(['free', 'pro'])
`

/** A story that generates for minutes, a few events at a time (a sparse schedule): for stop tests. */
export const ENDLESS_STORY = `org_id: acme
start_date: 2025-01-01
events:
  - source: app
    event: tick
    repeat: 100000000
    frequency: minutely
    probability: 0.001
    data:
      n: random(1, 6)
`
