/** Builders for the case tables: a valid story around the hostile part. */

/** The story header every case starts from (two days, UTC, seed 1). */
export const HEAD = `name: hostile
org_id: o
start_date: 2025-01-01
end_date: 2025-01-03
seed: 1
`

/** A story with one event definition: `data` lines (already indented by 6), `extra` lines (indented by 4). */
export function oneEvent(data: string, extra = '', head = HEAD): string {
  return `${head}events:
  - id: a
    source: s
    event: e
    repeat: 3
    every: duration(hours=1)
${extra}    data:
${data}
`
}

/** A story whose only data field `x` is `expression`. */
export function field(expression: string, extra = ''): string {
  return oneEvent(`      x: ${JSON.stringify(expression)}`, extra)
}

/** A story that includes `paths` (and has one event of its own). */
export function including(...paths: string[]): string {
  return `${HEAD}include: ${JSON.stringify(paths)}\n${oneEvent('      x: 1', '', '')}`
}

/** A fragment file that only has templates (what a story includes). */
export function templatesFile(name: string, marker: string): string {
  return `templates:\n  ${name}:\n    source: s\n    event: e\n    data:\n      secret: ${marker}\n`
}
